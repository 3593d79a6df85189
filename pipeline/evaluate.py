"""Scoring of commitment records and entities against resolved gold (annotation guide, section 3).

`score` gives the same figures, under the same keys, as ../shared/tools/score.py;
`misses` lists what made them less than perfect, article by article.
"""
import re
import unicodedata
from collections import defaultdict

from . import COMMITMENT_SCHEMA

# Vowel+tone spellings folded to one form ("hoà" ~ "hòa", "uỷ" ~ "ủy").
_TONE_FOLDS = (("uỷ", "ủy"), ("oà", "òa"), ("oá", "óa"), ("oả", "ỏa"), ("oã", "õa"), ("oạ", "ọa"),
               ("uý", "úy"), ("uỳ", "ùy"))
ENTITY_LABELS = ("PER", "PROVINCE", "DATE")


def fold_name(name):
    """An actor / province name as a comparison key (case, type word, hyphen spacing, ủy/uỷ ignored)."""
    if name is None:
        return None
    s = unicodedata.normalize("NFC", str(name)).lower().strip()
    for old, new in _TONE_FOLDS:
        s = s.replace(old, new)
    s = re.sub(r"^(?:tỉnh|thành phố|tp\.?)\s+", "", s)
    s = re.sub(r"\s*[-–]\s*", " - ", s)
    return re.sub(r"\s+", " ", s)


def metric_key(metric):
    """(value, unit) with the value rounded so that equal-to-1e-6 values compare equal."""
    v = float(metric["value"])
    return (round(v, 6) if abs(v) < 1e6 else float(f"{v:.6g}"), metric["unit"])


def ratios(tp, fp, fn):
    """(precision, recall, F1), 0.0 where undefined."""
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def only_commitments(records):
    """The commitment records among mixed records (as score.py's reader keeps them)."""
    return [r for r in records if str(r.get("schema", "")).startswith(COMMITMENT_SCHEMA.split("/")[0])]


def _empty():
    return {"types": set(), "years": set(), "metrics": set(), "actors": set()}


def predicted_sentences(gold_ids, commitments):
    """{article_id: {(start, end): fields}}: predictions gathered per sentence, in record order."""
    out = defaultdict(dict)
    for c in commitments:
        aid = c.get("article_id")
        if aid not in gold_ids:
            continue
        s = c["sentence"]
        agg = out[aid].setdefault((s["start"], s["end"]), _empty())
        agg["types"].add(c["type"])
        deadline = c.get("deadline")
        if deadline and deadline.get("year") is not None:
            agg["years"].add(int(deadline["year"]))
        for m in c.get("metrics") or []:
            try:
                agg["metrics"].add(metric_key(m))
            except (KeyError, TypeError, ValueError):
                continue
        actor = c.get("actor") or {}
        name = actor.get("province") or actor.get("text")
        if name:
            agg["actors"].add(fold_name(name))
    return out


def gold_sentences(row):
    """{(start, end): fields} of one gold row, gathered over the commitments of each sentence."""
    out = {}
    for c in row["commitments"]:
        agg = out.setdefault((c["sentence_start"], c["sentence_end"]), _empty())
        agg["types"].add(c["type"])
        if c.get("deadline") is not None:
            agg["years"].add(int(c["deadline"]))
        agg["metrics"].update(metric_key(m) for m in c["metrics"])
        if c.get("actor"):
            agg["actors"].add(fold_name(c["actor"]))
    return out


def match_sentences(gold_spans, pred_spans):
    """[(gold span, predicted span or None)]: each gold sentence takes the first unused prediction
    overlapping it by at least half its length; unmatched predictions are returned second."""
    used, pairs = set(), []
    for gs, ge in gold_spans:
        hit = None
        for ps, pe in pred_spans:
            if (ps, pe) not in used and min(ge, pe) - max(gs, ps) >= 0.5 * (ge - gs):
                hit = (ps, pe)
                break
        if hit is not None:
            used.add(hit)
        pairs.append(((gs, ge), hit))
    return pairs, [p for p in pred_spans if p not in used]


def match_entities(gold_ents, pred_ents):
    """[(gold entity, predicted entity or None)], unmatched predictions: first unused overlapping one."""
    used, pairs = set(), []
    for g in gold_ents:
        hit = None
        for i, p in enumerate(pred_ents):
            if i not in used and min(g["end"], p["end"]) > max(g["start"], p["start"]):
                hit = i
                break
        if hit is not None:
            used.add(hit)
        pairs.append((g, pred_ents[hit] if hit is not None else None))
    return pairs, [p for i, p in enumerate(pred_ents) if i not in used]


def entity_value_ok(label, gold, pred):
    """Whether a matched entity's value is right (PER: its text; PROVINCE: folded name; else exact)."""
    if label == "PER":
        return gold["text"] == pred.get("text")
    if label == "PROVINCE":
        return fold_name(gold.get("value")) == fold_name(pred.get("value"))
    return gold.get("value") == pred.get("value")


def _article_entities(gold, articles):
    return {a["article_id"]: a.get("entities") or [] for a in articles if a.get("article_id") in gold}


def undefined_ratios(prefix, tp, fp, fn):
    """The names of the P/R/F1 figures that are 0/0 (shown as n/a; the numbers stay 0.0 as score.py has them)."""
    out = set()
    if tp + fp == 0:
        out.add(prefix + "_p")
    if tp + fn == 0:
        out.add(prefix + "_r")
    if tp + fp + fn == 0:
        out.add(prefix + "_f1")
    return out


def score(gold_rows, commitments, articles=None, undefined=None):
    """The evaluation figures (keys and values as ../shared/tools/score.py) as a dict.

    ``undefined``, a set, receives the names of the figures that cannot be computed (0/0)."""
    gold = {g["article_id"]: g for g in gold_rows}
    preds = predicted_sentences(gold, commitments)
    provinces = {fold_name(e["value"]) for g in gold.values() for e in g["entities"]
                 if e["label"] == "PROVINCE" and e.get("value")}
    n = defaultdict(int)
    for aid, row in gold.items():
        gsents, psents = gold_sentences(row), preds.get(aid, {})
        pairs, extra = match_sentences(list(gsents), list(psents))
        n["fp"] += len(extra)
        for gspan, pspan in pairs:
            if pspan is None:
                n["fn"] += 1
                continue
            n["tp"] += 1
            g, p = gsents[gspan], psents[pspan]
            n["type_n"] += 1
            n["type_ok"] += g["types"] == p["types"]
            for field in ("years", "metrics"):
                n[field + "_tp"] += len(g[field] & p[field])
                n[field + "_fp"] += len(p[field] - g[field])
                n[field + "_fn"] += len(g[field] - p[field])
            actor_ok = bool(g["actors"] & p["actors"])
            if g["actors"]:
                n["actor_n"] += 1
                n["actor_ok"] += actor_ok
            if g["actors"] & provinces:
                n["actorp_n"] += 1
                n["actorp_ok"] += actor_ok
    res = {}
    res["sentence_p"], res["sentence_r"], res["sentence_f1"] = ratios(n["tp"], n["fp"], n["fn"])
    res["type_acc"] = n["type_ok"] / n["type_n"] if n["type_n"] else 0.0
    for field in ("years", "metrics"):
        trio = ratios(n[field + "_tp"], n[field + "_fp"], n[field + "_fn"])
        res[field + "_p"], res[field + "_r"], res[field + "_f1"] = trio
    res["actor_acc"] = n["actor_ok"] / n["actor_n"] if n["actor_n"] else 0.0
    res["province_actor_acc"] = n["actorp_ok"] / n["actorp_n"] if n["actorp_n"] else 0.0
    res["gold_sentences"] = n["tp"] + n["fn"]
    if undefined is not None:
        undefined |= undefined_ratios("sentence", n["tp"], n["fp"], n["fn"])
        for field in ("years", "metrics"):
            undefined |= undefined_ratios(field, n[field + "_tp"], n[field + "_fp"], n[field + "_fn"])
        undefined |= {k for k, d in (("type_acc", "type_n"), ("actor_acc", "actor_n"),
                                      ("province_actor_acc", "actorp_n")) if not n[d]}
    if articles is not None:
        res.update(score_entities(gold, _article_entities(gold, articles), undefined))
    return res


def entity_scores(pairs, label):
    """Counts and P/R/F1/value accuracy of one label over (gold entities, predicted entities) pairs."""
    tp = fp = fn = ok = 0
    for gold_ents, pred_ents in pairs:
        ge = [e for e in gold_ents if e["label"] == label]
        pe = [e for e in pred_ents if e.get("label") == label]
        matched, extra = match_entities(ge, pe)
        fp += len(extra)
        for g, p in matched:
            if p is None:
                fn += 1
            else:
                tp += 1
                ok += entity_value_ok(label, g, p)
    prec, rec, f1 = ratios(tp, fp, fn)
    return {"p": prec, "r": rec, "f1": f1, "value_acc": ok / tp if tp else 0.0, "tp": tp, "fp": fp, "fn": fn}


def score_entities(gold, predicted, undefined=None):
    """PER / PROVINCE / DATE precision, recall, F1 and value accuracy (0/0 names added to ``undefined``)."""
    pairs = [(row["entities"], predicted.get(aid, [])) for aid, row in gold.items()]
    res = {}
    for label in ENTITY_LABELS:
        e = entity_scores(pairs, label)
        res[f"{label}_p"], res[f"{label}_r"], res[f"{label}_f1"] = e["p"], e["r"], e["f1"]
        res[f"{label}_value_acc"] = e["value_acc"]
        if undefined is not None:
            undefined |= undefined_ratios(label, e["tp"], e["fp"], e["fn"])
            if not e["tp"]:
                undefined.add(f"{label}_value_acc")
    return res


# ---------------------------------------------------------------- what went wrong

def snippet(text, width=70):
    """A one-line excerpt of at most WIDTH characters."""
    text = " ".join((text or "").split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _show(values):
    """A sorted list for display; metric keys (value, unit) become "20 percent"."""
    out = [f"{v[0]:g} {v[1]}" if isinstance(v, tuple) else v for v in values]
    return sorted(out, key=repr)


def misses(gold_rows, commitments, articles=None, texts=None):
    """{article_id: [miss]} with each miss a dict: kind (missed_sentence, extra_sentence, type, years,
    metrics, actor, missed_entity, extra_entity, entity_value), start, end, snippet, expected, found."""
    gold = {g["article_id"]: g for g in gold_rows}
    preds = predicted_sentences(gold, commitments)
    pred_text = {}
    for c in commitments:
        s = c.get("sentence") or {}
        if c.get("article_id") in gold and "start" in s:
            pred_text.setdefault((c["article_id"], s["start"], s["end"]), s.get("text"))
    gold_text = {(g["article_id"], c["sentence_start"], c["sentence_end"]): c.get("sentence")
                 for g in gold.values() for c in g["commitments"]}
    texts = texts or {}
    out = defaultdict(list)

    def add(aid, kind, span, text, expected=None, found=None):
        if not text and aid in texts:
            text = texts[aid][span[0]:span[1]]
        out[aid].append({"kind": kind, "start": span[0], "end": span[1], "snippet": snippet(text),
                         "expected": expected, "found": found})

    for aid, row in gold.items():
        gsents, psents = gold_sentences(row), preds.get(aid, {})
        pairs, extra = match_sentences(list(gsents), list(psents))
        for gspan, pspan in pairs:
            g = gsents[gspan]
            gtext = gold_text.get((aid, *gspan))
            if pspan is None:
                add(aid, "missed_sentence", gspan, gtext, expected=_describe(g))
                continue
            p = psents[pspan]
            if g["types"] != p["types"]:
                add(aid, "type", gspan, gtext, _show(g["types"]), _show(p["types"]))
            for field in ("years", "metrics"):
                if g[field] != p[field]:
                    add(aid, field, gspan, gtext, _show(g[field]), _show(p[field]))
            if g["actors"] and not g["actors"] & p["actors"]:
                add(aid, "actor", gspan, gtext, _show(g["actors"]), _show(p["actors"]))
        for pspan in extra:
            add(aid, "extra_sentence", pspan, pred_text.get((aid, *pspan)), found=_describe(psents[pspan]))
    if articles is not None:
        predicted = _article_entities(gold, articles)
        for aid, row in gold.items():
            for label in ENTITY_LABELS:
                ge = [e for e in row["entities"] if e["label"] == label]
                pe = [e for e in predicted.get(aid, []) if e.get("label") == label]
                pairs, extra = match_entities(ge, pe)
                for g, p in pairs:
                    span = (g["start"], g["end"])
                    if p is None:
                        add(aid, "missed_entity", span, g.get("text"), f"{label} {g.get('value') or g.get('text')}")
                    elif not entity_value_ok(label, g, p):
                        key = "text" if label == "PER" else "value"
                        add(aid, "entity_value", span, g.get("text"), f"{label} {g.get(key)}",
                            f"{label} {p.get(key)}")
                for p in extra:
                    add(aid, "extra_entity", (p["start"], p["end"]), p.get("text"), found=f"{label} {p.get('value')}")
    entity_kinds = ("missed_entity", "extra_entity", "entity_value")
    return {aid: sorted(ms, key=lambda m: (m["kind"] in entity_kinds, m["start"], m["kind"]))
            for aid, ms in sorted(out.items())}


def _describe(agg):
    return {"types": _show(agg["types"]), "years": _show(agg["years"]),
            "metrics": _show(agg["metrics"]), "actors": _show(agg["actors"])}


def format_misses(found, limit=None):
    """Human lines for `misses` output, at most LIMIT misses in all (None: every one)."""
    lines, shown = [], 0
    total = sum(len(v) for v in found.values())
    for aid, ms in found.items():
        for m in ms:
            if limit is not None and shown >= limit:
                lines.append(f"... {total - shown} more")
                return lines
            detail = ""
            if m["expected"] is not None or m["found"] is not None:
                detail = f" expected {_brief(m['expected'])} found {_brief(m['found'])}"
            lines.append(f"{aid} {m['start']}-{m['end']} {m['kind']}:{detail} | {m['snippet']}")
            shown += 1
    return lines


def _brief(value):
    if value is None:
        return "nothing"
    if isinstance(value, dict):
        return "{" + "; ".join(f"{k} {v}" for k, v in value.items() if v) + "}"
    return str(value)
