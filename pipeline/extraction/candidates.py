"""The rule layer proposes candidate sentences with everything later stages need.

A candidate is a plain dict: the sentence span, the entities, dates and metrics
inside it, its rule features and cues, and the masked text the classifier reads.
"""
from bisect import bisect_left

import regex

from .metrics import find_metrics
from .clauses import deadline_dates
from .features import article_features, article_words, model_text, neighbour_features, sentence_features
from .rules import rule_decide

_STOP_END = regex.compile(r"[.!?…:;][\"'”’»)\]]*\s*$")
_PLACEHOLDER = {"PROVINCE": "ttprov", "PER": "ttper", "DATE": "ttdate", "ORG": "ttorg"}


def segmented_text(doc, words, masks):
    """The sentence as segmented words ("mục_tiêu"), folded, with masked spans as placeholders."""
    out, mi, masks = [], 0, sorted(masks)
    for s, e in words:
        while mi < len(masks) and masks[mi][1] <= s:
            mi += 1
        if mi < len(masks) and masks[mi][0] < e:
            if not out or out[-1] != masks[mi][2]:
                out.append(masks[mi][2])
            continue
        out.append(doc.lowered(s, e).replace(" ", "_"))
    return " ".join(out)


def propose(doc, published_year=None):
    """Candidates for every sentence of the document that passed the gate (a digit or a value word), from
    its sentences, words and entities; ``published_year`` places its years in time (else the year its
    dates centre on). Positions and neighbours count among these sentences only."""
    ents = sorted(doc.entities, key=lambda x: x["start"])
    starts = [x["start"] for x in ents]
    text = doc.text
    out = []
    sentences = [sp for sp, ok in zip(doc.sentences, doc.segmented) if ok]
    n = len(sentences)
    ref_year = published_year or reference_year(ents)
    whole = article_words(doc)
    for i, (s, e) in enumerate(sentences):
        lo, hi = bisect_left(starts, s), bisect_left(starts, e)
        inside = [x for x in ents[lo:hi] if x["end"] <= e]
        dates = [x for x in inside if x["label"] == "DATE"]
        metrics = find_metrics(doc, s, e, exclude=dates)
        lowered = doc.lowered(s, e)
        sent_words = doc.words_in(s, e)
        dl_years = [d["year"] for d in deadline_dates(text, s, dates)]
        line_start = s == 0 or "\n" in text[max(0, s - 3):s] or text[:s].strip() == ""
        feats, cues = sentence_features(
            lowered, metrics=metrics, dates=dates,
            n_provinces=sum(x["label"] == "PROVINCE" for x in inside),
            n_orgs=sum(x["label"] == "ORG" for x in inside),
            index=i, n_sentences=n, is_line_start=line_start,
            ends_with_stop=bool(_STOP_END.search(text[s:e])), published_year=ref_year,
            deadline_years=dl_years, sentence_start=s,
            joined=joined_words(doc, s, e, sent_words, lowered))
        rule_type, _ = rule_decide(feats)
        feats["rule_target"], feats["rule_achievement"] = float(rule_type == "target"), float(rule_type == "achievement")
        masks = [(x["start"], x["end"], _PLACEHOLDER[x["label"]]) for x in inside if x["label"] in _PLACEHOLDER]
        masks += [(m["start"], m["end"], "ttmetric_" + m["unit"]) for m in metrics]
        masks = _drop_nested(masks)
        out.append({
            "index": i, "start": s, "end": e, "lowered": lowered, "reference_year": ref_year,
            "entities": inside, "dates": dates, "metrics": metrics,
            "features": feats, "cues": cues,
            "model_text": model_text(segmented_text(doc, sent_words, masks), []),
            "article_text": whole,
        })
    neighbour_features([c["features"] for c in out])
    article_features([c["features"] for c in out])
    return out


def joined_words(doc, s, e, words, lowered):
    """``lowered`` (the sentence's normalised, lower-cased text) with the spaces inside each segmented
    word made "_" ("dữ_liệu"), so that cues match whole words."""
    if not words:
        return None
    base = doc.norm.from_original(s, e)[0]
    chars = list(lowered)
    for ws, we in words:
        a, b = doc.norm.from_original(ws, we)
        for i in range(max(0, a - base), min(len(chars), b - base)):
            if chars[i] == " ":
                chars[i] = "_"
    return "".join(chars)


def reference_year(entities):
    """The year an article's dates centre on (most frequent single year; latest on ties), or None."""
    from collections import Counter
    years = Counter(x["year"] for x in entities if x["label"] == "DATE" and x.get("year")
                    and "/" not in (x.get("value") or ""))
    if not years:
        return None
    return max(years, key=lambda y: (years[y], y))


def _drop_nested(spans):
    """Keep the outermost of overlapping (start, end, label) spans."""
    spans = sorted(spans, key=lambda x: (x[0], -(x[1] - x[0])))
    kept, end = [], -1
    for sp in spans:
        if sp[0] >= end:
            kept.append(sp)
            end = sp[1]
    return kept
