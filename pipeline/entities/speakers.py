"""Who a sentence quotes: a PER entity of the article attached to a speech verb.

Patterns: "<title> X cho biết, ...", "..., <title> X nhấn mạnh.", "Theo ông X, ...",
"Đó là ý kiến của ông X", "Tổng cục trưởng X: ..." (interviews).  The speaker's
name is the entity's full name (a short mention resolves to it) and the title
is the one written at this mention or the latest earlier mention of the person.
"""
from functools import lru_cache

import regex

from ..tables import load_table
from ..text.normalize import fold_key
from ..text.compiled import compiled

_WORD = regex.compile(r"[\p{L}\p{M}]+", regex.V1)
_CLAUSE_STOP = ",;:.!?()\n\"“”"


@lru_cache(maxsize=1)
def _tables():
    """Speaker verbs, adverbs allowed before them and attribution phrases (lower-cased)."""
    names = load_table("person_names")
    titles = load_table("titles")
    return {
        "verbs": sorted({fold_key(v) for v in names["speaker_verbs"]}, key=len, reverse=True),
        "adverbs": sorted({fold_key(v) for v in names["speaker_adverbs"]}, key=len, reverse=True),
        "attributions": sorted({fold_key(v) for v in names["speaker_attributions"]}, key=len, reverse=True),
        "heads": {fold_key(h) for h in titles["heads"]},
        "not_in_title": [fold_key(w) for w in titles["not_in_title"] if fold_key(w) not in ("ông", "bà", "anh", "chị")],
    }


def _starts_with_phrase(s, phrases):
    """The phrase of ``phrases`` that ``s`` starts with (at a word boundary), else None."""
    for p in phrases:
        if s.startswith(p) and (len(s) == len(p) or not s[len(p)].isalpha()):
            return p
    return None


def _verb_re(t):
    """Any speech verb, optionally after adverbs, at word boundaries."""
    if "verb_re" not in t:
        alt = "|".join(regex.escape(v) for v in t["adverbs"] + t["verbs"])
        t["verb_re"] = regex.compile(r"(?<![\p{L}\p{M}])(?:" + alt + r")(?![\p{L}\p{M}])", regex.V1)
    return t["verb_re"]


def _plain_re(t):
    """Words that end a title written after a name (clause words: trong, tại, của, đã ...)."""
    if "plain_re" not in t:
        alt = "|".join(regex.escape(w) for w in sorted(t["not_in_title"], key=len, reverse=True))
        t["plain_re"] = regex.compile(r"(?<![\p{L}\p{M}])(?:" + alt + r")(?![\p{L}\p{M}])", regex.V1)
    return t["plain_re"]


def _appositive(text, end, limit, t):
    """The title written right after a name ("X, Phó Giám đốc Sở Y, cho biết"): (title, offset after it) or None."""
    m = compiled(r"[ \t\u00a0]*(?:[,\-–][ \t\u00a0]*)?").match(text[end:limit])
    a = end + m.end()
    head = _WORD.findall(fold_key(text[a:a + 40]))
    if not head or not (head[0] in ("phó", "nguyên", "tổng", "quyền") or any(" ".join(head[:k]) in t["heads"] for k in (1, 2, 3))):
        return None
    window = text[a:min(limit, a + 200)]
    low = window.lower()
    cut, pos = len(window), 0
    while True:
        m = compiled(r"[,;:!?\n]|\.(?![\p{L}\p{N}])").search(window[pos:])
        part_end = pos + m.start() if m else len(window)
        v = _verb_re(t).search(low, pos, part_end)
        w = _plain_re(t).search(low, pos, part_end)
        if w and (not v or w.start() < v.start()):
            cut = w.start()  # "..., Phó Viện trưởng Viện X trong một dịp gần đây": the title ends
            break
        if v:
            cut = v.start()
            break
        cut = part_end
        if not m or m.group() != ",":
            break
        nxt = _WORD.findall(fold_key(window[part_end + 1:part_end + 40]))
        if not nxt or not (nxt[0] in ("phó", "nguyên", "tổng", "quyền", "kiêm") or any(" ".join(nxt[:k]) in t["heads"] for k in (1, 2, 3))):
            break
        pos = part_end + 1
    title = window[:cut].strip(" \t\u00a0,-–")
    return (title or None), a + cut


def _verb_at(text, pos, limit, t):
    """True when a speech verb (or an interview colon) starts at ``pos`` (after commas/adverbs)."""
    s = fold_key(text[pos:min(limit, pos + 80)]).lstrip(" \t\u00a0,")
    if s.startswith(":"):
        return True
    for _ in range(3):
        adv = _starts_with_phrase(s, t["adverbs"])
        if not adv:
            break
        s = s[len(adv):].lstrip()
    return _starts_with_phrase(s, t["verbs"]) is not None


def _verb_after(text, end, limit, t):
    """(True, appositive title) when a speech verb follows the name, directly or after its title."""
    if _verb_at(text, end, limit, t):
        return True, None
    app = _appositive(text, end, limit, t)
    if app and _verb_at(text, app[1], limit, t):
        return True, app[0]
    return False, None


def _attributed_before(text, start, sentence_start, t):
    """True for "Theo ông X", "Theo Thứ trưởng X", "ý kiến của ông X" in the same clause."""
    j = start - 1
    while j >= sentence_start and text[j] not in _CLAUSE_STOP:
        j -= 1
    clause = fold_key(text[j + 1:start]).strip()
    if clause.startswith("theo "):
        return True
    return any(compiled(r"(?<!\p{L})" + regex.escape(a) + r"(?!\p{L})").search(clause) for a in t["attributions"] if a != "theo")


def _title_for(person, people):
    """The title written at this mention, else at the latest earlier mention of the same person."""
    if person.get("title"):
        return person["title"]
    best = None
    for p in people:
        if p.get("title") and p.get("value") == person.get("value") and p["start"] < person["start"]:
            if best is None or p["start"] > best["start"]:
                best = p
    return best["title"] if best else None


def find_speaker(text, sentence_start, sentence_end, people):
    """The person quoted as stating text[sentence_start:sentence_end], or None.

    Returns {"name": full name, "title": str|None, "start", "end"} (the mention's span).
    """
    t = _tables()
    inside = sorted((p for p in people if p.get("label", "PER") == "PER"
                     and sentence_start <= p["start"] and p["end"] <= sentence_end), key=lambda p: p["start"])
    for p in inside:
        said, after_title = _verb_after(text, p["end"], sentence_end, t)
        if not said and _attributed_before(text, p["start"], sentence_start, t):
            if text[p["end"]:p["end"] + 2].lstrip(" ")[:1] in ("/", "("):
                continue  # "Theo Minh Hiển/Baochinhphu.vn" is a source credit
            said = True
            app = _appositive(text, p["end"], sentence_end, t)
            after_title = app[0] if app else None
        if said:
            return {"name": p.get("value") or p["text"], "title": _title_for(p, people) or after_title,
                    "start": p["start"], "end": p["end"]}
    return None
