"""Entity benchmark: camket's tagger against underthesea's `ner` on gold articles, same texts, same run.

usage: python benchmarks/entities.py [--gold GOLD.jsonl ...] [--no-underthesea] [--json]
Default gold: ../shared/corpus/{seeds,dev}/gold.jsonl and corpus/dev/gold*.jsonl in the repo (resolved
or stand-off; the repo's corrected dev gold replaces ../shared's for the same article ids); texts are
read beside each gold file, else from the same-named folder of ../shared/corpus. Scoring follows the annotation guide (section 3): same label
and overlapping spans match (each gold and predicted mention used once); on a match the value is
compared (PROVINCE after name folding, PER by its text, DATE exactly). Prints P/R/F1 and value
accuracy per label (PER, PROVINCE, DATE) and the speed of each system in characters per second;
underthesea has no DATE label, and its LOC is scored as PROVINCE both raw and filtered by
camket's province list.
"""
import argparse
import json
import re
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from pipeline.evaluate import entity_scores  # noqa: E402  (the scorer `camket eval` uses)

LABELS = ("PER", "PROVINCE", "DATE")


def default_gold_files():
    shared = REPO.parent / "shared" / "corpus"
    files = [shared / "seeds" / "gold.jsonl", shared / "dev" / "gold.jsonl"]
    files += sorted((REPO / "corpus" / "dev").glob("gold*.jsonl"))
    return [f for f in files if f.exists() and not f.name.endswith(".draft.jsonl")]


def _texts_dir(gold_path, article_id):
    """Where the article texts of a gold file are: beside it, else the same-named folder of ../shared/corpus."""
    for folder in (gold_path.parent, REPO.parent / "shared" / "corpus" / gold_path.parent.name):
        if (folder / f"{article_id}.txt").exists():
            return folder
    return gold_path.parent


def load_articles(gold_files):
    """[(article_id, text, gold entities)] from resolved or stand-off gold files; a later file's
    article replaces an earlier one with the same id (the repo's corrected dev gold over ../shared's)."""
    from pipeline.errors import CamketError
    from pipeline.gold import load_gold, read_jsonl

    by_id = {}
    for path in map(Path, gold_files):
        if not path.is_file():
            raise CamketError(f"gold file not found: {path}")
        first = next(iter(read_jsonl(path)), None)
        if first is None:
            continue
        folder = _texts_dir(path, first["article_id"])
        for g in load_gold(path, texts_dir=folder):
            text_path = folder / f"{g['article_id']}.txt"
            if not text_path.exists():
                print(f"skipped {g['article_id']}: no {text_path}", file=sys.stderr)
                continue
            by_id[g["article_id"]] = (g["article_id"], text_path.read_text(encoding="utf-8"), g.get("entities") or [])
    return list(by_id.values())


def camket_entities(text):
    from pipeline.entities.tagger import tag_entities
    return tag_entities(text)


_SENT_BREAK = re.compile(r"(?<=[.!?…])\s+|\n+")


def underthesea_entities(text):
    """underthesea `ner` per sentence of the normalised text; B-/I-PER -> PER, LOC -> PROVINCE."""
    from underthesea import ner
    from pipeline.entities.provinces import canonical_province
    from pipeline.text.normalize import normalize

    norm = normalize(text)
    nt = norm.text
    out, pos = [], 0
    for piece in _SENT_BREAK.split(nt):
        if not piece.strip():
            continue
        base = nt.find(piece, pos)
        pos = base + len(piece)
        cursor, current = base, None
        for word, _pos, _chunk, tag in ner(piece):
            i = nt.find(word, cursor, pos)
            if i < 0:  # the tokenizer rewrote the word: keep the mention open, skip the offset
                continue
            j = i + len(word)
            cursor = j
            kind = tag[2:] if tag != "O" else None
            label = {"PER": "PER", "LOC": "PROVINCE"}.get(kind)
            if label and current and current["label"] == label and tag.startswith("I-"):
                current["end"] = j
            elif label:
                current = {"label": label, "start": i, "end": j}
                out.append(current)
            else:
                current = None
    ents = []
    for e in out:
        s, t = norm.to_original(e["start"], e["end"])
        written = text[s:t]
        value = written if e["label"] == "PER" else (canonical_province(written) or written)
        ents.append({"label": e["label"], "text": written, "start": s, "end": t, "value": value})
    return ents


def gazetteer_filter(entities):
    """underthesea's LOC mentions kept only when camket's province list knows the name."""
    from pipeline.entities.provinces import canonical_province
    return [e for e in entities if e["label"] != "PROVINCE" or canonical_province(e["text"])]


def run_system(name, finder, articles):
    started = time.perf_counter()
    preds = [finder(text) for _, text, _ in articles]
    seconds = time.perf_counter() - started
    chars = sum(len(text) for _, text, _ in articles)
    return result(name, articles, preds, chars / seconds if seconds else 0.0), preds


def result(name, articles, preds, speed):
    pairs = [(gold, pred) for (_, _, gold), pred in zip(articles, preds)]
    return {"system": name, "chars_per_s": speed, "labels": {label: entity_scores(pairs, label) for label in LABELS}}


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gold", nargs="+", help="resolved gold JSONL files (texts beside them)")
    ap.add_argument("--no-underthesea", action="store_true", help="only camket's tagger")
    ap.add_argument("--json", action="store_true", help="print the results as one JSON object")
    args = ap.parse_args(argv)
    files = args.gold or default_gold_files()
    from pipeline.errors import CamketError
    try:
        articles = load_articles(files)
    except CamketError as exc:
        print(exc, file=sys.stderr)
        return 2
    if not articles:
        print("no gold articles found (pass --gold FILE)", file=sys.stderr)
        return 2
    results = [run_system("camket", camket_entities, articles)[0]]
    if not args.no_underthesea:
        raw, preds = run_system("underthesea", underthesea_entities, articles)
        filtered = result("uts+gazet.", articles, [gazetteer_filter(p) for p in preds], raw["chars_per_s"])
        results += [raw, filtered]
    if args.json:
        print(json.dumps({"articles": len(articles), "results": results}))
        return 0
    chars = sum(len(t) for _, t, _ in articles)
    print(f"{len(articles)} articles, {chars} chars, gold: {', '.join(str(f) for f in files)}")
    print(f"{'system':<12} {'label':<9} {'P':>6} {'R':>6} {'F1':>6} {'value':>6} {'tp':>5} {'fp':>5} {'fn':>5}")
    for r in results:
        for label, s in r["labels"].items():
            value = f"{s['value_acc']:.3f}" if s["tp"] else "-"
            print(f"{r['system']:<12} {label:<9} {s['p']:6.3f} {s['r']:6.3f} {s['f1']:6.3f} {value:>6} "
                  f"{s['tp']:5d} {s['fp']:5d} {s['fn']:5d}")
    for r in results[:2]:
        print(f"{r['system']:<12} speed: {r['chars_per_s']:,.0f} chars/s")
    if len(results) > 2:
        print("uts+gazet. = underthesea with LOC kept only when it names a province camket knows")
    return 0


if __name__ == "__main__":
    sys.exit(main())
