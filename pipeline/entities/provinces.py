"""PROVINCE mentions: Vietnam's 63 pre-2025 and 34 post-2025 provinces and centrally-run cities.

Names, types and the July 2025 merger come from the vietnamadminunits package's data files;
only spellings it lacks (BR-VT, TP.HCM, Đăk Lăk, ...) and the context rules live in
pipeline/data/province_aliases.json. Matching runs on the normalised text (tone marks,
spaces) and on an accent-free copy of it; spans are mapped back to the original text.
"""
import importlib.util
import json
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import regex

from ..tables import load_table
from ..text.normalize import normalize, normalized_span
from ..text.phrases import ends_with_word

_SEP = r"(?:\s*[-–—.]\s*|\s+|)"
_LETTERS = regex.compile(r"\p{L}+")
_TRAILING = regex.compile(r"[\s,;:()\"'“”]+$")
_PREV_CAPITAL = regex.compile(r"\p{Lu}\p{L}*[ ]+$")


def _package_table(name):
    """A data file of vietnamadminunits, read without importing the package (its import pulls geopy)."""
    spec = importlib.util.find_spec("vietnamadminunits")
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("vietnamadminunits is not installed")
    base = Path(list(spec.submodule_search_locations)[0]) / "data"
    return json.loads((base / f"{name}.json").read_text(encoding="utf-8"))["DICT_PROVINCE"]


@lru_cache(maxsize=4096)
def _base_char(ch):
    """The letter without diacritics (đ -> d); one character in, one out."""
    if ch == "đ":
        return "d"
    if ch == "Đ":
        return "D"
    decomposed = unicodedata.normalize("NFD", ch)
    return decomposed[0] if decomposed else ch


@lru_cache(maxsize=1)
def _strip_table():
    """str.translate table: each precomposed Latin letter (U+00C0-U+1EFF) to its base letter, đ to d."""
    table = {}
    for cp in range(0xC0, 0x1F00):
        base = _base_char(chr(cp))
        if base != chr(cp):
            table[cp] = base
    return table


def strip_accents(text):
    """Same-length copy of ``text`` without Vietnamese diacritics."""
    return text.translate(_strip_table())


def _key(text):
    """Accented matching key: letters only, lower-cased, NFC, new-style tone marks."""
    return "".join(_LETTERS.findall(normalize(text).text)).lower()


def _letters(text):
    return "".join(_LETTERS.findall(normalize(text).text))


@dataclass(frozen=True)
class _Gazetteer:
    accented: dict        # accented key -> canonical
    ascii_keys: dict      # accent-free key -> canonical
    abbreviations: dict   # letters as written (case kept) -> canonical
    to_2025: dict         # canonical -> province after the 2025 merger
    central: frozenset    # canonical names of centrally-run cities
    pattern: object       # compiled regex over the accent-free text
    blocked: object       # compiled regex of phrases that are not provinces
    all_caps: frozenset   # canonical names needing every syllable capitalised
    rules: dict


@lru_cache(maxsize=1)
def _gazetteer():
    table = load_table("province_aliases")
    overrides = table["canonical_overrides"]
    legacy = _package_table("parser_legacy")
    new = _package_table("parser_from_2025")
    merger = _package_table("converter_2025")

    canonical_of_key, central, to_2025 = {}, set(), {}
    not_central = set(table["not_centrally_run"])
    for key, row in legacy.items():
        short = row["provinceShort"]
        canon = overrides.get(short, short)
        canonical_of_key[key] = canon
        if row["province"].lower().startswith("thành phố") and short not in not_central:
            central.add(canon)
    for new_key, old_keys in merger.items():
        for old in old_keys:
            to_2025[canonical_of_key[old]] = new[new_key]["provinceShort"]
    new_names = [row["provinceShort"] for row in new.values()]
    for name in new_names:
        to_2025.setdefault(name, name)

    names = {}
    for canon in canonical_of_key.values():
        names[canon] = canon
    for name in new_names:
        names.setdefault(name, name)
    names.update(table["aliases"])
    accented = {_key(v): c for v, c in names.items()}
    ascii_keys = {strip_accents(k): c for k, c in accented.items()}
    abbreviations = {_letters(v): c for v, c in table["abbreviations"].items()}

    unmatched = {_key(v) for v in table["not_matched_alone"]}
    spelled = [v for v in names if _key(v) not in unmatched] + list(table["abbreviations"])
    alternatives = set()
    for v in spelled:
        tokens = [strip_accents(t) for t in _LETTERS.findall(normalize(v).text)]
        alternatives.add(_SEP.join(regex.escape(t) for t in tokens))
    body = "|".join(sorted(alternatives, key=len, reverse=True))
    pattern = regex.compile(rf"(?<![\p{{L}}\p{{N}}])(?:{body})(?![\p{{L}}\p{{N}}])", regex.IGNORECASE)
    blocked = regex.compile("|".join(regex.escape(normalize(p).text) for p in table["blocked_phrases"]),
                            regex.IGNORECASE)
    return _Gazetteer(accented, ascii_keys, abbreviations, to_2025, frozenset(central), pattern, blocked,
                      frozenset(table["all_capitalised"]), table)


def canonical_province(name):
    """Canonical (official-list, pre-2025 where it existed) name for a written province name, else None."""
    if not name:
        return None
    g = _gazetteer()
    text = normalize(str(name)).text.strip()
    text = regex.sub(r"^(?:tỉnh|thành phố|tp\.?|t\.p\.?)\s*", "", text, flags=regex.IGNORECASE)
    key = _key(text)
    if not key:
        return None
    if key in g.accented:
        return g.accented[key]
    for abbr, canon in g.abbreviations.items():
        if abbr.lower() == key:
            return canon
    return g.ascii_keys.get(strip_accents(key))


def province_2025(canonical):
    """The province ``canonical`` belongs to after the 1 July 2025 merger (34 units), else None."""
    if not canonical:
        return None
    g = _gazetteer()
    if canonical in g.to_2025:
        return g.to_2025[canonical]
    resolved = canonical_province(canonical)
    return g.to_2025.get(resolved) if resolved else None


def _resolve(g, written):
    """(canonical, is_abbreviation) for a matched stretch of normalised text, or (None, False)."""
    letters = "".join(_LETTERS.findall(written))
    if letters in g.abbreviations:
        return g.abbreviations[letters], True
    key = letters.lower()
    if key in g.accented:
        return g.accented[key], False
    if written.isascii() and len(key) >= g.rules["ascii_min_length"] and key in g.ascii_keys:
        return g.ascii_keys[key], False
    return None, False


def _capitalised(written, canonical, g):
    words = _LETTERS.findall(written)
    if not words or not words[0][0].isupper():
        return False
    if canonical in g.all_caps:
        return all(w[0].isupper() for w in words)
    return True


def _keep(norm_text, start, end, canonical, abbreviation, g):
    """Context rules of the guide: towns, districts, streets and the person Hồ Chí Minh are not provinces.

    True or False; None for a bare 'Hồ Chí Minh' whose neighbours decide (`_bare_city_ok`).
    """
    rules = g.rules
    window = norm_text[max(0, start - 60):start].lower().rsplit("\n", 1)[-1]
    before = _TRAILING.sub("", window)
    raw_before = window.rstrip()
    if ends_with_word(raw_before, rules["town_words_before"]):
        if canonical not in g.central:
            return False
    elif (ends_with_word(raw_before, rules["unit_words_before"])
          and not ends_with_word(raw_before, rules["not_unit_words"])):
        return False
    if canonical == "Hồ Chí Minh" and not abbreviation:
        if ends_with_word(raw_before, rules["town_words_before"]):
            return True
        after = norm_text[end:end + 30].lower().lstrip(" ,")
        if ends_with_word(before, rules["person_words_before"]):
            return False
        if any(after.startswith(w) for w in rules["person_words_after"]):
            return False
        return None  # decided by its neighbours (see _bare_city_ok)
    return True


def _bare_city_ok(norm_text, cand, others, rules):
    """A bare 'Hồ Chí Minh' is the city when listed with other provinces or after 'tại', 'ở', ..."""
    s, e = cand[0], cand[1]
    window = norm_text[max(0, s - 40):s].lower().rsplit("\n", 1)[-1]
    if ends_with_word(window.rstrip(), rules["hcm_place_words_before"]):
        return True
    seps = rules["list_separators"]
    for o in others:
        if o is cand:
            continue
        gap = norm_text[e:o[0]] if o[0] >= e else norm_text[o[1]:s] if o[1] <= s else None
        if gap is not None and gap.strip().lower() in seps:
            return True
    return False


_HUE = regex.compile(r"(?<![\p{L}\p{N}])Huế(?![\p{L}\p{N}])")
_NOT_HUE_BEFORE = regex.compile(r"(?<![\p{L}])(?:đường|(?<!thành )phố|sông|bún|món|chè|nhã nhạc|ca|trường|đại học|Thừa Thiên)[\s-]*$",
                                regex.IGNORECASE)


def _hue_2025(nt, chosen, published):
    """Bare "Huế" spans that are the centrally-run city (guide S21): only in news published in 2025 or
    later; before that it is the city inside Thừa Thiên Huế, not a PROVINCE."""
    year = str(published or "")[:4]
    if not (year.isdigit() and int(year) >= 2025):
        return []
    out = []
    for m in _HUE.finditer(nt):
        s, e = m.span()
        if any(s < ce and cs < e for cs, ce, *_ in chosen) or _NOT_HUE_BEFORE.search(nt, max(0, s - 15), s):
            continue
        out.append((s, e))
    return out


def find_provinces(source, published=None):
    """Every PROVINCE mention of ``source`` (the article's `Document`, or its text), as entity dicts sorted
    by start, offsets into the text as read. ``published`` (ISO date) decides whether a bare "Huế" is the
    centrally-run city (2025 and later, guide S21)."""
    g = _gazetteer()
    text, norm = normalized_span(source)
    nt = norm.text
    folded = strip_accents(nt)
    blocked = [(m.start(), m.end()) for m in g.blocked.finditer(nt)]
    candidates = []
    for m in g.pattern.finditer(folded, overlapped=True):
        s, e = m.span()
        written = nt[s:e]
        canonical, abbreviation = _resolve(g, written)
        if canonical is None or not _capitalised(written, canonical, g):
            continue
        if not all(w[0].isupper() for w in _LETTERS.findall(written)) and _PREV_CAPITAL.search(nt, 0, s):
            continue  # "Việt Nam định cư": a lower-case syllable inside another proper name
        if any(s < be and bs < e for bs, be in blocked):
            continue
        candidates.append((s, e, canonical, abbreviation))
    candidates.sort(key=lambda c: (-(c[1] - c[0]), c[0]))
    chosen = []
    for c in candidates:
        if all(c[1] <= k[0] or c[0] >= k[1] for k in chosen):
            chosen.append(c)
    out = []
    chosen.sort()
    for cand in chosen:
        s, e, canonical, abbreviation = cand
        keep = _keep(nt, s, e, canonical, abbreviation, g)
        if keep is None:
            keep = _bare_city_ok(nt, cand, chosen, g.rules)
        if not keep:
            continue
        os_, oe = norm.to_original(s, e)
        out.append({"label": "PROVINCE", "text": text[os_:oe], "start": os_, "end": oe,
                    "value": canonical, "province_2025": province_2025(canonical)})
    for s, e in _hue_2025(nt, chosen, published):
        os_, oe = norm.to_original(s, e)
        out.append({"label": "PROVINCE", "text": text[os_:oe], "start": os_, "end": oe,
                    "value": "Huế", "province_2025": "Huế"})
    return sorted(out, key=lambda x: x["start"])
