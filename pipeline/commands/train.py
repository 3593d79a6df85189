"""`camket train`: choose settings on inner folds, score the frozen test split, save the model and its card."""
import datetime
import sys
from pathlib import Path

from ..errors import CamketError

REPO = Path(__file__).resolve().parents[2]


def register(sub):
    p = sub.add_parser(
        "train", help="train the commitment classifier on gold and save it with skops",
        description="Train the commitment classifier (rules propose, the model decides) on a gold corpus: "
                    "settings are chosen on inner folds of the training articles, the frozen test split is "
                    "scored once per seed, and the model (fitted on all training articles) and its card are "
                    "written.")
    p.add_argument("--corpus", type=Path, default=REPO / "corpus" / "gold.json",
                   help="corpus manifest: gold sets, their texts and the test split (default %(default)s)")
    p.add_argument("--examples", nargs="*", type=Path, default=None, metavar="FILE",
                   help="written example sentences (JSONL: text, label, published); default: corpus/examples.jsonl, "
                        "positives.jsonl, negatives.jsonl beside the manifest")
    p.add_argument("--also", action="append", type=Path, default=[], metavar="GOLD",
                   help="more gold for training only (e.g. a `camket reviews export` gold.jsonl); repeatable")
    p.add_argument("--texts", action="append", type=Path, default=[], metavar="DIR",
                   help="where the --also gold's article texts are (.txt files or JSONL rows); repeatable")
    p.add_argument("--folds", type=int, default=5, help="inner cross-validation folds, grouped by article")
    p.add_argument("--seeds", type=int, nargs="+", default=[0, 1, 2], help="training seeds scored on the test split")
    p.add_argument("--no-grid", action="store_true", help="skip the settings search (use the default settings)")
    p.add_argument("--only", choices=("commitments", "people"), help="train one model only (default: both)")
    p.add_argument("--pool", type=Path, default=REPO.parent / "shared" / "corpus" / "pool",
                   help="unlabelled articles (JSONL) for the person tagger's name lexicon (default %(default)s)")
    p.add_argument("-o", "--output", type=Path, default=REPO / "models" / "commitment.skops")
    p.add_argument("--people-output", type=Path, default=None,
                   help="person tagger path (default: person_tagger.skops beside --output)")
    p.add_argument("--card", type=Path, default=None, help="model card path (default: MODEL_CARD.md beside the model)")
    p.set_defaults(func=run)


def train_people(args, corpus):
    """Fit the person tagger on the corpus's training split (its lexicon from the unlabelled pool, leaving
    out every gold and annotated article) and save it; returns its path."""
    from ..entities.person_model import build_lexicon, save, train_tagger
    from ..io.jsonl import read_jsonl
    train = [a for a in corpus if a.split == "train"]
    chosen = args.corpus.parent / "pool" / "selection.jsonl"
    exclude = {a.article_id for a in corpus} | ({r["id"] for r in read_jsonl(chosen)} if chosen.is_file() else set())
    print(f"person tagger: {len(train)} training articles; name lexicon from {args.pool}", file=sys.stderr)
    model = train_tagger(train, build_lexicon(args.pool, exclude))
    path = args.people_output or args.output.with_name("person_tagger.skops")
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    save(model, tmp)
    tmp.replace(path)
    print(f"person tagger written to {path}", file=sys.stderr)
    return path


def run(args):
    from ..extraction.card import card_text
    from ..extraction.classifier import save_model, untrusted_types_in
    from ..extraction.training import DEFAULT_GRID, GoldArticle, flatten, load_corpus, top_features, train
    from ..extractor import Extractor
    from ..gold import load_gold, read_sources

    corpus = load_corpus(args.corpus)
    for path in args.also:
        if not args.texts:
            raise CamketError("--also needs --texts DIR (where its articles' texts are)")
        rows = sources = None
        for d in args.texts:
            try:
                rows = load_gold(path, d)
                sources = read_sources(d, [r["article_id"] for r in rows])
                break
            except CamketError:
                rows = None
        if rows is None:
            raise CamketError(f"cannot find the article texts of {path} in {', '.join(map(str, args.texts))}")
        corpus += [GoldArticle(r["article_id"], sources[r["article_id"]]["text"], r, sources[r["article_id"]]["published"],
                               "train", "also", path.name) for r in rows]
    people = None
    if args.only != "commitments":
        people = train_people(args, corpus)
        if args.only == "people":
            return 0
    examples = args.examples
    if examples is None:
        examples = [args.corpus.parent / n for n in ("examples.jsonl", "positives.jsonl", "negatives.jsonl")]
    grid = DEFAULT_GRID[:1] if args.no_grid else DEFAULT_GRID
    from ..entities.person_model import load as load_people
    rules = Extractor(None, people=load_people(people))  # candidates see the entities the shipped tagger finds
    report = train(corpus, rules, examples, grid, args.folds, tuple(args.seeds),
                   log=lambda m: print(m, file=sys.stderr))
    model = report["model"]
    model.version_ = f"{datetime.date.today().isoformat()}-{report['n_train']}a"
    args.output.parent.mkdir(parents=True, exist_ok=True)
    tmp = args.output.with_suffix(".tmp")
    save_model(model, tmp)
    tmp.replace(args.output)
    train_articles = [a for a in report.get("analysed", []) if a.article.split == "train"]
    feats = top_features(model, *flatten(train_articles)[:2], 10) if train_articles else []
    card = args.card or args.output.with_name("MODEL_CARD.md")
    command = "camket train " + " ".join(sys.argv[2:])
    card.write_text(card_text(report, command, {"corpus": _rel(args.corpus)}, feats, untrusted_types_in(args.output)),
                    encoding="utf-8")
    _print_summary(report)
    print(f"model written to {args.output}; card {card}", file=sys.stderr)
    return 0


def _print_summary(report):
    from ..extraction.training import FIGURES, mean_figures
    test = mean_figures(report["test_runs"]) if report["test_runs"] else {}
    print(f"{'figure':22s} {'rules CV':>9s} {'model CV':>9s} {'rules test':>11s} {'model test':>11s}")
    for k in FIGURES + ("stream_p", "PER_f1", "DATE_f1", "PROVINCE_f1"):
        vals = [report["cv_rules"].get(k), report["cv_model"].get(k), report["test_rules"].get(k), test.get(k)]
        print(f"{k:22s} " + " ".join(f"{'n/a' if v is None else f'{v:.3f}':>{w}s}"
                                     for v, w in zip(vals, (9, 9, 11, 11))))


def _rel(path):
    """A path relative to the repository when inside it, else its name (cards carry no machine paths)."""
    import os
    path = Path(path).resolve()
    return os.path.relpath(path, REPO) if path.is_relative_to(REPO) else path.name
