"""Entity benchmark: camket's tagger (rules alone, and the CRF person tagger merged with the rules) against
underthesea's `ner` on gold articles, same texts, same run.

usage: python benchmarks/entities.py [--corpus corpus/gold.json] [--split train|test|all] [--person-model PATH]
                                     [--cv K] [--pool ../shared/corpus/pool] [--no-underthesea] [--json]
The gold is the corpus manifest's (corpus/gold.json: the seed, dev and pool gold with their texts), and
each article's publication date (when it has one) is passed to the tagger. ``--split`` keeps the frozen
test split of corpus/splits.json ("test"), leaves it out ("train", the default) or keeps everything ("all"): report the
test split once, at the end, never to choose anything; ``--cv K`` adds the person tagger refitted in K
folds of the train split (the packaged tagger was trained on all of it, so its train figures are a fit). Scoring follows the annotation guide (section 3):
same label and overlapping spans match (each gold and predicted mention used once); on a match the value is
compared (PROVINCE after name folding, PER by its text, DATE exactly). Prints P/R/F1 and value accuracy per
label (PER, PROVINCE, DATE) and the speed of each system (characters per second, ms per article);
underthesea has no DATE label, and its LOC is scored as PROVINCE both raw and filtered by camket's
province list.
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


def load_articles(manifest, split="train"):
    """[(article_id, text, published, gold entities)] of the corpus manifest's articles in ``split``."""
    from pipeline.extraction.training import load_corpus
    return [(a.article_id, a.text, a.published, a.gold.get("entities") or [])
            for a in load_corpus(manifest) if split == "all" or a.split == split]


def camket_entities(people_model):
    """The tagger with the given person model (None = the PER rules alone)."""
    from pipeline.entities.tagger import tag_entities

    def run(text, published):
        return tag_entities(text, published, people_model=people_model)
    return run


_SENT_BREAK = re.compile(r"(?<=[.!?…])\s+|\n+")


def underthesea_entities(text, published=None):
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
    finder(articles[0][1], articles[0][2])  # warm-up: tables and models loaded before timing
    started = time.perf_counter()
    preds = [finder(text, published) for _, text, published, _ in articles]
    seconds = time.perf_counter() - started
    chars = sum(len(text) for _, text, _, _ in articles)
    return result(name, articles, preds, seconds, chars), preds


def result(name, articles, preds, seconds, chars):
    pairs = [(gold, pred) for (_, _, _, gold), pred in zip(articles, preds)]
    return {"system": name, "chars_per_s": chars / seconds if seconds else 0.0,
            "ms_per_article": 1000 * seconds / len(articles) if seconds else 0.0,
            "labels": {label: entity_scores(pairs, label) for label in LABELS}}


def cross_validated(articles, k, pool, seed=0):
    """PER/PROVINCE/DATE of the rules alone and of the CRF+rules tagger, the person tagger refitted on
    k-1 folds of ``articles`` (grouped by article) and scored on the held-out fold."""
    import random
    from types import SimpleNamespace
    from pipeline.entities import person_model as pm
    from pipeline.entities.tagger import tag_entities

    lexicon = pm.build_lexicon(pool, exclude=gold_ids())
    ids = list(range(len(articles)))
    random.Random(seed).shuffle(ids)
    folds = [ids[i::k] for i in range(k)]
    texts, spans = pm.training_data([SimpleNamespace(text=t, gold={"entities": e}) for _, t, _, e in articles])
    preds_rules, preds_model = [None] * len(articles), [None] * len(articles)
    for f in folds:
        held = set(f)
        model = pm.PersonTagger().fit([texts[i] for i in ids if i not in held],
                                      [spans[i] for i in ids if i not in held], lexicon=lexicon)
        for i in f:
            _, text, published, _ = articles[i]
            preds_rules[i] = tag_entities(text, published, people_model=None)
            preds_model[i] = tag_entities(text, published, people_model=model)
    chars = sum(len(a[1]) for a in articles)
    return [result("rules (CV)", articles, preds_rules, 0, chars), result("crf+rules (CV)", articles, preds_model, 0, chars)]


def gold_ids():
    """Every article chosen for annotation and every gold article: the lexicon never reads them."""
    from pipeline.extraction.training import load_corpus
    from pipeline.io.jsonl import read_jsonl
    ids = {r["id"] for r in read_jsonl(REPO / "corpus" / "pool" / "selection.jsonl")}
    return ids | {a.article_id for a in load_corpus(REPO / "corpus" / "gold.json")}


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", default=str(REPO / "corpus" / "gold.json"), help="corpus manifest")
    ap.add_argument("--pool", default=str(REPO.parent / "shared" / "corpus" / "pool"),
                    help="unlabelled articles for the person tagger's lexicon (with --cv)")
    ap.add_argument("--split", choices=("train", "test", "all"), default="train",
                    help="articles of the frozen test split only, all but them (default), or all")
    ap.add_argument("--person-model", help="person tagger file (default: the packaged models/person_tagger.skops)")
    ap.add_argument("--no-underthesea", action="store_true", help="only camket's tagger")
    ap.add_argument("--cv", type=int, metavar="K",
                    help="also cross-validate the person tagger in K folds (refitted per fold; train split only)")
    ap.add_argument("--json", action="store_true", help="print the results as one JSON object")
    args = ap.parse_args(argv)
    if args.cv and args.split != "train":
        print("--cv runs on the train split only", file=sys.stderr)
        return 2
    from pipeline.errors import CamketError
    try:
        articles = load_articles(args.corpus, args.split)
        from pipeline.entities.person_model import load
        person_model = load(args.person_model)
    except CamketError as exc:
        print(exc, file=sys.stderr)
        return 2
    if not articles:
        print("no gold articles found (pass --gold FILE)", file=sys.stderr)
        return 2
    results = [run_system("rules", camket_entities(None), articles)[0],
               run_system("crf+rules", camket_entities(person_model), articles)[0]]
    if args.cv:
        results += cross_validated(articles, args.cv, args.pool)
    if not args.no_underthesea:
        raw, preds = run_system("underthesea", underthesea_entities, articles)
        filtered = result("uts+gazet.", articles, [gazetteer_filter(p) for p in preds],
                          raw["ms_per_article"] * len(articles) / 1000, sum(len(a[1]) for a in articles))
        results += [raw, filtered]
    if args.json:
        print(json.dumps({"articles": len(articles), "split": args.split, "results": results}))
        return 0
    chars = sum(len(a[1]) for a in articles)
    print(f"{len(articles)} articles ({args.split} split), {chars} chars, corpus: {args.corpus}")
    print(f"{'system':<15} {'label':<9} {'P':>6} {'R':>6} {'F1':>6} {'value':>6} {'tp':>5} {'fp':>5} {'fn':>5}")
    for r in results:
        for label, s in r["labels"].items():
            value = f"{s['value_acc']:.3f}" if s["tp"] else "-"
            print(f"{r['system']:<15} {label:<9} {s['p']:6.3f} {s['r']:6.3f} {s['f1']:6.3f} {value:>6} "
                  f"{s['tp']:5d} {s['fp']:5d} {s['fn']:5d}")
    for r in results:
        if r["ms_per_article"] and r["system"] != "uts+gazet.":
            print(f"{r['system']:<12} speed: {r['chars_per_s']:,.0f} chars/s, {r['ms_per_article']:.1f} ms/article")
    if not args.no_underthesea:
        print("uts+gazet. = underthesea with LOC kept only when it names a province camket knows")
    return 0


if __name__ == "__main__":
    sys.exit(main())
