"""Rule features of a candidate sentence: cues, tense/aspect, deadline, metrics, position, speaker.

Each cue group gives a count (``cue_<group>``) and each phrase found a binary feature
(``kw_<group>_<phrase>``), so the classifier can weigh phrases the rule scores lump together.

Years and place names are carried by these features, not by the n-grams the
classifier sees (``model_text`` masks them), so the model does not learn
"2025" or "Bình Phước" as reasons for a commitment.
"""
import regex

from .cues import cue_weights, find_cues
from ..text.compiled import compiled

_NUM = regex.compile(r"\d+(?:[.,]\d+)*")
_YEAR = regex.compile(r"(?<!\d)(19|20)\d\d(?!\d)")
_NO_PHRASE_FEATURES = ("plan_name", "plan_name_breakers")
_QUOTES = ("\"", "“", "”")


def sentence_features(lowered, *, metrics, dates, n_provinces, n_orgs, index, n_sentences,
                      is_line_start, ends_with_stop, published_year=None, deadline_years=(), sentence_start=0,
                      joined=None):
    """Plain dict of numeric features for one sentence (``lowered``: normalised, lower-cased).

    ``published_year`` is the article's reference year (publication, or the year its dates centre on);
    ``deadline_years`` are the years introduced by a deadline cue ("đến năm", "giai đoạn");
    ``joined`` is ``lowered`` with the syllables of each segmented word joined by "_" (cues match whole words).
    """
    cues = find_cues(joined or lowered)
    weights = cue_weights()
    f = {}
    for group, hits in cues.items():
        f[f"cue_{group}"] = float(len(hits))
    for group, table in weights.items():
        f[f"score_{group}"] = float(sum(table.get(h[0], 0.0) for h in cues[group]))
    years = [d["year"] for d in dates if d.get("year")]
    units = [m["unit"] for m in metrics]
    f["n_metrics"] = float(len(metrics))
    for unit in ("percent", "rank", "level", "count", "money", "other"):
        f[f"metric_{unit}"] = float(units.count(unit))
    f["n_dates"] = float(len(dates))
    f["has_year"] = float(bool(years))
    if years and published_year:
        f["year_future"] = float(max(years) >= published_year)
        f["year_past"] = float(min(years) < published_year)
    else:
        f["year_future"] = f["year_past"] = 0.0
    f["n_deadline_years"] = float(len(deadline_years))
    if deadline_years and published_year:
        f["deadline_future"] = float(max(deadline_years) > published_year)
        f["deadline_past"] = float(max(deadline_years) < published_year)
    else:
        f["deadline_future"] = f["deadline_past"] = 0.0
    f["starts_with_date"] = float(any(d["start"] - sentence_start <= 6 for d in dates))
    f["has_day_date"] = float(any(compiled(r"\d{4}-\d\d-\d\d|XXXX-\d\d-\d\d").search(d.get("value") or "") for d in dates))
    f["n_numbers"] = float(len(_NUM.findall(lowered)))
    f["n_provinces"] = float(n_provinces)
    f["n_orgs"] = float(n_orgs)
    f["position"] = index / max(1, n_sentences - 1)
    f["is_first"] = float(index == 0)
    f["is_line_start"] = float(is_line_start)
    f["ends_with_stop"] = float(ends_with_stop)
    f["n_chars"] = min(len(lowered), 600) / 600.0
    f["starts_caption"] = float(any(h[1] == 0 for h in cues["caption"]))
    f["value_or_deadline"] = float(bool(metrics) or bool(deadline_years))
    f["value_or_year"] = float(bool(metrics) or bool(years))
    f.update(phrase_features(cues))
    f.update(shape_features(lowered, is_line_start, ends_with_stop))
    f.update(metric_verb_features(cues, metrics, sentence_start))
    f.update(anchor_features(cues, metrics, dates, sentence_start))
    date_ends = {d["end"] - sentence_start + 1 for d in dates}  # "19/5 tới": the cue one space after a date
    f["upcoming_date"] = float(any(h[1] in date_ends for h in cues.get("upcoming", ())))
    if deadline_years and published_year:
        f["deadline_offset"] = float(max(-10, min(15, max(deadline_years) - published_year)))
    else:
        f["deadline_offset"] = 0.0
    return f, cues


def phrase_features(cues):
    """One binary feature per trigger phrase found ("kw_target_phấn đấu")."""
    return {f"kw_{group}_{hit[0]}": 1.0
            for group, hits in cues.items() if group not in _NO_PHRASE_FEATURES for hit in hits}


def shape_features(lowered, is_line_start, ends_with_stop):
    """Form of the sentence: headline, list line, heading before a colon, question, quotation."""
    return {
        "headline": float(is_line_start and not ends_with_stop),
        "colon_head": float(bool(compiled(r"^[^:]{1,40}:").match(lowered))),
        "starts_period": float(lowered.startswith("giai đoạn")),
        "starts_dash": float(bool(lowered) and lowered[0] in "-–•+"),
        "question": float("?" in lowered),
        "quote": float(any(q in lowered for q in _QUOTES)),
    }


def metric_verb_features(cues, metrics, sentence_start):
    """Whether a result verb (đạt, vượt, tăng) or a goal word (phấn đấu, mục tiêu) leads to the first metric."""
    if not metrics:
        return {"result_before_metric": 0.0, "goal_before_metric": 0.0, "result_nearer_metric": 0.0}
    first = min(m["start"] for m in metrics) - sentence_start
    res = [h[2] for h in cues.get("result_verb", ()) if h[2] <= first]
    goal = [h[2] for h in cues.get("goal_verb", ()) if h[2] <= first]
    return {"result_before_metric": float(bool(res)), "goal_before_metric": float(bool(goal)),
            "result_nearer_metric": float(bool(res) and (not goal or max(res) > max(goal)))}


_ANCHOR_GROUPS = ("target", "achievement", "past_marker", "future", "modal", "present", "goal_verb",
                  "result_verb", "past_period", "forecast", "directive", "conditional")
_GOVERNORS = ("goal_verb", "modal", "future")


def anchor_features(cues, metrics, dates, sentence_start):
    """Which cue stands nearest before the sentence's anchor (its first value, else its first date),
    and whether a result verb there is governed by a goal word ("cần tăng lên", "là đạt"): the cue next
    to a value usually tells its tense ("đã hoàn thành 12/12" vs "mục tiêu đón 13 triệu")."""
    spans = [m["start"] for m in metrics] or [d["start"] for d in dates]
    out = {f"nearest_{g}": 0.0 for g in _ANCHOR_GROUPS}
    out["governed_result"] = 0.0
    if not spans:
        return out
    anchor = min(spans) - sentence_start
    best = {}
    for g in _ANCHOR_GROUPS:
        ends = [h[2] for h in cues.get(g, ()) if h[2] <= anchor]
        if ends:
            best[g] = max(ends)
    if best:
        top = max(best.values())
        for g, end in best.items():
            out[f"nearest_{g}"] = float(end == top)
    results = [h for h in cues.get("result_verb", ()) if h[2] <= anchor]
    if results:
        verb = max(results, key=lambda h: h[2])
        out["governed_result"] = float(any(0 <= verb[1] - h[2] <= 12 for g in _GOVERNORS for h in cues.get(g, ())))
    return out


def neighbour_features(feats, keys=("score_target", "score_achievement", "value_or_deadline", "n_metrics",
                                    "rule_target", "rule_achievement")):
    """Copy a few features of the previous and next sentence into each sentence's features (in place)."""
    n = len(feats)
    for i, f in enumerate(feats):
        for off, tag in ((-1, "prev"), (1, "next")):
            j = i + off
            for k in keys:
                f[f"{tag}_{k}"] = float(feats[j].get(k, 0.0)) if 0 <= j < n else 0.0
    return feats


def article_features(feats):
    """Add the article's share of sentences with strong goal or result cues to each sentence (in place):
    a figure in a report on targets reads differently from one in a crime or weather story."""
    n = max(1, len(feats))
    strong_t = sum(f.get("score_target", 0.0) >= 3 for f in feats)
    strong_a = sum(f.get("score_achievement", 0.0) >= 3 for f in feats)
    ruled = sum(bool(f.get("rule_target") or f.get("rule_achievement")) for f in feats)
    for f in feats:
        f["article_strong_target"] = strong_t / n
        f["article_strong_achievement"] = strong_a / n
        f["article_rule_commitments"] = ruled / n
    return feats


def model_text(lowered, masks):
    """The sentence for n-gram features with entity and number spans replaced by placeholders.

    ``masks`` are (start, end, placeholder) in the lowered sentence's offsets.
    """
    out, pos = [], 0
    for s, e, ph in sorted(masks):
        if s < pos:
            continue
        out.append(lowered[pos:s])
        out.append(f" {ph} ")
        pos = e
    out.append(lowered[pos:])
    text = "".join(out)
    text = _YEAR.sub(" yyyy ", text)
    return _NUM.sub(" 0 ", text)


_ARTICLE_TOKEN = regex.compile(r"\p{L}+|\d+(?:[.,]\d+)*")


def article_words(doc):
    """The document's `article_text`, made once and kept on the document."""
    if doc.article_words is None:
        doc.article_words = article_text(doc.norm.text.lower())
    return doc.article_words


def article_text(lowered_article):
    """The whole article as the article model reads it: lower-cased syllables, every number "0" (a year
    "yyyy"), punctuation dropped; the model learns the words of plans and results, not the figures."""
    out = []
    for tok in _ARTICLE_TOKEN.findall(lowered_article):
        if tok[0].isdigit():
            out.append("yyyy" if _YEAR.fullmatch(tok) else "0")
        else:
            out.append(tok)
    return " ".join(out)
