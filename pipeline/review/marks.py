"""Where a claim's parts sit in its article: spans for the sentence, metrics, deadline, actor, speaker.

Pure functions shared by the review page and the HTML report. They return plain
text segments; callers escape them (article text is untrusted).
"""
from functools import lru_cache

from ..tables import load_table

LABELS = ("METRIC", "DEADLINE", "ACTOR", "SPEAKER")


def province_of(record):
    """The claim's province (canonical name), or None."""
    actor = record.get("actor") or {}
    return actor.get("province") or None


def deadline_year(record):
    """The deadline's year as an int, or None."""
    deadline = record.get("deadline") or {}
    year = deadline.get("year")
    return year if isinstance(year, int) else None


@lru_cache(maxsize=None)
def indicator_names():
    """{canonical key: Vietnamese name} of the indicator table (pipeline/data/canonical_indicators.json)."""
    return {e["key"]: e["name"] for e in load_table("canonical_indicators")["indicators"]}


def indicator_key_of(record):
    """The claim's canonical indicator key (record "indicator".key), or None."""
    value = record.get("indicator")
    key = value.get("key") if isinstance(value, dict) else None
    return key if isinstance(key, str) and key else None


def indicator_of(record):
    """What the claim measures, for people: the canonical indicator's name when the record has a key,
    else the phrase as written, else its first metric's unit word (records of older versions carried
    the phrase alone as a string)."""
    value = record.get("indicator")
    key = indicator_key_of(record)
    if key:
        entry = indicator_names().get(key)
        if entry:
            return entry
    if isinstance(value, dict):
        value = value.get("text")
    if isinstance(value, str) and value.strip():
        return value.strip()
    for metric in record.get("metrics") or []:
        word = metric.get("word") or metric.get("unit")
        if word:
            return str(word)
    return None


def metric_label(metric):
    """A short human form of a metric: its text as written, else value + unit."""
    if metric.get("text"):
        return str(metric["text"])
    value = metric.get("value")
    unit = metric.get("unit") or ""
    return f"{value} {unit}".strip()


def locate_sentence(record, text):
    """(context, offset, exact): the text to show and where the record's offsets land in it.

    `offset` is subtracted from record offsets to index `context`. When the
    article text is missing or does not hold the sentence where the record says,
    the sentence text from the record itself is the context (graceful degradation).
    """
    sentence = record.get("sentence") or {}
    s_text = sentence.get("text") or ""
    start, end = sentence.get("start"), sentence.get("end")
    if text and isinstance(start, int) and isinstance(end, int) and text[start:end] == s_text:
        return text, 0, True
    if text and s_text:
        found = text.find(s_text)
        if found >= 0 and isinstance(start, int):
            return text, start - found, True
    return s_text, (start if isinstance(start, int) else 0), False


def _span_in(context, lo, hi, start, end, expected):
    """A (start, end) inside [lo, hi) of context for a span, checked against its text; else None."""
    if isinstance(start, int) and isinstance(end, int) and lo <= start < end <= hi:
        if not expected or context[start:end] == expected:
            return start, end
    if expected:
        found = context.find(expected, lo, hi)
        if found >= 0:
            return found, found + len(expected)
    return None


def claim_spans(record, context, offset):
    """Labelled spans [(start, end, label, title)] of a claim inside its sentence, in `context` indices.

    Metrics and the deadline use the record's offsets (checked by slicing);
    the actor and the speaker carry no offsets, so they are searched in the sentence.
    """
    sentence = record.get("sentence") or {}
    s_start = (sentence.get("start") or 0) - offset
    s_end = s_start + len(sentence.get("text") or "")
    s_start, s_end = max(0, s_start), min(len(context), s_end)
    spans = []

    def add(start, end, expected, label, title):
        got = _span_in(context, s_start, s_end, start, end, expected)
        if got:
            spans.append((got[0], got[1], label, title))

    for metric in record.get("metrics") or []:
        start = metric.get("start")
        end = metric.get("end")
        shift = lambda v: v - offset if isinstance(v, int) else None  # noqa: E731
        unit = metric.get("unit") or ""
        add(shift(start), shift(end), metric.get("text"), "METRIC", f"{metric.get('value')} {unit}".strip())
    deadline = record.get("deadline")
    if deadline:
        start, end = deadline.get("start"), deadline.get("end")
        add(start - offset if isinstance(start, int) else None,
            end - offset if isinstance(end, int) else None,
            deadline.get("text"), "DEADLINE", str(deadline.get("year") or ""))
    actor = record.get("actor")
    if actor and actor.get("text"):
        add(None, None, actor["text"], "ACTOR", actor.get("province") or actor.get("kind") or "")
    speaker = record.get("speaker")
    if speaker and speaker.get("name"):
        add(None, None, speaker["name"], "SPEAKER", speaker.get("title") or "")
    return drop_overlaps(spans)


def drop_overlaps(spans):
    """Sorted spans with every span that overlaps an earlier (longer-first) one removed."""
    kept = []
    for span in sorted(spans, key=lambda s: (s[0], -(s[1] - s[0]))):
        if kept and span[0] < kept[-1][1]:
            continue
        kept.append(span)
    return kept


def segments(text, start, end, spans):
    """Pieces of text[start:end] as [{"text", "label", "title"}]; label is None between spans."""
    out = []
    pos = start
    for s, e, label, title in spans:
        if s < start or e > end or s < pos:
            continue
        if s > pos:
            out.append({"text": text[pos:s], "label": None, "title": None})
        out.append({"text": text[s:e], "label": label, "title": title})
        pos = e
    if pos < end:
        out.append({"text": text[pos:end], "label": None, "title": None})
    return out


def claim_view(record, text=None):
    """The claim in its article: text before the sentence, the sentence as marked segments, text after.

    Returns {"before", "sentence": [segments], "after", "has_text", "sentence_text"}.
    """
    context, offset, exact = locate_sentence(record, text)
    sentence = record.get("sentence") or {}
    s_start = max(0, min(len(context), (sentence.get("start") or 0) - offset))
    s_end = min(len(context), s_start + len(sentence.get("text") or ""))
    spans = claim_spans(record, context, offset)
    return {
        "before": context[:s_start],
        "sentence": segments(context, s_start, s_end, spans),
        "after": context[s_end:],
        "has_text": exact,
        "sentence_text": context[s_start:s_end],
    }
