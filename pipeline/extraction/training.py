"""Training data from gold: candidates labelled none / target / achievement, and grouped CV.

A candidate sentence takes the type of the gold commitment sentence it covers
(overlap of at least half the gold sentence, as the scorer matches); where a
gold sentence holds both types, the first listed wins.
"""
import numpy as np
from sklearn.model_selection import GroupKFold

from .classifier import NONE, CommitmentModel


def label_candidates(cands, gold_commitments):
    """One label per candidate, from the gold commitments of the same article."""
    labels = [NONE] * len(cands)
    for g in gold_commitments:
        gs, ge = g["sentence_start"], g["sentence_end"]
        best, best_ov = None, 0
        for i, c in enumerate(cands):
            ov = min(ge, c["end"]) - max(gs, c["start"])
            if ov >= 0.5 * (ge - gs) and ov > best_ov:
                best, best_ov = i, ov
        if best is not None and labels[best] == NONE:
            labels[best] = g["type"]
    return labels


def grouped_folds(groups, n_splits=5, seed=None):
    """(train_idx, test_idx) pairs that keep articles whole: sklearn's GroupKFold (balanced fold sizes)
    without ``seed``; with one, the articles shuffled by that seed and dealt to the folds in turn
    (another split of the same articles, to see how much a figure owes to one split)."""
    groups = np.asarray(groups)
    n = min(n_splits, len(set(groups)))
    if seed is None:
        return list(GroupKFold(n_splits=n).split(np.zeros(len(groups)), groups=groups))
    articles = sorted(set(groups.tolist()))
    np.random.RandomState(seed).shuffle(articles)
    fold_of = {a: k % n for k, a in enumerate(articles)}
    folds = np.array([fold_of[g] for g in groups.tolist()])
    return [(np.flatnonzero(folds != k), np.flatnonzero(folds == k)) for k in range(n)]


def fit_model(cands, labels, groups=None, threshold=None):
    """A fitted CommitmentModel (``groups``: article ids, so inner folds keep articles whole)."""
    return CommitmentModel(threshold=threshold).fit(cands, labels, groups)


def decider_importance(model, cands, labels, seed=0):
    """Permutation importance of the decider's inputs (mean drop in macro-F1) on the given candidates,
    as a dict name -> drop. On held-out articles it measures what the model uses on news it has not seen;
    on its own training data the text probabilities, fitted on those very sentences, would dominate."""
    from sklearn.inspection import permutation_importance
    from .rules import can_commit
    keep = [i for i, c in enumerate(cands) if can_commit(c["features"])]  # what the decider sees
    cands, labels = [cands[i] for i in keep], [labels[i] for i in keep]
    imp = permutation_importance(model.decider_, model.features(cands), np.asarray(labels, dtype=object),
                                 scoring="f1_macro", n_repeats=3, random_state=seed)
    return dict(zip(model.feature_names_, (float(v) for v in imp.importances_mean)))


def top_features(model, cands, labels, k=10, seed=0, importance=None):
    """The k most informative features of the decider (``importance``, e.g. averaged over held-out
    folds; else permutation importance on the given candidates) and, per type, the typer's k largest
    coefficients.

    Returns (role, feature, weight) triples; role is "commitment", "target" or "achievement".
    """
    if importance is None:
        importance = decider_importance(model, cands, labels, seed)
    ranked = sorted(importance.items(), key=lambda kv: kv[1], reverse=True)[:k]
    out = [("commitment", name, weight) for name, weight in ranked]
    coef = model.typer_.coef_[0]
    names = model.type_feature_names_
    positive = model.typer_.classes_[1]
    negative = model.typer_.classes_[0]
    out += [(positive, names[j], float(coef[j])) for j in np.argsort(coef)[::-1][:k]]
    out += [(negative, names[j], float(-coef[j])) for j in np.argsort(coef)[:k]]
    return out
