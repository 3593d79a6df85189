"""The rule layer proposes candidate sentences with everything later stages need.

A candidate is a plain dict: the sentence span, the entities, dates and metrics
inside it, its rule features and cues, and the masked text the classifier reads.
"""
from bisect import bisect_left

import regex

from .metrics import find_metrics
from ..text.normalize import fold_key
from .clauses import deadline_dates
from .features import article_features, model_text, neighbour_features, sentence_features
from .rules import rule_decide

_STOP_END = regex.compile(r"[.!?…:;][\"'”’»)\]]*\s*$")
_PLACEHOLDER = {"PROVINCE": "ttprov", "PER": "ttper", "DATE": "ttdate", "ORG": "ttorg"}


def segmented_text(text, words, masks):
    """The sentence as segmented words ("mục_tiêu"), folded, with masked spans as placeholders."""
    out, mi, masks = [], 0, sorted(masks)
    for s, e in words:
        while mi < len(masks) and masks[mi][1] <= s:
            mi += 1
        if mi < len(masks) and masks[mi][0] < e:
            if not out or out[-1] != masks[mi][2]:
                out.append(masks[mi][2])
            continue
        out.append(fold_key(text[s:e]).replace(" ", "_"))
    return " ".join(out)


def propose(text, sentences, words, entities, published_year=None):
    """Candidates for every sentence that carries a value, a date or a cue (rule recall first)."""
    ents = sorted(entities, key=lambda x: x["start"])
    wstarts = [w[0] for w in words]
    starts = [x["start"] for x in ents]
    out = []
    n = len(sentences)
    ref_year = published_year or reference_year(entities)
    for i, (s, e) in enumerate(sentences):
        lo, hi = bisect_left(starts, s), bisect_left(starts, e)
        inside = [x for x in ents[lo:hi] if x["end"] <= e]
        dates = [x for x in inside if x["label"] == "DATE"]
        metrics = find_metrics(text, s, e, exclude=dates)
        lowered = fold_key(text[s:e])
        sent_words = words[bisect_left(wstarts, s):bisect_left(wstarts, e)]
        dl_years = [d["year"] for d in deadline_dates(text, s, dates)]
        line_start = s == 0 or "\n" in text[max(0, s - 3):s] or text[:s].strip() == ""
        feats, cues = sentence_features(
            lowered, metrics=metrics, dates=dates,
            n_provinces=sum(x["label"] == "PROVINCE" for x in inside),
            n_orgs=sum(x["label"] == "ORG" for x in inside),
            index=i, n_sentences=n, is_line_start=line_start,
            ends_with_stop=bool(_STOP_END.search(text[s:e])), published_year=ref_year,
            deadline_years=dl_years, sentence_start=s,
            joined=joined_words(text, s, e, sent_words, lowered))
        rule_type, _ = rule_decide(feats)
        feats["rule_target"], feats["rule_achievement"] = float(rule_type == "target"), float(rule_type == "achievement")
        masks = [(x["start"], x["end"], _PLACEHOLDER[x["label"]]) for x in inside if x["label"] in _PLACEHOLDER]
        masks += [(m["start"], m["end"], "ttmetric_" + m["unit"]) for m in metrics]
        masks = _drop_nested(masks)
        out.append({
            "index": i, "start": s, "end": e, "lowered": lowered, "reference_year": ref_year,
            "entities": inside, "dates": dates, "metrics": metrics,
            "features": feats, "cues": cues,
            "model_text": model_text(segmented_text(text, sent_words, masks), []),
        })
    neighbour_features([c["features"] for c in out])
    article_features([c["features"] for c in out])
    return out


def joined_words(text, s, e, words, lowered):
    """``lowered`` with the spaces inside each segmented word made "_" ("dữ_liệu"), or None when the
    sentence was not segmented or normalisation changed its length (offsets would no longer agree)."""
    if not words:
        return None
    chars = list(text[s:e])
    for ws, we in words:
        for i in range(ws - s, we - s):
            if chars[i].isspace():
                chars[i] = "_"
    joined = fold_key("".join(chars))
    return joined if len(joined) == len(lowered) else None


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
