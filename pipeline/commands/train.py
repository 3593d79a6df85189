"""`camket train`: fit the commitment classifier on gold, cross-validated by article, saved with skops."""
import datetime
import json
import platform
import sys
from collections import Counter
from pathlib import Path

from ..errors import CamketError

REPO = Path(__file__).resolve().parents[2]
DEFAULT_GOLD = REPO / "corpus" / "dev" / "gold.standoff.jsonl"
DEFAULT_ALSO = [REPO.parent / "shared" / "corpus" / "seeds" / "gold.jsonl"]
DEFAULT_EXTRA = [REPO / "corpus" / "positives.jsonl", REPO / "corpus" / "negatives.jsonl",
                 REPO / "corpus" / "examples.jsonl"]


def register(sub):
    p = sub.add_parser("train", help="train the commitment classifier on gold and save it with skops",
                       description="Train the commitment classifier (rules propose, the model decides). "
                                   "Cross-validates on --gold grouped by article, then fits on everything and "
                                   "writes the model and its card.")
    p.add_argument("--gold", nargs="+", type=Path, default=[DEFAULT_GOLD],
                   help="gold files to cross-validate on and train with (resolved or stand-off gold)")
    p.add_argument("--also", nargs="*", type=Path, default=None,
                   help="gold files used for training only (default: the seed gold in ../shared, review exports)")
    p.add_argument("--extra", nargs="*", type=Path, default=None,
                   help="JSONL sentences with a label (positives/negatives written for the model)")
    p.add_argument("--texts", nargs="*", type=Path, default=[],
                   help="folders holding the articles' .txt files (default: beside each gold file, ../shared/corpus/dev)")
    p.add_argument("--folds", type=int, default=5, help="cross-validation folds grouped by article (0: skip)")
    p.add_argument("--repeats", type=int, default=0,
                   help="also cross-validate on this many other (shuffled) splits of the articles and print "
                        "each figure's mean over all splits (default 0: the one GroupKFold split)")
    p.add_argument("-o", "--output", type=Path, default=REPO / "models" / "commitment.skops")
    p.add_argument("--card", type=Path, default=None, help="model card path (default: MODEL_CARD.md beside the model)")
    p.set_defaults(func=run)


def _load_articles(paths, texts_dirs):
    from ..gold import load_gold
    rows = []
    for path in paths:
        if not path.exists():
            raise CamketError(f"gold file not found: {path}")
        dirs = list(texts_dirs) + [path.parent, REPO.parent / "shared" / "corpus" / "dev"]
        for d in dirs:
            try:
                gold = load_gold(path, d)
                break
            except (CamketError, FileNotFoundError, OSError):
                continue
        else:
            raise CamketError(f"cannot find the article texts for {path}; pass --texts DIR")
        for g in gold:
            text = _text_for(g["article_id"], dirs)
            if text is not None:
                rows.append((g, text))
    return rows


def _text_for(aid, dirs):
    for d in dirs:
        p = Path(d) / f"{aid}.txt"
        if p.exists():
            return p.read_text(encoding="utf-8")
    return None


def _extra_examples(paths, extractor):
    """Candidates, labels and groups (one group per written example) of the labelled sentence files.

    An example may carry ``published`` (the imagined article's date), which places its years in time."""
    cands, labels, groups = [], [], []
    for path in paths:
        if not path.exists():
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            row = json.loads(line)
            label = row.get("label") or row.get("type") or "none"
            cs = extractor.document(row["text"], row.get("published")).candidates
            for c in cs:
                c["written"] = True  # not from an article: trains every part, but the threshold is chosen without it
                cands.append(c)
                labels.append(label if label in ("target", "achievement") else "none")
                groups.append(f"{path.name}:{len(groups)}")
    return cands, labels, groups


def _floor_text(got, floors):
    """One phrase per floor: the figure and whether it meets the floor."""
    return "; ".join(f"{k} {got[k]:.3f} {'meets' if got[k] >= v else 'is below'} {v}" for k, v in floors.items())


def run(args):
    from ..extraction.classifier import CLASSES, save_model, untrusted_types_in
    from ..extraction.training import fit_model, label_candidates, top_features
    from ..extractor import Extractor

    rules = Extractor(None)
    also = args.also if args.also is not None else [p for p in DEFAULT_ALSO if p.exists()]
    extra = args.extra if args.extra is not None else DEFAULT_EXTRA
    args.also, args.extra = also, [p for p in extra if p.exists()]  # as used, for the model card
    cv_rows = _load_articles(args.gold, args.texts)
    also_rows = _load_articles(also, args.texts) if also else []
    print(f"gold: {len(cv_rows)} articles for CV, {len(also_rows)} for training only", file=sys.stderr)

    def labelled(rows):
        out = []
        for g, text in rows:
            cands = rules.document(text).candidates
            out.append((g, text, cands, label_candidates(cands, g["commitments"])))
        return out

    cv_data, also_data = labelled(cv_rows), labelled(also_rows)
    extra_c, extra_l, extra_g = _extra_examples(extra, rules)
    base_c = [c for _, _, cs, _ in also_data for c in cs] + extra_c
    base_l = [lab for _, _, _, ls in also_data for lab in ls] + extra_l
    base_g = ["also:" + g["article_id"] for g, _, cs, _ in also_data for _ in cs] + extra_g

    report, importance = {}, None
    if args.folds and len(cv_data) >= 2:
        base = (base_c, base_l, base_g)
        scores, pred_labels, importance = _cross_validate(cv_data, base, rules, args.folds)
        report.update(scores)
        flat_l = [lab for _, _, _, ls in cv_data for lab in ls]
        conf = Counter(zip(flat_l, pred_labels))
        report["confusion"] = {f"{a}->{b}": conf[(a, b)] for a in CLASSES for b in CLASSES}
        _print_cv(report)
        if args.repeats > 0:
            runs = [scores] + [_cross_validate(cv_data, base, rules, args.folds, seed=r)[0]
                               for r in range(1, args.repeats + 1)]
            report["splits"] = runs
            _print_repeats(runs)

    all_c = [c for _, _, cs, _ in cv_data for c in cs] + base_c
    all_l = [lab for _, _, _, ls in cv_data for lab in ls] + base_l
    all_g = [g["article_id"] for g, _, cs, _ in cv_data for _ in cs] + base_g
    model = fit_model(all_c, all_l, all_g)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    tmp = args.output.with_suffix(".tmp")
    save_model(model, tmp)
    tmp.replace(args.output)
    feats = top_features(model, all_c, all_l, 10, importance=importance)
    print(f"\nthreshold {model.threshold_:.2f}; most informative features (commitment: permutation importance"
          f"{' on held-out articles' if importance else ''}; target/achievement: typer coefficients):")
    for cls, name, w in feats:
        print(f"  {cls:12s} {w:+.3f}  {name}")
    card = args.card or args.output.with_name("MODEL_CARD.md")
    _write_card(card, args, model, report, feats, Counter(all_l), untrusted_types_in(args.output))
    print(f"\nmodel written to {args.output}; card {card}", file=sys.stderr)
    return 0


def _cross_validate(cv_data, base, rules, n_folds, seed=None):
    """Scores of the rules and of rules + classifier over held-out articles, the candidates' predicted
    labels, and the decider's permutation importance averaged over the folds' held-out articles."""
    from ..extraction.training import decider_importance, fit_model, grouped_folds
    from ..evaluate import score
    from ..extractor import Extractor
    base_c, base_l, base_g = base
    groups = [g["article_id"] for g, _, cs, _ in cv_data for _ in cs]
    flat_c = [c for _, _, cs, _ in cv_data for c in cs]
    flat_l = [lab for _, _, _, ls in cv_data for lab in ls]
    art_index = {g["article_id"]: i for i, (g, _, _, _) in enumerate(cv_data)}
    pred_labels = [None] * len(flat_c)
    heldout = {}  # feature -> importance on each fold's held-out articles
    model_recs, rule_recs = [], []
    folds = grouped_folds(groups, n_folds, seed)
    for train_idx, test_idx in folds:
        model = fit_model([flat_c[i] for i in train_idx] + base_c, [flat_l[i] for i in train_idx] + base_l,
                          [groups[i] for i in train_idx] + base_g)
        print(f"  fold: threshold {model.threshold_:.2f}", file=sys.stderr)
        for name, drop in decider_importance(model, [flat_c[i] for i in test_idx],
                                             [flat_l[i] for i in test_idx]).items():
            heldout.setdefault(name, []).append(drop)
        ex = Extractor(model)
        for i, (kind, _) in zip(test_idx, model.decide([flat_c[i] for i in test_idx])):
            pred_labels[i] = kind or "none"
        for aid in sorted({groups[i] for i in test_idx}):
            g, text, _, _ = cv_data[art_index[aid]]
            art = {"article_id": aid, "text": text}
            model_recs += ex.process(art)[1]
            rule_recs += rules.process(art)[1]
    gold_rows = [g for g, _, _, _ in cv_data]
    scores = {"rules+classifier": score(gold_rows, model_recs, None), "rules": score(gold_rows, rule_recs, None)}
    # averaged over the folds (a feature a fold's model did not have counts 0 there)
    importance = {name: sum(v) / len(folds) for name, v in heldout.items()}
    return scores, pred_labels, importance


_CV_KEYS = ["sentence_p", "sentence_r", "sentence_f1", "type_acc", "metrics_f1", "years_f1", "actor_acc",
            "province_actor_acc"]


def _split_means(runs):
    """(figure, rules mean, rules+classifier mean, rules+classifier per split) over CV runs."""
    return [(k, sum(x["rules"][k] for x in runs) / len(runs), sum(x["rules+classifier"][k] for x in runs) / len(runs),
             [x["rules+classifier"][k] for x in runs]) for k in _CV_KEYS]


def _print_repeats(runs):
    print(f"\nmean over {len(runs)} splits of the articles (the split above, then shuffled ones)")
    print(f"{'':40s} {'rules':>8s} {'rules+clf':>10s}   rules+clf per split")
    for k, r, m, per in _split_means(runs):
        print(f"{k:40s} {r:8.3f} {m:10.3f}   {' '.join(f'{v:.3f}' for v in per)}")


def _print_cv(report):
    print(f"{'cross-validated (grouped by article)':40s} {'rules':>8s} {'rules+clf':>10s}")
    for k in _CV_KEYS:
        print(f"{k:40s} {report['rules'][k]:8.3f} {report['rules+classifier'][k]:10.3f}")
    print("confusion (gold->predicted, candidates):")
    for k, v in report["confusion"].items():
        print(f"  {k:26s} {v}")


def _rel(path):
    """A path relative to the repository when it is inside or beside it, else the file's name
    (cards carry no machine paths)."""
    import os
    path = Path(path).resolve()
    if path.is_relative_to(REPO.parent):
        return os.path.relpath(path, REPO)
    return path.name


def _write_card(path, args, model, report, feats, counts, untrusted):
    import sklearn
    import skops
    import underthesea
    lines = [
        "# Model card: camket commitment classifier", "",
        "Decides, for each candidate sentence proposed by the rules, none / target / achievement.",
        "Stacked: (1) a text model, logistic regression over word 1-3-grams of the",
        "segmented, masked sentence (years, numbers, provinces, people, dates, organisations and metrics replaced",
        "by placeholders), whose out-of-fold probabilities (grouped by article) are features of (2) the decider,",
        "gradient-boosted trees (HistGradientBoosting) over the rule features (cue counts and scores per group,",
        "tense/aspect cues, deadline vs reference year, metrics, the cue nearest before the first value and whether",
        "a goal word governs its verb, form of the sentence, the neighbouring sentences, the article's share of",
        "goal and result sentences, the rule decision; per-phrase features only with `phrase_features=True`)",
        "plus those probabilities, calibrated with sigmoid CV (3 folds), giving P(commitment) = `confidence`;",
        "(3) the typer, class-balanced logistic regression on commitment sentences only, target vs achievement,",
        "over the same rule features and a second text model's out-of-fold P(target); over the threshold, the",
        f"target/achievement split weighs the typer's by {model.type_blend:g} against the decider's own.",
        "Written example sentences (label and an imagined publication date) train all three parts.",
        f"Commitment threshold {model.threshold_:.2f}, chosen on out-of-fold decisions of the training data's "
        "article sentences.", "",
        "## Data",
        f"- cross-validated and trained on: {', '.join(_rel(p) for p in args.gold)}",
        f"- training only: {', '.join(_rel(p) for p in (args.also or [])) or 'nothing'}; written examples: "
        f"{', '.join(_rel(p) for p in (args.extra or [])) or 'none'}",
        f"- candidate labels: {dict(counts)}", "",
        "## Versions",
        f"- python {platform.python_version()}, scikit-learn {sklearn.__version__}, skops {skops.__version__}, underthesea {underthesea.__version__}",
        f"- trained {datetime.date.today().isoformat()}", "",
        "## Command", "", "```", "camket train " + " ".join(sys.argv[2:]), "```", "",
    ]
    if report:
        lines += ["## Cross-validated scores (grouped by article, reference scorer's figures)", "",
                  "| figure | rules | rules+classifier |", "| --- | --- | --- |"]
        for k in report["rules"]:
            if isinstance(report["rules"][k], float):
                lines.append(f"| {k} | {report['rules'][k]:.3f} | {report['rules+classifier'][k]:.3f} |")
        lines += ["", "Confusion over candidates (gold -> predicted):", ""]
        lines += [f"- {k}: {v}" for k, v in report["confusion"].items()]
        if report.get("splits"):
            runs = report["splits"]
            lines += ["", f"Mean over {len(runs)} splits of the articles (the split above, then shuffled ones):", "",
                      "| figure | rules | rules+classifier | rules+classifier per split |", "| --- | --- | --- | --- |"]
            lines += [f"| {k} | {r:.3f} | {m:.3f} | {', '.join(f'{v:.3f}' for v in per)} |"
                      for k, r, m, per in _split_means(runs)]
    if report:
        floors = {"sentence_f1": 0.85, "type_acc": 0.93, "metrics_f1": 0.9, "years_f1": 0.95, "province_actor_acc": 0.9}
        got = report["rules+classifier"]
        lines += ["", "## Limits", "",
                  "Project floors, on the split above: " + _floor_text(got, floors) + "."]
        if report.get("splits"):
            means = {k: m for k, _, m, _ in _split_means(report["splits"])}
            lines.append(f"On the mean over {len(report['splits'])} splits: " + _floor_text(means, floors) + ".")
        lines += ["Only sentences with a value, a deadline, a date, a relative deadline or a place in a named index,"
                  " and not forecasts, reach the model (the rules settle the others).",
                  "`actor_acc` counts organisation names written differently from the gold as wrong; "
                  "`province_actor_acc` is the figure held."]
    lines += ["", "## Most informative features", "",
              "commitment: permutation importance in the decider (drop in macro-F1), averaged over the CV folds'",
              "held-out articles (on the training candidates when trained without CV);",
              "target / achievement: the typer's largest coefficients towards that type.", ""]
    lines += [f"- {cls}: `{name}` ({w:+.3f})" for cls, name, w in feats]
    lines += ["", "## Loading", "",
              "Loaded offline with skops, trusting only the types in `pipeline/data/model_trusted_types.json`;",
              f"the file's non-default types are: {', '.join(untrusted) or 'none'}.", ""]
    path.write_text("\n".join(lines), encoding="utf-8")
