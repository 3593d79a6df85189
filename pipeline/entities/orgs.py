"""ORG mentions: government and party bodies, ministries and departments, state groups and companies.

Used for actor attribution: each ORG carries "province" when its name holds one ("UBND tỉnh
Bình Phước", "Tỉnh ủy Bến Tre", "Sở TT&TT TP.HCM"). Patterns are data in
pipeline/data/org_patterns.json; matching runs on the normalised text, case-sensitively.
"""
from functools import lru_cache

import regex

from ..tables import load_table
from ..text.normalize import normalize, normalized_span
from .provinces import canonical_province, find_provinces

_TOKEN = regex.compile(r"[ ]+(?P<tok>[\p{L}\p{N}][\p{L}\p{N}&]*(?:[\-.][\p{L}\p{N}&]+)*)")


def _alt(words):
    return "|".join(regex.escape(normalize(w).text) for w in sorted(set(words), key=len, reverse=True))


@lru_cache(maxsize=1)
def _grammar():
    t = load_table("org_patterns")
    b, e = r"(?<![\p{L}\p{N}])", r"(?![\p{L}\p{N}&])"
    desig = rf"(?:\s+(?P<desig>{_alt(t['designators'])})(?![\p{{L}}]))?"
    return {
        "provincial": regex.compile(rf"{b}(?P<head>{_alt(t['provincial_heads'])}){e}{desig}"),
        "department": regex.compile(
            rf"{b}(?P<head>{_alt(t['department_heads'])})\s+(?:{_alt(t['departments'])}){e}{desig}"),
        "national": regex.compile(rf"{b}(?P<head>{_alt(t['national_bodies'])}){e}"),
        "open": regex.compile(rf"{b}(?P<head>{_alt(t['open_heads'])}){e}"),
        "names": regex.compile(rf"{b}(?P<head>{_alt(t['names'])}){e}"),
        "table": t,
    }


def _starts_with_stop(low, pos, stops):
    for w in stops:
        if low.startswith(w, pos):
            end = pos + len(w)
            if end >= len(low) or not low[end].isalnum():
                return True
    return False


def _ends_name(nt, start, pos, t):
    """True when the name nt[start:pos] closes with 'Việt Nam', 'Trung ương', ... or a province."""
    name = nt[start:pos]
    if any(name.endswith(" " + w) for w in t["open_name_enders"]):
        return True
    words = name.split()
    return any(canonical_province(" ".join(words[-k:])) for k in (2, 3, 4) if len(words) >= k)


def _open_name_end(nt, low, m, t):
    """End of the name after an open head ("Tập đoàn" + "Dầu khí Việt Nam"), or None when there is no name."""
    head = m["head"]
    lowercase_ok = head in t["open_lowercase_ok"]
    pos, ends = m.end(), []
    for _ in range(t["open_max_words"]):
        tm = _TOKEN.match(nt, pos)
        if tm is None or _starts_with_stop(low, tm.start("tok"), t["open_stop_words"]):
            break
        tok = tm["tok"]
        if not ends and not lowercase_ok and not (tok[0].isupper() and not tok.isdigit()):
            return None
        ends.append(tm.end())
        pos = tm.end()
        if _ends_name(nt, m.end(), pos, t):
            break
    if not ends or nt[m.start():ends[-1]] in t["blocked_names"]:
        return None
    return ends[-1]


def _candidates(nt, t, g):
    low = nt.lower()
    out = []  # (start, end, kind, has_designator)
    for kind in ("provincial", "department"):
        for m in g[kind].finditer(nt):
            out.append((m.start(), m.end(), kind, bool(m["desig"]), m["head"]))
    not_after = [normalize(w).text for w in t["not_after"]]
    for m in g["national"].finditer(nt):
        before = nt[max(0, m.start() - 25):m.start()].rstrip()
        if any(before.endswith(w) for w in not_after):
            continue
        out.append((m.start(), m.end(), "national", False, m["head"]))
    for m in g["open"].finditer(nt):
        end = _open_name_end(nt, low, m, t)
        if end is not None:
            out.append((m.start(), end, "open", False, m["head"]))
    for m in g["names"].finditer(nt):
        out.append((m.start(), m.end(), "name", False, m["head"]))
    return out


def find_orgs(source, provinces=None):
    """Every ORG mention of ``source`` (the article's `Document`, or its text), as entity dicts sorted by
    start, offsets into the text as read.

    ``provinces``: the text's PROVINCE mentions when the caller already has them (found here otherwise).
    """
    g = _grammar()
    t = g["table"]
    text, norm = normalized_span(source)
    nt = norm.text
    if provinces is None:
        provinces = find_provinces(source)
    needs_place = set(normalize(w).text for w in t["heads_needing_place"])
    spans = []
    for s, e, kind, desig, head in _candidates(nt, t, g):
        os_, oe = norm.to_original(s, e)
        placed = desig
        if kind in ("provincial", "department", "open"):
            for p in provinces:
                gap = text[oe:p["start"]] if p["start"] >= oe else ""
                if (os_ < p["start"] < oe < p["end"]) or (p["start"] >= oe and len(gap) <= 2 and not gap.strip()):
                    oe, placed = p["end"], True
                    break
        if head in needs_place and not placed:
            continue
        spans.append((os_, oe))
    spans.sort(key=lambda c: (-(c[1] - c[0]), c[0]))
    chosen = []
    for c in spans:
        if all(c[1] <= k[0] or c[0] >= k[1] for k in chosen):
            chosen.append(c)
    out = []
    for s, e in sorted(chosen):
        inside = [p for p in provinces if s <= p["start"] and p["end"] <= e]
        out.append({"label": "ORG", "text": text[s:e], "start": s, "end": e, "value": text[s:e],
                    "province": inside[0]["value"] if inside else None})
    return out
