"""Sentence splitting with character offsets into the text it is given.

A sentence ends at ". ! ? …" (with any closing quotes or brackets after it)
when the next word starts a new sentence, and always at a line break
(annotation guide, section 1). A list introduced by ":" stays in its sentence.
A photo credit, caption or headline run into the next sentence without a stop
ends there too ("Ảnh: Reuters Cụ thể, ...", "... bệnh nhân Ngày 2.6, BS ...",
"... đình công Theo Phó Chủ tịch ..."), so it is not merged into that sentence.
"""
import regex

from ..tables import load_table

_RULES = load_table("sentence_rules")
_ABBREV = {a.lower() for a in _RULES["abbreviations"]}
_CLOSERS = _RULES["closers"]
_ENDERS = _RULES["enders"]

# an end mark run (". / . / !?" or "…"), then closers, then whitespace, then what may start a sentence
_BOUNDARY = regex.compile(
    r"(?:[.!?…]+(?:\s?/\s?\.)?)[" + regex.escape(_CLOSERS) + r"]*(?=\s+[\p{Lu}\p{N}\"'“‘(\[«–-]|\s*$)"
)
_ELLIPSIS_UPPER = regex.compile(r"…(?=\p{Lu})")
_WORD_BEFORE = regex.compile(r"([\p{L}./]+)$")


def _alt(words):
    return "|".join(regex.escape(w) for w in sorted(words, key=len, reverse=True))


_CREDIT = regex.compile(r"(?<![\p{L}\p{M}])(\(?)(?:" + _alt(_RULES["credit_markers"]) + r")\s*:\s*")
_AGENCIES = {a.lower() for a in _RULES["credit_agencies"]}
_OPENERS = {w.lower() for w in _RULES["opener_words"]} | {
    w.lower() for w in load_table("person_names")["sentence_words"]}
_CREDIT_WORD = regex.compile(r"[\p{Lu}\d][\p{L}\p{M}\d.+&]*|[/\-–]")
_DATE_OPENER = regex.compile(
    r"(?<=[\p{L}\p{N})”\"'’][ \t\u00a0]+)(?:Sáng|Chiều|Tối|Trưa|Đêm|Khuya|Rạng sáng|Ngày|Hôm)"
    r"(?:(?:\s+(?:nay|qua|mai|cùng ngày|hôm qua|hôm nay|ngày))?\s*\(?\s*\d{1,2}\s*[./-]\s*\d{1,2}(?:\s*[./-]\s*\d{2,4})?\s*\)?"
    r"|\s+(?:nay|qua|mai|cùng ngày))\s*,")
# after a word in lower case, a number or a closing bracket (never inside a capitalised name: "Quỹ Vì người nghèo")
_GLUED = regex.compile(r"(?<=(?:(?<![\p{L}\p{M}])\p{Ll}[\p{L}\p{M}]*|\d|[)”\"'’])[ \t\u00a0]+)(?:"
                       + _alt(_RULES["glued_openers"]) + r")(?= \p{Ll})")
_NOT_BEFORE_OPENER = regex.compile(r"(?<![\p{L}\p{M}])(?:" + _alt(_RULES["not_before_date_opener"]) + r")\s*$",
                                   regex.IGNORECASE)


def _is_abbreviation(text, dot_pos):
    """True when the '.' at dot_pos closes a known abbreviation such as 'TP.' or 'ThS.'."""
    if text[dot_pos] != ".":
        return False
    m = _WORD_BEFORE.search(text, max(0, dot_pos - 8), dot_pos)
    return bool(m) and m.group(1).lower() in _ABBREV


def split_sentences(text):
    """Return (start, end) spans of the sentences of ``text``, whitespace trimmed, in order."""
    spans = []
    for line in regex.finditer(r"[^\n]+", text):
        ls, le = line.span()
        cuts = []
        for m in _BOUNDARY.finditer(text, ls, le):
            if _is_abbreviation(text, m.start()):
                continue
            cuts.append(m.end())
        for m in _ELLIPSIS_UPPER.finditer(text, ls, le):
            cuts.append(m.end())
        cuts.extend(_credit_cuts(text, ls, le))
        for m in _GLUED.finditer(text, ls, le):
            if not _NOT_BEFORE_OPENER.search(text, max(ls, m.start() - 20), m.start()):
                cuts.append(m.start())
        for m in _DATE_OPENER.finditer(text, ls, le):
            if not _NOT_BEFORE_OPENER.search(text, max(ls, m.start() - 20), m.start()):
                cuts.append(m.start())
        start = ls
        for cut in sorted(set(cuts)) + [le]:
            span = _trim(text, start, cut)
            if span:
                spans.append(span)
            start = cut
    return spans


def _trim(text, start, end):
    """Shrink [start, end) to exclude surrounding whitespace; None when nothing is left."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if start < end else None


def _is_opener(text, start):
    """True when a sentence may start at ``start``: an opener word ("Theo", "Cụ thể", "Ngày")."""
    words = regex.match(r"([\p{L}\p{M}]+)(?:\s+([\p{L}\p{M}]+))?", text[start:start + 40])
    if not words:
        return False
    one = words.group(1).lower()
    two = f"{one} {words.group(2).lower()}" if words.group(2) else None
    return one in _OPENERS or (two is not None and two in _OPENERS)


def _credit_cuts(text, ls, le):
    """Where a credit ("Ảnh: Reuters", "(Ảnh: Trần Kha)", "Ảnh: VGP/Quang Hiếu") ends when a sentence
    follows it on the same line without a stop."""
    cuts = []
    for m in _CREDIT.finditer(text, ls, le):
        if m.group(1):  # "(Ảnh: X) Theo đó": the bracket closes the credit
            close = text.find(")", m.end(), min(le, m.end() + 60))
            if close > 0 and regex.match(r"\s+[\p{Lu}\"“‘]", text[close + 1:le]):
                cuts.append(close + 1)
            continue
        words = [(w.start(), w.end(), w.group()) for w in _CREDIT_WORD.finditer(text, m.end(), min(le, m.end() + 80))]
        # the credit: capitalised words and "/" "-" joins, without a gap of other text
        run, pos = [], m.end()
        for a, b, w in words:
            if text[pos:a].strip() or len(run) >= 8:
                break
            run.append((a, b, w))
            pos = b
        cut = _credit_end(text, run)
        if cut is not None and cut < le and regex.match(r"\s+[\p{Lu}\"“‘]", text[cut:le]):
            cuts.append(cut)
    return cuts


def _credit_end(text, run):
    """End offset of the credit inside a run of capitalised words, or None when it cannot be told."""
    names = [i for i, (_, _, w) in enumerate(run) if w not in "/-–"]
    if len(names) < 2:
        return None
    last_join = max((i for i, (_, _, w) in enumerate(run) if w in "/-–"), default=-1)
    # an agency ends it: "Ảnh: AFP/TTXVN Phát biểu", "Ảnh: Reuters Cụ thể", "Văn Điệp – TTXVN Phó ..."
    for i, (a, b, w) in enumerate(run):
        for k in (2, 1):
            j = i + k - 1
            if j < len(run) and " ".join(x[2] for x in run[i:j + 1]).lower() in _AGENCIES and j + 1 < len(run) \
                    and run[j + 1][2] not in "/-–" and i >= last_join:
                return run[j][1]
    # an opener word starts the sentence: "Ảnh: Thu Hằng Sau đó, ...", "Ảnh: Trọng Tùng Ông Lê Văn A - Chủ tịch"
    for i in range(1, len(run)):
        if run[i - 1][2] not in "/-–" and run[i][2] not in "/-–" and _is_opener(text, run[i][0]):
            return run[i - 1][1]
    first = last_join + 1
    tail = run[first:]
    # capitals change case: "Ảnh: QUANG THẮNG Chưa chịu"
    for i in range(1, len(tail)):
        if tail[i - 1][2].isupper() and len(tail[i - 1][2]) > 1 and not tail[i][2].isupper():
            return tail[i - 1][1]
    return None
