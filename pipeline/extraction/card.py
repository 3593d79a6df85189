"""The model card: what the commitment model is, what it was trained and chosen on, and its figures on the
frozen test split beside the cross-validated ones (Markdown, written by `camket train`)."""
import datetime
import platform

from .training import ENTITY_FIGURES, FIGURES, mean_figures

FLOORS = {"sentence_f1": 0.88, "type_acc": 0.94, "years_f1": 0.95, "metrics_f1": 0.95, "province_actor_acc": 0.95,
          "PER_f1": 0.95, "DATE_f1": 0.97, "PROVINCE_f1": 0.98, "stream_p": 0.85}


def _f(v):
    return "n/a" if v is None or v != v else f"{v:.3f}"


def card_text(report, command, paths, features=(), untrusted=()):
    """Markdown of the model card for a training ``report`` (pipeline.extraction.training.train)."""
    import sklearn
    import skops
    import underthesea
    model = report["model"]
    test_mean = mean_figures(report["test_runs"]) if report["test_runs"] else {}
    lines = [
        "# Model card: camket commitment classifier", "",
        "Decides, for each candidate sentence proposed by the rules, none / target / achievement.",
        "Four stacked parts (see `pipeline/extraction/classifier.py`): an article model (logistic regression",
        "over the whole article's words, numbers masked: does this article report an actor's plans and",
        "results?), a text model (logistic regression over word 1-3-grams of the segmented, masked sentence,",
        f"each n-gram seen in at least {model.ngram_min_df} training sentences), a decider (gradient-boosted trees",
        "over the rule features plus the text and article probabilities, calibrated once, one copy of the trees)",
        "giving P(commitment) = `confidence`, and a typer (target vs achievement, logistic regression) whose",
        f"split is weighed {model.type_blend:g} against the decider's. Commitment threshold {model.threshold_:.2f},",
        "chosen on out-of-fold decisions of the training articles.", "",
        "## Data and the honest split", "",
        f"- corpus: {paths.get('corpus')} ({report['n_train']} training articles, {report['n_test']} test articles)",
        "- articles by split and stratum: " + ", ".join(f"{k} {v}" for k, v in sorted(report["strata"].items())),
        "- the test split (`corpus/splits.json`) was drawn at random within strata before any annotation or",
        "  tuning, and no rule, example, feature or setting was chosen by looking at its errors; it is scored",
        "  once per training seed, after the settings are fixed",
        f"- written example sentences: {report['n_written']} used, {report['n_written_dropped']} left out for sharing",
        "  6+ masked word trigrams (or 30% of their own) with a test-split or dev-gold sentence",
        f"- candidate labels (training): {report['labels']}", "",
        "## Settings chosen on inner folds of the training split", "",
        "5-fold CV grouped by article, training articles only. A setting is judged by the worse of its two",
        "margins to the project's floors (sentence F1 0.88; sentence precision 0.85 on the stream articles),",
        "then by F1: a setting that gains F1 by writing records in sport, crime and market news loses.", "",
        "| setting | sentence F1 | P | R | type acc | stream P |", "| --- | --- | --- | --- | --- | --- |",
    ]
    for params, res in report["grid"]:
        mark = " (chosen)" if params == report["params"] else ""
        lines.append(f"| `{params}`{mark} | {_f(res['sentence_f1'])} | {_f(res['sentence_p'])} | "
                     f"{_f(res['sentence_r'])} | {_f(res['type_acc'])} | {_f(res.get('stream_p'))} |")
    lines += ["", "## Figures", "",
              "Reference definitions (`pipeline.evaluate.score` = `../shared/tools/score.py`). CV: out-of-fold on",
              "the training split. Test: the frozen test split, mean over training seeds "
              f"{', '.join(map(str, report['seeds']))} (per seed in brackets).", "",
              "| figure | rules, CV | model, CV | rules, test | **model, test (mean)** | per seed | floor |",
              "| --- | --- | --- | --- | --- | --- | --- |"]
    for k in FIGURES + ("stream_p",) + ENTITY_FIGURES:
        per = " ".join(_f(r.get(k)) for r in report["test_runs"])
        floor = FLOORS.get(k)
        lines.append(f"| {k} | {_f(report['cv_rules'].get(k))} | {_f(report['cv_model'].get(k))} | "
                     f"{_f(report['test_rules'].get(k))} | **{_f(test_mean.get(k))}** | {per} | "
                     f"{'' if floor is None else f'{floor:.2f}'} |")
    if test_mean:
        met = [k for k, v in FLOORS.items() if test_mean.get(k, 0) >= v]
        unmet = [k for k, v in FLOORS.items() if k in test_mean and test_mean[k] < v]
        lines += ["", f"Floors met on the test split: {', '.join(met) or 'none'}; not met: {', '.join(unmet) or 'none'}.",
                  f"Stream: {report['test_runs'][0].get('stream_articles', 0)} test articles drawn at random from the",
                  f"news stream, {report['test_runs'][0].get('stream_gold', 0)} gold commitment sentences in them;",
                  "`stream_p` is sentence precision there (1.0 when nothing is predicted)."]
    lines += ["", "The seed articles (`../shared/corpus/seeds`) are training data: figures on them are training fit,",
              "not estimates.", "", "## Most informative features", ""]
    lines += [f"- {cls}: `{name}` ({w:+.3f})" for cls, name, w in features]
    lines += ["", "## Versions", "",
              f"- python {platform.python_version()}, scikit-learn {sklearn.__version__}, skops {skops.__version__}, "
              f"underthesea {underthesea.__version__}",
              f"- trained {datetime.date.today().isoformat()}; model version `{getattr(model, 'version_', '')}`", "",
              "## Command", "", "```", command, "```", "",
              "## Loading", "",
              "Loaded offline with skops, trusting only the types in `pipeline/data/model_trusted_types.json`;",
              f"the file's non-default types are: {', '.join(untrusted) or 'none'}.", ""]
    return "\n".join(lines)
