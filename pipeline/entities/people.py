"""PER entities: personal names in Vietnamese news, found by rules over capitalised runs.

A name is a run of capitalised syllables that starts with a known surname, or
follows a title / honorific / photo-credit marker, or sits in the byline at the
end of the article, or looks foreign (not a Vietnamese syllable); a given name
used alone is linked to the full name written elsewhere in the article.  Titles
and honorifics are never part of the span; the title written before a name is
kept in the entity's ``title``.  Rules and tables only: no model is run.
"""
import unicodedata
from functools import lru_cache
from pathlib import Path

import regex

from ..tables import load_table
from ..text.normalize import fold_key, normalized_span
from ..text.compiled import compiled

_TOKEN = regex.compile(
    r"\p{Lu}\.\p{Lu}[\p{Ll}\p{M}]*(?:-\p{Ll}[\p{Ll}\p{M}]*)+(?![\p{L}\p{M}])"   # initial + transliteration: V.Pu-tin
    r"|(?:\p{Lu}\.){2,}(?:\p{Lu}(?![\p{L}\p{M}]))?"         # initials: H.B., C.M.C
    r"|\p{Lu}[a-z]+-[a-z]{1,3}(?![\p{L}\p{M}])"                      # Korean given names: Hang-seo
    r"|\p{Lu}[\p{Ll}\p{M}]*(?:-\p{Ll}[\p{Ll}\p{M}]*)+(?![\p{L}\p{M}])"   # transliterated: Ti-lơ-xơn, Kít-xli-ắc
    r"|(?:al|el)-\p{Lu}[\p{L}\p{M}']+"                    # Arabic names: al-Assad, al-Za'abi
    r"|(?<=\p{Lu}[\p{Ll}]+ )\p{Lu}\.(?= \p{Lu}[\p{Ll}])"       # a middle initial: George W. Bush
    r"|[\p{L}\p{M}\p{N}]+(?:[-.](?=[\p{Lu}\p{N}])[\p{L}\p{M}\p{N}]+)*"  # words, BR-VT, TP.HCM, GS.TS
    r"|\S",
    regex.V1,
)
_INITIALS = regex.compile(r"(?:\p{Lu}\.){2,}|(?:\p{Lu}\.)+\p{Lu}(?![\p{L}\p{M}])", regex.V1)
_INITIAL_NAME = regex.compile(r"\p{Lu}\.\p{Lu}[\p{Ll}\p{M}]+", regex.V1)   # "P.Thảo": an initial and a name
_NAME_WORD = regex.compile(r"(?:\p{Lu}\.)?\p{Lu}[\p{Ll}\p{M}]*(?:-\p{Ll}[\p{Ll}\p{M}]*)*"
                           r"|(?:Mc|Mac|De|Di|Le|La|Van|Von|O')\p{Lu}[\p{Ll}\p{M}]+"   # McCain
                           r"|(?:al|el)-\p{Lu}[\p{Ll}\p{M}']+"                          # al-Assad
                           r"|[A-Z][a-z]+(?:-[A-Z][a-z]+)+", regex.V1)                  # Karl-Heinz
_TRANSLIT = regex.compile(r"(?:\p{Lu}\.)?\p{Lu}[\p{Ll}\p{M}]*(?:-\p{Ll}[\p{Ll}\p{M}]*)+", regex.V1)
_CAPS_SYLLABLE = regex.compile(r"\p{Lu}[\p{Lu}\p{M}]+", regex.V1)
_HSPACE = regex.compile(r"[^\S\n\r]+")
_CREDIT = None  # compiled lazily from the table
_CLAUSE_STOP = set(",;:.!?()[]\n\r\"“”«»…")
_TERMINATORS = ".!?…"
_BLOCKED = "blocked"  # _decide: a place or a thing named after a person; never a short mention either

# Vietnamese syllable, checked on the diacritic-free lower-cased form.
_VI_SYLLABLE = regex.compile(
    r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|b|c|d|g|h|k|l|m|n|p|r|s|t|v|x)?"
    r"(?:a|e|i|o|u|y|ai|ao|au|ay|eo|eu|ia|ie|iu|oa|oe|oi|oo|ua|ue|ui|uo|uu|uy|ye|oai|oay|oeo|uay|uoi|uou|uya|uye|uyu|ieu|yeu)"
    r"(?:ch|ng|nh|c|m|n|p|t)?"
)


@lru_cache(maxsize=1)
def two_syllable_words():
    """Lower-cased two-syllable Vietnamese words (underthesea's Viet74K word list, read without importing
    underthesea): "thể thao", "dự án", "đào tạo". A capitalised syllable glued to the next lower-case one
    into such a word starts a common noun, not a name ("Đoàn Thể thao", "Giám đốc Dự án")."""
    import importlib.util
    from ..errors import CamketError
    spec = importlib.util.find_spec("underthesea")
    path = Path(spec.submodule_search_locations[0]) / "corpus" / "data" / "Viet74K.txt" if spec else None
    if path is None or not path.is_file():
        raise CamketError("underthesea's word list (corpus/data/Viet74K.txt) is missing: reinstall underthesea")
    with open(path, encoding="utf-8") as f:
        lines = fold_key(f.read()).split("\n")  # one normalisation pass over the whole list
    return frozenset(w.strip() for w in lines if w.strip().count(" ") == 1)


@lru_cache(maxsize=16384)
def _key(s):
    """Matching key: normalised, lower-cased."""
    return fold_key(s)


@lru_cache(maxsize=16384)
def _ascii(s):
    """Lower-cased, diacritics removed, đ -> d."""
    s = unicodedata.normalize("NFD", s.lower()).replace("đ", "d").replace("\u0111", "d")
    return "".join(c for c in s if not unicodedata.combining(c))


@lru_cache(maxsize=16384)
def _is_foreign(word):
    """True when ``word`` cannot be a Vietnamese syllable (Rodrigo, Dias, Zhu, Ya)."""
    if "-" in word and _TRANSLIT.fullmatch(word) and not regex.fullmatch(r"\p{Lu}[a-z]+-[a-z]{1,3}", word):
        return True  # a foreign name written by syllables: "Ti-lơ-xơn"
    a = _ascii(word)
    if not a.isascii() or not a.isalpha():
        return False
    return _VI_SYLLABLE.fullmatch(a) is None


@lru_cache(maxsize=1)
def _tables():
    """Load the rule tables once, as lookup sets keyed like ``_key``."""
    names = load_table("person_names")
    titles = load_table("titles")
    t = {
        "surnames": {_key(s) for s in names["surnames"]},
        "surnames_ascii": {_ascii(s) for s in names["surnames_common_ascii"]},
        "honorifics": {_key(s) for s in names["honorifics"]},
        "honorifics_cap": {_key(s) for s in names["honorifics_capitalised"]},
        "split": {_key(s) for s in names["sentence_words"] if " " not in s},
        "place_words": {_key(s) for s in names["place_words"]},
        "admin_words": {_key(s) for s in names["place_words_admin"]},
        "places": {_key(s) for s in names["places"] + names["non_names"] + names["districts"]},
        "major_places": {_key(s) for s in names["places"]},
        "person_not_place": {_key(k): {_key(v) for v in vs} for k, vs in names["person_not_place"].items()},
        "foreign_stop": {_ascii(s) for s in names["foreign_non_names"]},
        "compounds": {_key(s) for s in names["compound_heads"]},
        "heads": {_key(s) for s in titles["heads"]},
        "prefixes": {_key(s) for s in titles["prefixes"]},
        "max_title_words": titles.get("max_title_words", 14),
        "not_in_title": {_key(w) for w in titles["not_in_title"]},
        "credit": [_key(s) for s in names["credit_markers"]],
    }
    t["triggers"] = t["heads"] | t["honorifics"]
    t["agencies"] = {_key(a) for a in load_table("sentence_rules")["credit_agencies"]}
    t["max_place"] = max(len(p.split()) for p in t["places"])
    t["org_first"] = {_key(s) for s in names["org_first_words"]}  # a lone word after a title: "Hiệu trưởng Trường"
    return t


def _credit_re():
    """Regex for credit markers followed by a colon ("Ảnh:", "Bài, ảnh:", "Nguồn:")."""
    global _CREDIT
    if _CREDIT is None:
        markers = sorted({m for m in _tables()["credit"] if m != "theo"}, key=len, reverse=True)
        alt = "|".join(regex.escape(m).replace(r"\ ", r"\s*") for m in markers)
        _CREDIT = regex.compile(r"(?i)(?<![\p{L}\p{M}])(?:" + alt + r")\s*:\s*", regex.V1)
    return _CREDIT


# ---------------------------------------------------------------- tokens and runs

def _tokens(text):
    """(start, end, word) for every token of ``text``."""
    return [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text)]


@lru_cache(maxsize=16384)
def _is_cap(word):
    """A capitalised name-like word (not an acronym, no digits or dots)."""
    if _INITIALS.fullmatch(word) or (len(word) == 2 and word[1] == "." and word[0].isupper()):
        return True
    return bool(_NAME_WORD.fullmatch(word)) and not (len(word) > 1 and word.isupper())


def _prev_words(text, toks, i, n=7):
    """Keys of up to ``n`` tokens before token ``i`` when joined by plain spaces (stops at punctuation)."""
    out = []
    j = i - 1
    while j >= 0 and len(out) < n:
        gap = text[toks[j][1]:toks[j + 1][0]]
        if gap and not _HSPACE.fullmatch(gap):
            break
        w = toks[j][2]
        if not (w[0].isalnum()):
            break
        out.append(_key(w))
        j -= 1
    return list(reversed(out))


def _ends_with(words, phrases, maxlen=5):
    """Length of the longest tail of ``words`` found in ``phrases`` (0 if none)."""
    for k in range(min(maxlen, len(words)), 0, -1):
        if " ".join(words[-k:]) in phrases:
            return k
    return 0


def _runs(text, toks):
    """Index lists of maximal runs of capitalised tokens joined by horizontal spaces."""
    runs, cur = [], []
    for i, (s, e, w) in enumerate(toks):
        if _is_cap(w) and (not cur or _HSPACE.fullmatch(text[toks[cur[-1]][1]:s] or "x")):
            cur.append(i)
            continue
        if cur:
            runs.append(cur)
        cur = [i] if _is_cap(w) else []
    if cur:
        runs.append(cur)
    return runs


def _place_prefix(words, t):
    """Number of leading words forming a known place (longest match), else 0."""
    for k in range(min(t["max_place"], len(words)), 0, -1):
        if " ".join(words[:k]) in t["places"]:
            return k
    return 0


def _segments(toks, run, t, triggered=False):
    """Split a run at sentence/organisation words, honorifics and leading place names.

    A place-like run right after a title or honorific ("thủ môn Văn Lâm") is kept whole.
    """
    segs, cur = [], []
    i = 0
    while i < len(run):
        idx = run[i]
        if not cur:
            words = [_key(toks[j][2]) for j in run[i:i + t["max_place"]]]
            k = _place_prefix(words, t)
            if k == 1 and i + 1 < len(run):
                nxt = toks[run[i + 1]][2]  # "Mỹ Donald Trump" but "Mỹ Tâm", "Anh Quân" are names
                if not (_key(nxt) in t["surnames"] or _is_foreign(nxt)):
                    k = 0
            if k and " ".join(words[:k]) not in t["person_not_place"] and not (triggered and i == 0 and k == len(run) and " ".join(words[:k]) not in t["major_places"]):
                i += k
                continue
        key = _key(toks[idx][2])
        if len(cur) >= 2 and _is_foreign(toks[idx][2]) and not any(_is_foreign(toks[j][2]) for j in cur):
            segs.append(cur)  # "Lý Huỳnh Long Ya Suy": a foreign name starts after a Vietnamese one
            cur = []
        keep_split = (key in t["split"] and key not in t["honorifics_cap"] and cur and _key(toks[cur[0]][2]) in t["surnames"]
                      and ((len(cur) == 2 and i == len(run) - 1)      # "Hoàng Thị Hội"
                           or (len(cur) == 1 and i + 1 < len(run) and i + 2 >= len(run))))  # "Nguyễn Như Ý"
        if not keep_split and (key in t["split"] or key in t["honorifics_cap"]
                               or (not cur and key in t["heads"] and i + 1 < len(run))):
            if cur:  # a sentence word, or a title capitalised at the start: "Tướng Raymond Thomas"
                segs.append(cur)
            cur = []
            i += 1
            continue
        cur.append(idx)
        i += 1
    if cur:
        segs.append(cur)
    return segs


# ---------------------------------------------------------------- contexts

def _byline_start(text):
    """Start of the trailing byline region (after the last sentence end) or None."""
    stripped = text.rstrip()
    if not stripped:
        return None
    cut = max(stripped.rfind(c) for c in _TERMINATORS + "\n")
    # a final "./." or a full stop just before the byline
    tail = stripped[cut + 1:]
    if cut < 30 or len(tail.strip()) == 0 or len(tail) > 100:  # a byline follows at least one sentence
        return None
    lower_words = [w for w in compiled(r"[\p{L}\p{M}]+").findall(tail) if w[0].islower()]
    if len(lower_words) > 3:
        return None
    return cut + 1


def _credit_starts(text):
    """Offsets where a photo/source credit name may start ("Ảnh: X", "Theo X/...")."""
    starts = {m.end() for m in _credit_re().finditer(text)}
    for m in compiled(r"(?<![\p{L}\p{M}])Theo\s+").finditer(text):
        starts.add(m.end())
    return starts


def _after_theo_ok(text, end):
    """A "Theo X" credit must end at "/", "(", a line end or the text end."""
    rest = text[end:end + 3].lstrip(" \t\u00a0")
    return rest == "" or rest[0] in "/(\n\r-–"


# ---------------------------------------------------------------- name decision

def _surname_split(words, raw, t, direct=False):
    """Index where the name starts (a surname followed by 1-3 syllables), else None. A surname before a
    province's name ("Đoàn Quảng Trị") is no name unless a title comes right before ("Phó Thủ tướng
    Trương Hòa Bình")."""
    n = len(words)
    for i in range(n):
        if n - i > 4:
            continue
        if n - i < 2:
            break
        w = words[i]
        if w in t["surnames"] or (raw[i].isascii() and _ascii(w) in t["surnames_ascii"] and not all(r.isascii() for r in raw[i + 1:])):
            if _place_prefix(words[i:], t) and " ".join(words[i:]) not in t["person_not_place"]:
                continue
            rest = " ".join(words[i + 1:])
            if rest in t["places"] and (w == "hồ" or n - i == 2 or (rest in t["major_places"] and not direct)):
                continue  # "Hồ Hoàn Kiếm": a lake; but "Phan Thanh Bình" is a person
            return i
    return None


def _decide(text, toks, seg, t, credit_starts, byline_from, words_glue):
    """(first, last, how) token indices of the name inside ``seg``; None if not a name; _BLOCKED if a place."""
    seg = list(seg)
    # drop trailing words that begin a title or organisation written in lower case after them
    while seg:
        last = seg[-1]
        nxt = toks[last + 1] if last + 1 < len(toks) else None
        if nxt and nxt[2][0].islower() and _HSPACE.fullmatch(text[toks[last][1]:nxt[0]] or "x"):
            pair = _key(toks[last][2]) + " " + _key(nxt[2])
            if pair in t["heads"] or pair in t["compounds"] or (words_glue and len(seg) > 1 and words_glue.get(toks[last][0], 0) > toks[last][1]):
                seg.pop()
                continue
            if pair in two_syllable_words() and (len(seg) <= 2 or len(seg) >= 4 or toks[seg[0]][0] in credit_starts) \
                    and not _ends_with(_prev_words(text, toks, seg[0]), t["honorifics"]):
                seg.pop()  # "Đoàn Thể thao", "Giám đốc Dự án": a common noun starts at the last word
                continue
        break
    if not seg:
        return None
    raw = [toks[i][2] for i in seg]
    words = [_key(w) for w in raw]
    first = seg[0]
    prev = _prev_words(text, toks, first)
    direct = _ends_with(prev, t["triggers"])
    k = _ends_with(prev, t["major_places"])
    if not direct and k:  # "Tổng thống Mỹ Donald Trump", "Thủ tướng Nhật Bản Shinzo Abe"
        direct = _ends_with(prev[:-k], t["triggers"])
    bare = prev[:-1] if prev and toks[first - 1][2].isupper() else prev  # skip an acronym: "Trường THPT"
    honor = _ends_with(prev, t["honorifics"])
    pw = _ends_with(prev, t["place_words"])
    place_before = ((pw or _ends_with(bare, t["place_words"])) and not direct
                    and " ".join(prev[-2:]) not in t["compounds"]  # "nông thôn" is no village
                    and not (pw == 1 and len(prev) >= 2 and " ".join(prev[-2:]) in two_syllable_words()
                             and " ".join(prev[-2:]) not in t["place_words"]))  # "thông báo" is no newspaper
    admin_before = _ends_with(prev, t["admin_words"]) and not direct
    while len(seg) > 2 and _is_foreign(raw[0]) and _ascii(raw[0]) in t["foreign_stop"]:
        seg, raw, words = seg[1:], raw[1:], words[1:]  # a brand before the name: "Apple Tim Cook"
    start_char = toks[seg[0]][0]
    credit = start_char in credit_starts
    if credit and text[max(0, start_char - 6):start_char].strip().lower().endswith("theo"):
        credit = _after_theo_ok(text, toks[seg[-1]][1])
    in_byline = byline_from is not None and start_char >= byline_from
    joined = " ".join(words)
    if (credit or in_byline) and (words[0] in t["agencies"] or " ".join(words[:2]) in t["agencies"]):
        return None  # "Ảnh: Getty Images", "Ảnh: Shutterstock": an agency, not a person (S14)

    if place_before and not credit:
        return _BLOCKED
    if first > 0 and toks[first - 1][2].isdigit() and len(toks[first - 1][2]) <= 3 and _HSPACE.fullmatch(text[toks[first - 1][1]:start_char] or "x"):
        return _BLOCKED  # a street after a house number: "số 12 Lê Lợi"
    if joined in t["person_not_place"]:
        before = _key(text[max(0, start_char - 12):start_char]).rstrip()
        if any(before.endswith(w) for w in t["person_not_place"][joined]):
            return _BLOCKED
        return seg[0], seg[-1], "name"
    if joined in t["major_places"] or (joined in t["places"] and not (honor or direct)):
        return _BLOCKED
    if any(_INITIALS.fullmatch(w) for w in raw):
        if (credit or in_byline or direct) and len(seg) <= 3:  # "Ảnh: N.H", "võ sư C.M.C" (guide S14)
            return seg[0], seg[-1], "credit" if credit or in_byline else "trigger"
        return None

    i = _surname_split(words, raw, t, bool(direct))
    if i is not None and not direct:
        for k in (3, 2):  # a club or firm named name + province: "Hoàng Anh Gia Lai"
            if len(words) - i - k >= 2 and " ".join(words[-k:]) in t["major_places"]:
                return None
    if admin_before and i is not None and i + 1 < len(words) - 2 and words[i + 1] in t["surnames"]:
        i += 1  # "xã Hòa Thạch Đỗ Văn Dương": the commune's name ends where a full name starts
    if admin_before and (i is None or credit or len(words) == 2):  # "xã Dương Hòa": a commune, not a person
        return _BLOCKED  # "xã An Phước", "tỉnh Hà Nam" (a surname-led name may follow "UBND tỉnh")
    if i is not None and (i == 0 or not direct):
        return seg[i], seg[-1], "name"
    if credit or (direct and len(seg) <= 4):
        if len(seg) == 1 and ((words[0] in t["org_first"] and not honor)
                              or (credit and not direct and not _INITIAL_NAME.fullmatch(raw[0]))):
            return None
        if len(seg) > 4:
            return None
        if any(_ascii(w) in t["foreign_stop"] for w in words if _is_foreign(w)):
            return None
        return seg[0], seg[-1], "credit" if credit else "trigger"
    if i is not None:
        return seg[i], seg[-1], "name"
    foreign = [w for w in raw if _is_foreign(w)]
    western = len(seg) >= 2 and _is_foreign(raw[-1]) and all(w.isascii() for w in raw) and words[0] not in t["surnames"]
    if foreign and (_is_foreign(raw[0]) or len(foreign) >= 2 or western) and len(seg) <= 4 \
            and not any(_ascii(w) in t["foreign_stop"] for w in raw):  # "Pep Guardiola": the last word decides
        # a place/club written after the foreign word ("Sanna Khánh Hòa") is not a person
        if len(seg) >= 2 and not _place_prefix(words[1:], t):
            return seg[0], seg[-1], "foreign"
        if len(seg) == 1:
            return seg[0], seg[0], "foreign1"
    if in_byline and 2 <= len(seg) <= 4:
        return seg[0], seg[-1], "byline"
    return None


_CAPS_AFTER = regex.compile(r"\s*\((?:thực hiện|TTXVN|tổng hợp|lược dịch)\)", regex.IGNORECASE)


def _caps_word(word, t):
    """A word in capitals that reads as a Vietnamese syllable ("TRỌNG", "LỢI"), not an acronym ("UBND")."""
    return (len(word) > 1 and bool(_CAPS_SYLLABLE.fullmatch(word)) and _ascii(word).isalpha()
            and _VI_SYLLABLE.fullmatch(_ascii(word)) is not None and _key(word) not in t["agencies"])


def _caps_credits(text, toks, credit_starts, t):
    """Token spans (first, last) of credits and bylines written in capitals (guide S14): "Ảnh: TRỌNG LỢI",
    "HỒNG HÀ (Thực hiện)", a closing line "GIA TUỆ - TÍN HUY"; and initials without dots as a credit
    ("Ảnh: GT"). Agencies ("Ảnh: AFP") are not people."""
    out = []
    n = len(toks)
    last = text.rstrip().rfind("\n")  # a byline in capitals is the last line, never the only one
    tail_from = last + 1 if last >= 0 else len(text)
    i = 0
    while i < n:
        w = toks[i][2]
        if not _caps_word(w, t):
            if toks[i][0] in credit_starts and len(w) == 2 and w.isupper() and w.isalpha() \
                    and _key(w) not in t["agencies"] and (i + 1 == n or text[toks[i][1]:toks[i + 1][0]].strip() in ("", ")", ".")):
                out.append((i, i))  # "Ảnh: GT"
            i += 1
            continue
        j = i
        while j + 1 < n and j - i < 3 and _caps_word(toks[j + 1][2], t) and _HSPACE.fullmatch(text[toks[j][1]:toks[j + 1][0]] or "x"):
            j += 1
        if j > i:
            s, e = toks[i][0], toks[j][1]
            line_s = text.rfind("\n", 0, s) + 1
            line_e = text.find("\n", e)
            line_e = len(text) if line_e < 0 else line_e
            line = [x for x in toks if line_s <= x[0] < line_e]
            own_line = len(line) <= 12 and all(_caps_word(x[2], t) or not x[2][0].isalnum() or _key(x[2]) in t["agencies"]
                                               or _key(x[2]) in ("thực", "hiện") for x in line)
            words = " ".join(_key(x[2]) for x in toks[i:j + 1])
            if words not in t["places"] and words not in t["agencies"] and (
                    s in credit_starts or _CAPS_AFTER.match(text, e) or (own_line and s >= tail_from)):
                out.append((i, j))
        i = j + 1
    return out


# ---------------------------------------------------------------- titles and links

def _title_before(text, start, t, lo=0):
    """The title written in the clause right before ``start`` ("Bí thư Tỉnh ủy"), or None."""
    j = start - 1
    lo = max(lo, start - 200)
    while j >= lo and (text[j] not in _CLAUSE_STOP or (text[j] == "." and text[j + 1].isalpha())):
        j -= 1
    clause = text[j + 1:start]
    spans = [(m.start(), m.end()) for m in compiled(r"[\p{L}\p{M}\p{N}]+(?:\.[\p{L}\p{M}\p{N}]+)*").finditer(clause)]
    if not spans:
        return None
    words = [_key(clause[a:b]) for a, b in spans]
    if _ends_with(words, t["honorifics"]):
        return None
    lim = t["max_title_words"]
    for k in range(max(0, len(words) - lim), len(words)):
        for m in (4, 3, 2, 1):
            if " ".join(words[k:k + m]) in t["heads"]:
                if any(w in t["not_in_title"] for w in words[k + m:]):
                    break  # "Đối tượng này hứa hẹn sẽ trả cho nhóm của X": a clause, not a title
                a = k
                while a > 0 and words[a - 1] in t["prefixes"]:
                    a -= 1
                title = clause[spans[a][0]:].strip(" \t\u00a0-–")
                return title or None
    return None


def _link(short, fulls, pos):
    """The full name a short mention refers to: its last syllables match; nearest earlier mention first."""
    sw = [_key(w) for w in short.split()]
    match = [(fs, full) for fs, full in fulls
             if len(full.split()) > len(sw) and [_key(w) for w in full.split()[-len(sw):]] == sw]
    if not match and len(sw) == 1:  # "Bác Hồ": the family name used alone
        match = [(fs, full) for fs, full in fulls if _key(full.split()[0]) == sw[0] and len(full.split()) > 1]
    if not match:
        return short
    before = [m for m in match if m[0] < pos]
    return max(before)[1] if before else min(match)[1]


def _words_glue(words):
    """start -> end of each multi-syllable word from the segmenter (a signal for trailing words)."""
    if not words:
        return None
    return {s: e for s, e in words}


# ---------------------------------------------------------------- entry point

def find_people(source, words=None):
    """PER entities of ``source`` (the article's `Document`, or its text): dicts with label, text, start,
    end (offsets into the text as read), value (full name), title.

    The rules read the normalised text (one Unicode form, one space), so a name written in decomposed
    Unicode or with odd spacing is found like any other. ``words`` (optional (start, end) spans from
    the word segmenter, original offsets) only refines where a name ends.
    """
    original, norm = normalized_span(source)
    if words:
        words = [norm.from_original(s, e) for s, e in words]
    out = []
    for p in _people_in(norm.text, words):
        s, e = norm.to_original(p["start"], p["end"])
        out.append(dict(p, text=original[s:e], start=s, end=e))
    return out


def _people_in(text, words=None, keep_how=False, toks=None, credit_starts=None, byline_from=-1, open_out=None,
               blocked_out=None):
    """PER entities of a normalised text (offsets into it); ``keep_how`` adds how each was found.
    ``toks``, ``credit_starts`` and ``byline_from`` may be passed when the caller has them already;
    ``open_out`` (a list) receives the token spans (first, last) of capitalised segments the rules left
    undecided (neither a name nor a place), where a name found elsewhere may be repeated; ``blocked_out``
    receives the spans of those the rules read as a place or a thing named after a person."""
    t = _tables()
    toks = _tokens(text) if toks is None else toks
    credit_starts = _credit_starts(text) if credit_starts is None else credit_starts
    byline_from = _byline_start(text) if byline_from == -1 else byline_from
    glue = _words_glue(words)
    found, pending, singles = [], [], []
    for run in _runs(text, toks):
        triggered = bool(_ends_with(_prev_words(text, toks, run[0]), t["triggers"]))
        for seg in _segments(toks, run, t, triggered):
            got = _decide(text, toks, seg, t, credit_starts, byline_from, glue)
            if got is _BLOCKED:
                if blocked_out is not None:
                    blocked_out.append((toks[seg[0]][0], toks[seg[-1]][1]))
                continue
            if got is None:
                pending.append(seg)
            elif got[2] == "foreign1":
                singles.append(got)
            else:
                found.append(got)
    taken_tok = {i for a, b, _ in found for i in range(a, b + 1)}
    for a, b in _caps_credits(text, toks, credit_starts, t):
        if not any(i in taken_tok for i in range(a, b + 1)):
            found.append((a, b, "credit"))
    spans = {(toks[a][0], toks[b][1]): how for a, b, how in found}

    def surface(a, b):
        return text[toks[a][0]:toks[b][1]]

    # full names (surname-led or foreign, 2+ words) give the forms a later short mention may take
    fulls = [(toks[a][0], surface(a, b)) for a, b, how in found if b > a and how in ("name", "foreign", "trigger")]
    short_any = {}
    for _, full in ((toks[a][0], surface(a, b)) for a, b, how in found if b > a and how in ("name", "foreign")):
        fw = full.split()
        short_any[_key(full)] = full
        if any(_is_foreign(w) for w in fw):
            short_any.setdefault(_key(fw[-1]), full)
        elif len(fw) >= 3:
            short_any.setdefault(_key(" ".join(fw[-2:])), full)
    # single foreign words coordinated with a person written in full ("Eydison, Gustavo Santos")
    ends = {e for s, e in spans}  # only next to a person written in full: two brands side by side are not people
    starts = {s for s, e in spans}
    taken = set()
    for _ in range(2):  # twice: a word coordinated later in the text also names its earlier mentions
        for a, _, _ in singles:
            s, e = toks[a][0], toks[a][1]
            if a in taken:
                continue
            before = compiled(r"(?:,|\svà)\s*$").search(text[max(0, s - 6):s])
            after = compiled(r"\s*(?:,|và\s)\s*").match(text[e:e + 6])
            left = bool(before) and (s - len(before.group())) in ends
            right = bool(after) and (e + after.end()) in starts
            if left or right or _key(text[s:e]) in short_any:
                taken.add(a)
                found.append((a, a, "foreign"))
                short_any.setdefault(_key(text[s:e]), text[s:e])
    if open_out is not None:
        open_out.extend((seg[0], seg[-1]) for seg in pending)
        open_out.extend((a, a) for a, _, _ in singles if a not in taken)
    for seg in pending:
        for lo in range(len(seg)):
            for hi in range(len(seg) - 1, lo - 1, -1):
                k = _key(text[toks[seg[lo]][0]:toks[seg[hi]][1]])
                if k in short_any:
                    found.append((seg[lo], seg[hi], "short"))
                    break
            else:
                continue
            break

    out, seen = [], set()
    last_end = 0
    for a, b, how in sorted(found, key=lambda x: toks[x[0]][0]):
        s, e = toks[a][0], toks[b][1]
        if (s, e) in seen:
            continue
        seen.add((s, e))
        name = text[s:e]
        if how in ("short", "trigger") or (b == a and not _is_foreign(name)):
            value = _link(name, fulls, s)
        else:
            value = name
        title = None if how in ("credit", "byline") else _title_before(text, s, t, last_end)
        last_end = e
        out.append({"label": "PER", "text": name, "start": s, "end": e, "value": value, "title": title})
        if keep_how:
            out[-1]["how"] = how
    return out
