"""Gold annotations: draft -> resolved offsets, corrections, stand-off form (no article text).

The draft format (readable snippets) is that of ../shared/tools/gold.py; the resolved
format is that of ../shared/corpus/dev/gold.jsonl.  The repository keeps only the
stand-off form: offsets, labels, values and a short hash of each span, re-read against
the article texts (which stay in ../shared) by `load_gold`.

`camket gold build|standoff|resolve` runs it (pipeline/commands/gold.py).
"""
import copy
import hashlib
import json
import re
from pathlib import Path

from .errors import CamketError
from .io.jsonl import read_jsonl
from .io.writers import write_jsonl as _write_jsonl

STANDOFF_FORMAT = "camket.gold-standoff/1"
COMMITMENT_OPS = ("add_commitment", "remove_commitment", "replace_commitment")
ENTITY_OPS = ("add_entity", "remove_entity", "replace_entity")


# ---------------------------------------------------------------- reading and writing

def parse_jsonl(lines, name):
    """The JSON objects of JSONL lines, one per non-blank line; ``name`` (file or "stdin") for errors."""
    return read_jsonl(lines, name)


def write_jsonl(path, rows):
    """Write rows as compact UTF-8 JSONL (deterministic: keys in insertion order), atomically."""
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    _write_jsonl(path, rows)


def read_texts(texts_dir, article_ids):
    """{article_id: text} read as-is (UTF-8, nothing normalised) from TEXTS_DIR/<id>.txt, or, for ids
    with no such file, from the rows (``id``, ``text``) of the folder's *.jsonl files (the pool)."""
    return {aid: src["text"] for aid, src in read_sources(texts_dir, article_ids).items()}


def read_sources(texts_dir, article_ids):
    """{article_id: {"text", "published"}} from TEXTS_DIR/<id>.txt files (no date) or the folder's JSONL
    rows (``id``, ``text``, ``published``); a missing article is an error."""
    out, wanted = {}, set(article_ids)
    for aid in article_ids:
        path = Path(texts_dir) / f"{aid}.txt"
        if path.exists():
            with open(path, encoding="utf-8", newline="") as f:
                out[aid] = {"text": f.read(), "published": None}
    if len(out) < len(wanted):
        for path in sorted(Path(texts_dir).glob("*.jsonl")):
            with open(path, encoding="utf-8") as f:
                for line in f:
                    row = json.loads(line) if line.strip() else {}  # pool rows may hold JSON the reader refuses
                    if row.get("id") in wanted and row["id"] not in out:
                        out[row["id"]] = {"text": row["text"], "published": row.get("published")}
    missing = [aid for aid in article_ids if aid not in out]
    if missing:
        raise CamketError(f"article text not found in {texts_dir}: {', '.join(missing[:5])}"
                          + (f" and {len(missing) - 5} more" if len(missing) > 5 else ""))
    return out


def span_hash(text):
    """A short, stable fingerprint of a span's text (first 10 hex digits of its SHA-1)."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:10]


# ---------------------------------------------------------------- resolving a draft

def word_occurrences(text, snippet):
    """Start offsets of SNIPPET in TEXT that do not cut a word on either side."""
    out = []
    if not snippet:
        return out
    i = text.find(snippet)
    while i >= 0:
        end = i + len(snippet)
        before = text[i - 1] if i > 0 else " "
        after = text[end] if end < len(text) else " "
        cuts_left = before.isalnum() and snippet[0].isalnum()
        cuts_right = after.isalnum() and snippet[-1].isalnum()
        if not cuts_left and not cuts_right:
            out.append(i)
        i = text.find(snippet, i + 1)
    return out


def all_occurrences(text, snippet):
    """Start offsets of every (possibly overlapping) occurrence of SNIPPET in TEXT."""
    out, i = [], text.find(snippet) if snippet else -1
    while i >= 0:
        out.append(i)
        i = text.find(snippet, i + 1)
    return out


def draft_metric(m):
    """A draft metric list [value, unit, extras...] as a metric dict."""
    item = {"value": m[0], "unit": m[1]}
    for extra in m[2:]:
        if isinstance(extra, dict):
            item.update(extra)
        elif m[1] == "money":
            item["currency"] = extra
        else:
            item["word"] = extra
    return item


def resolve_commitment(text, c, aid, problems):
    """One draft commitment with offsets, or None (and a problem) when its sentence is absent."""
    s = c["sentence"]
    occ = all_occurrences(text, s)
    k = c.get("occurrence", 0)
    if not occ or k >= len(occ):
        problems.append(f"{aid}: sentence not found: {s[:70]!r}")
        return None
    if len(occ) > 1 and "occurrence" not in c:
        problems.append(f"{aid}: sentence found {len(occ)} times, first taken: {s[:50]!r}")
    start = occ[k]
    return {"type": c["type"], "sentence_start": start, "sentence_end": start + len(s), "sentence": s,
            "deadline": c.get("deadline"), "metrics": [draft_metric(m) for m in c.get("metrics", [])],
            "actor": c.get("actor")}


def entity_parts(entry):
    """(label, snippet, value, options) of a draft entity entry."""
    label, snippet = entry[0], entry[1]
    value = entry[2] if len(entry) > 2 and not isinstance(entry[2], dict) else None
    opts = entry[-1] if isinstance(entry[-1], dict) else {}
    return label, snippet, value, opts


def resolve_entities(text, entries, aid, problems):
    """Every marked occurrence of every entry; on overlap the longer span (then the earlier) wins."""
    spans = []
    for entry in entries:
        label, snippet, value, opts = entity_parts(entry)
        occ = word_occurrences(text, snippet)
        if not occ:
            problems.append(f"{aid}: entity not found: {label} {snippet!r}")
        skip = set(opts.get("skip", []))
        spans.extend({"label": label, "text": snippet, "start": i, "end": i + len(snippet), "value": value}
                     for k, i in enumerate(occ) if k not in skip)
    spans.sort(key=lambda s: (s["start"] - s["end"], s["start"]))
    kept = []
    for s in spans:
        if all(s["end"] <= k["start"] or s["start"] >= k["end"] for k in kept):
            kept.append(s)
    return sorted(kept, key=lambda s: s["start"])


def resolve_article(text, draft, problems):
    """A draft row resolved against its article text (problems appended as strings)."""
    aid = draft["article_id"]
    commitments = [r for r in (resolve_commitment(text, c, aid, problems) for c in draft.get("commitments", []))
                   if r is not None]
    return {"article_id": aid, "commitments": commitments,
            "entities": resolve_entities(text, draft.get("entities", []), aid, problems)}


def resolve(drafts, texts):
    """(resolved rows, problems) for draft rows and their {article_id: text}."""
    problems = []
    rows = [resolve_article(texts[d["article_id"]], d, problems) for d in drafts]
    return rows, problems


# ---------------------------------------------------------------- corrections

def _same_commitment(a, b):
    keys = ("sentence", "type", "deadline", "metrics", "actor")
    return all(a.get(k) == b.get(k) for k in keys) and a.get("occurrence", 0) == b.get("occurrence", 0)


def _pick(commitments, sentence, wanted_type=None):
    """Index of the draft commitment on SENTENCE (the one of WANTED_TYPE when several), or None."""
    idx = [i for i, c in enumerate(commitments) if c["sentence"] == sentence]
    if len(idx) > 1 and wanted_type:
        typed = [i for i in idx if commitments[i]["type"] == wanted_type]
        idx = typed or idx
    return idx[0] if idx else None


def _find_entity(entries, entry):
    """Index of ENTRY among draft entity entries: exact, else the unique one with its label and text."""
    if entry in entries:
        return entries.index(entry)
    same = [i for i, e in enumerate(entries) if e[:2] == entry[:2]]
    return same[0] if len(same) == 1 else None


def apply_correction(draft, corr):
    """Apply one correction to a draft row in place; return None, or why it does not apply."""
    op = corr.get("op")
    cs, es = draft.setdefault("commitments", []), draft.setdefault("entities", [])
    if op == "remove_commitment":
        idx = [i for i, c in enumerate(cs) if c["sentence"] == corr.get("sentence")
               and (not corr.get("type") or c["type"] == corr["type"])]
        if not idx:
            return "no draft commitment has this sentence"
        for i in reversed(idx):
            del cs[i]
        return None
    if op == "add_commitment":
        new = corr.get("commitment") or {}
        if not new.get("sentence") or new.get("type") not in ("target", "achievement"):
            return "commitment needs a sentence and a type target|achievement"
        if any(_same_commitment(c, new) for c in cs):
            return "already in the draft"
        if any(c["sentence"] == new["sentence"] and c["type"] == new["type"] for c in cs):
            return "a commitment of this type on this sentence is already in the draft (use replace_commitment)"
        cs.append(copy.deepcopy(new))
        return None
    if op == "replace_commitment":
        new = corr.get("commitment") or {}
        if not new.get("sentence") or new.get("type") not in ("target", "achievement"):
            return "commitment needs a sentence and a type target|achievement"
        i = _pick(cs, corr.get("sentence"), corr.get("old_type") or new.get("type"))
        if i is None:
            return "no draft commitment has this sentence"
        cs[i] = copy.deepcopy(new)
        return None
    if op in ENTITY_OPS:
        entry = corr.get("entity")
        if not isinstance(entry, list) or len(entry) < 2:
            return "entity must be a draft entry [LABEL, text, ...]"
        if op == "add_entity":
            if entry in es:
                return "already in the draft"
            es.append(copy.deepcopy(entry))
            return None
        i = _find_entity(es, entry)
        if i is None:
            return "no such draft entity entry"
        if op == "remove_entity":
            del es[i]
        else:
            new = corr.get("new")
            if not isinstance(new, list) or len(new) < 2:
                return "new must be a draft entry [LABEL, text, ...]"
            es[i] = copy.deepcopy(new)
        return None
    return f"unknown op {op!r}"


def read_corrections(corrections_dir):
    """[(file name, line number, correction)] of every *.jsonl in the folder, in name order."""
    out = []
    for path in sorted(Path(corrections_dir).glob("*.jsonl")):
        with open(path, encoding="utf-8") as f:
            for n, line in enumerate(f, 1):
                if not line.strip():
                    continue
                try:
                    out.append((path.name, n, json.loads(line)))
                except json.JSONDecodeError as exc:
                    out.append((path.name, n, {"op": "unreadable", "reason": exc.msg}))
    return out


def apply_corrections(drafts, corrections, texts=None):
    """(corrected drafts, applied, rejected): applied/rejected are lists of (file, line, corr, note).

    A correction is rejected when it does not apply to the draft as corrected so far, or
    (with TEXTS) when the sentence or entity it adds is not in the article.
    """
    drafts = copy.deepcopy(drafts)
    by_id = {d["article_id"]: d for d in drafts}
    applied, rejected = [], []
    for fname, n, corr in corrections:
        aid = corr.get("article_id")
        if aid not in by_id:
            rejected.append((fname, n, corr, f"article {aid!r} is not in the draft"))
            continue
        text = texts.get(aid) if texts else None
        added = _added_snippet(corr)
        if text is not None and added is not None:
            kind, snippet = added
            found = all_occurrences(text, snippet) if kind == "sentence" else word_occurrences(text, snippet)
            if not found:
                rejected.append((fname, n, corr, f"{kind} not found in the article text"))
                continue
        trial = copy.deepcopy(by_id[aid])
        before = _replaced(trial, corr)
        why = apply_correction(trial, corr)
        if why:
            rejected.append((fname, n, corr, why))
            continue
        by_id[aid].clear()
        by_id[aid].update(trial)
        applied.append((fname, n, corr, before))
    return drafts, applied, rejected


def _replaced(draft, corr):
    """The draft commitment a replace_commitment would change (for the changelog), else None."""
    if corr.get("op") != "replace_commitment":
        return None
    new = corr.get("commitment") or {}
    i = _pick(draft.get("commitments", []), corr.get("sentence"), corr.get("old_type") or new.get("type"))
    return copy.deepcopy(draft["commitments"][i]) if i is not None else None


def _added_snippet(corr):
    """('sentence'|'entity', text) a correction introduces, or None."""
    if corr.get("op") in ("add_commitment", "replace_commitment"):
        s = (corr.get("commitment") or {}).get("sentence")
        return ("sentence", s) if s else None
    if corr.get("op") == "add_entity" and isinstance(corr.get("entity"), list) and len(corr["entity"]) > 1:
        return ("entity", corr["entity"][1])
    if corr.get("op") == "replace_entity" and isinstance(corr.get("new"), list) and len(corr["new"]) > 1:
        return ("entity", corr["new"][1])
    return None


# ---------------------------------------------------------------- stand-off form

def to_standoff(resolved_rows):
    """Resolved rows with every text (sentences, entity texts) replaced by its span hash."""
    out = []
    for row in resolved_rows:
        cs = [{"type": c["type"], "sentence_start": c["sentence_start"], "sentence_end": c["sentence_end"],
               "sentence_hash": span_hash(c["sentence"]), "deadline": c.get("deadline"),
               "metrics": copy.deepcopy(c.get("metrics") or []), "actor": c.get("actor")}
              for c in row.get("commitments", [])]
        es = [{"label": e["label"], "start": e["start"], "end": e["end"], "hash": span_hash(e["text"]),
               "value": e.get("value")} for e in row.get("entities", [])]
        extra = {"published": row["published"]} if row.get("published") else {}
        out.append({"format": STANDOFF_FORMAT, "article_id": row["article_id"], **extra, "commitments": cs,
                    "entities": es})
    return out


def from_standoff(rows, texts):
    """Stand-off rows back to resolved rows, each span re-read from TEXTS and its hash checked."""
    out = []
    for row in rows:
        aid = row["article_id"]
        text = texts[aid]
        cs = []
        for c in row.get("commitments", []):
            s = _checked(text, c["sentence_start"], c["sentence_end"], c["sentence_hash"], aid, "sentence")
            cs.append({"type": c["type"], "sentence_start": c["sentence_start"], "sentence_end": c["sentence_end"],
                       "sentence": s, "deadline": c.get("deadline"), "metrics": c.get("metrics") or [],
                       "actor": c.get("actor")})
        es = [{"label": e["label"], "text": _checked(text, e["start"], e["end"], e["hash"], aid, e["label"]),
               "start": e["start"], "end": e["end"], "value": e.get("value")} for e in row.get("entities", [])]
        extra = {"published": row["published"]} if row.get("published") else {}
        out.append({"article_id": aid, **extra, "commitments": cs, "entities": es})
    return out


def _checked(text, start, end, expected, aid, what):
    span = text[start:end]
    if end > len(text) or span_hash(span) != expected:
        raise CamketError(f"{aid}: the {what} span {start}-{end} no longer matches the gold "
                          f"(article text changed?): hash {span_hash(span)} != {expected}")
    return span


def is_standoff(rows):
    """True when the rows are stand-off gold (every row says its format)."""
    return bool(rows) and all(r.get("format") == STANDOFF_FORMAT for r in rows)


def load_gold(path, texts_dir=None):
    """Resolved gold rows from a resolved gold file or a stand-off one (texts re-read and checked)."""
    path = Path(path)
    if not path.exists():
        raise CamketError(f"gold file not found: {path}")
    rows = read_jsonl(path)
    if not is_standoff(rows):
        if any(r.get("format") == STANDOFF_FORMAT for r in rows):
            raise CamketError(f"{path}: mixes stand-off and resolved rows")
        for r in rows:
            if "article_id" not in r or "commitments" not in r:
                raise CamketError(f"{path}: not a gold file (rows need article_id and commitments)")
        return rows
    if texts_dir is None:
        raise CamketError(f"{path} is stand-off gold: give the folder of its article texts")
    texts_dir = Path(texts_dir)
    if not texts_dir.is_dir():
        raise CamketError(f"texts folder not found: {texts_dir} (stand-off gold needs the article texts)")
    return from_standoff(rows, read_texts(texts_dir, [r["article_id"] for r in rows]))


# ---------------------------------------------------------------- changelog

def quote(text, words=8):
    """At most WORDS words of TEXT, with an ellipsis when cut."""
    parts = (text or "").split()
    return " ".join(parts[:words]) + (" …" if len(parts) > words else "")


def _sentence_span(text, sentence):
    occ = all_occurrences(text, sentence or "") if text else []
    return f"{occ[0]}-{occ[0] + len(sentence)}" if occ else "?"


def _entity_span(text, entry):
    occ = word_occurrences(text, entry[1]) if text and entry and len(entry) > 1 else []
    return ",".join(f"{i}-{i + len(entry[1])}" for i in occ[:3]) + (",…" if len(occ) > 3 else "") or "?"


def _fmt_commitment(c):
    ms = ", ".join(_fmt_metric(m) for m in c.get("metrics", []))
    return f"{c.get('type')}, deadline {_null(c.get('deadline'))}, metrics [{ms}], actor {_null(c.get('actor'))}"


def _null(value):
    return "null" if value is None else value


def _changes(old, new):
    """'field old → new' for each field a replacement changes (all of NEW when OLD is unknown)."""
    if not old:
        return _fmt_commitment(new)
    parts = []
    for key in ("type", "deadline", "actor"):
        if old.get(key) != new.get(key):
            parts.append(f"{key} {_null(old.get(key))} → {_null(new.get(key))}")
    if old.get("metrics") != new.get("metrics"):
        fmt = lambda ms: "[" + ", ".join(_fmt_metric(m) for m in ms or []) + "]"
        parts.append(f"metrics {fmt(old.get('metrics'))} → {fmt(new.get('metrics'))}")
    if old.get("sentence") != new.get("sentence"):
        parts.append("sentence span changed")
    return "; ".join(parts) or "no field changed"


def trim_quotes(reason, words=8):
    """REASON with every quoted passage cut to at most WORDS words (no article text in the repo)."""
    def cut(m):
        return m.group(1) + quote(m.group(2), words) + m.group(3)
    reason = re.sub(r"([\"“])([^\"“”]{3,}?)([\"”])", cut, reason)
    return re.sub(r"((?<!\w)['‘])([^'‘’]{3,}?)(['’](?!\w))", cut, reason)


def _fmt_metric(m):
    m = draft_metric(m) if isinstance(m, list) else m
    extra = "".join(f" {k}={v}" for k, v in m.items() if k not in ("value", "unit"))
    return f"{m['value']} {m['unit']}{extra}"


def changelog_line(corr, text, old=None):
    """One Markdown bullet for an applied correction: article, op, offsets, what, reason."""
    op, aid = corr["op"], corr["article_id"]
    if op == "remove_commitment":
        what = f"{_sentence_span(text, corr['sentence'])} \"{quote(corr['sentence'])}\""
    elif op == "add_commitment":
        new = corr["commitment"]
        what = f"{_sentence_span(text, new['sentence'])} \"{quote(new['sentence'])}\" → {_fmt_commitment(new)}"
    elif op == "replace_commitment":
        new = corr["commitment"]
        span = _sentence_span(text, new["sentence"])
        was = corr.get("sentence")
        moved = f" (was {_sentence_span(text, was)})" if was and was != new["sentence"] else ""
        what = f"{span}{moved} \"{quote(new['sentence'])}\": {_changes(old, new)}"
    elif op == "replace_entity":
        what = (f"{corr['entity'][0]} \"{quote(corr['entity'][1])}\" → {corr['new'][0]} \"{quote(corr['new'][1])}\""
                f" value {entity_parts(corr['new'])[2]!r} at {_entity_span(text, corr['new'])}")
    else:
        e = corr["entity"]
        what = f"{e[0]} \"{quote(e[1])}\" value {entity_parts(e)[2]!r} at {_entity_span(text, e)}"
    return f"- {aid} `{op}` {what} — {trim_quotes(str(corr.get('reason', '')).strip())}"


def changelog(applied, rejected, texts, before, after):
    """The CHANGELOG.md text: counts before/after, then each applied correction grouped by article."""
    lines = ["# Dev gold: corrections to the readers' draft", "",
             "Generated by `camket gold build` from `corpus/dev/corrections/*.jsonl`",
             "(do not edit by hand). Offsets are into ../shared/corpus/dev/<id>.txt.", "",
             "| | commitments | commitment sentences | entity mentions |", "| --- | --- | --- | --- |",
             f"| draft | {before['commitments']} | {before['sentences']} | {before['entities']} |",
             f"| corrected | {after['commitments']} | {after['sentences']} | {after['entities']} |", ""]
    counts = {}
    for _, _, c, _ in applied:
        counts[c["op"]] = counts.get(c["op"], 0) + 1
    lines += ["Applied: " + (", ".join(f"{k} {v}" for k, v in sorted(counts.items())) or "none")
              + f"; not applied: {len(rejected)}.", ""]
    for aid in sorted({c["article_id"] for _, _, c, _ in applied}):
        lines.append(f"## {aid}")
        lines += [changelog_line(c, texts.get(aid), old) for _, _, c, old in applied if c["article_id"] == aid]
        lines.append("")
    if rejected:
        lines += ["## Not applied", ""]
        lines += [f"- {f}:{n} {c.get('article_id')} `{c.get('op')}`: {why}" for f, n, c, why in rejected]
        lines.append("")
    return "\n".join(lines)


def shadowed_entities(applied, rows):
    """Problems for added entity entries that mark no span (every occurrence lost to a longer one)."""
    by_id = {r["article_id"]: r for r in rows}
    out = []
    for fname, n, corr, _ in applied:
        entry = corr.get("new") if corr["op"] == "replace_entity" else corr.get("entity")
        if corr["op"] not in ("add_entity", "replace_entity"):
            continue
        label, snippet, _, _ = entity_parts(entry)
        row = by_id.get(corr["article_id"], {"entities": []})
        if not any(e["label"] == label and e["text"] == snippet for e in row["entities"]):
            out.append(f"{corr['article_id']}: {fname}:{n} {label} {snippet!r} marks no span "
                       f"(skipped, or inside a longer entity)")
    return out


def counts(rows):
    """{'commitments', 'sentences', 'entities'} totals of resolved rows."""
    return {"commitments": sum(len(r["commitments"]) for r in rows),
            "sentences": sum(len({(c["sentence_start"], c["sentence_end"]) for c in r["commitments"]}) for r in rows),
            "entities": sum(len(r["entities"]) for r in rows)}


# ---------------------------------------------------------------- build

def build(draft_path, texts_dir, corrections_dir, out_path, changelog_path):
    """Draft + corrections -> stand-off gold and its changelog; returns a summary dict."""
    drafts = read_jsonl(draft_path)
    texts = read_texts(texts_dir, [d["article_id"] for d in drafts])
    corrections = read_corrections(corrections_dir) if corrections_dir and Path(corrections_dir).is_dir() else []
    before_rows, _ = resolve(drafts, texts)
    fixed, applied, rejected = apply_corrections(drafts, corrections, texts)
    rows, problems = resolve(fixed, texts)
    problems += shadowed_entities(applied, rows)
    write_jsonl(out_path, to_standoff(rows))
    before, after = counts(before_rows), counts(rows)
    log = changelog(applied, rejected, texts, before, after)
    if problems:
        log += "\n## Problems\n\n" + "".join(f"- {trim_quotes(p)}\n" for p in problems)
    Path(changelog_path).write_text(log, encoding="utf-8")
    return {"before": before, "after": after, "applied": len(applied), "rejected": rejected, "problems": problems}


def convert(texts_dir, draft_path, out_path, standoff=True):
    """Resolve a draft against its texts and write it, stand-off (no text) or resolved; returns the problems."""
    drafts = read_jsonl(draft_path)
    sources = read_sources(texts_dir, [d["article_id"] for d in drafts])
    rows, problems = resolve(drafts, {aid: src["text"] for aid, src in sources.items()})
    if standoff:
        for r in rows:
            r["published"] = sources[r["article_id"]].get("published")
        rows = to_standoff(rows)
    write_jsonl(out_path, rows)
    return problems
