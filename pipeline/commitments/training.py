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


def grouped_folds(groups, n_splits=5):
    """(train_idx, test_idx) pairs of a GroupKFold over article ids."""
    groups = np.asarray(groups)
    n = min(n_splits, len(set(groups)))
    return list(GroupKFold(n_splits=n).split(np.zeros(len(groups)), groups=groups))


def fit_model(cands, labels, groups=None, threshold=None):
    """A fitted CommitmentModel (``groups``: article ids, so inner folds keep articles whole)."""
    return CommitmentModel(threshold=threshold).fit(cands, labels, groups)


def top_features(model, cands, labels, k=10, seed=0):
    """The k most informative features of the decider (permutation importance: drop in macro-F1,
    measured on the given candidates) and, per type, the typer's k largest coefficients.

    Returns (role, feature, weight) triples; role is "commitment", "target" or "achievement".
    """
    from sklearn.inspection import permutation_importance
    from .rules import can_commit
    keep = [i for i, c in enumerate(cands) if can_commit(c["features"])]  # what the decider sees
    cands, labels = [cands[i] for i in keep], [labels[i] for i in keep]
    X = model.features(cands)
    imp = permutation_importance(model.decider_, X, np.asarray(labels, dtype=object), scoring="f1_macro",
                                 n_repeats=3, random_state=seed)
    names = model.feature_names_
    out = [("commitment", names[j], float(imp.importances_mean[j]))
           for j in np.argsort(imp.importances_mean)[::-1][:k]]
    coef = model.typer_.coef_[0]
    names = model.type_feature_names_
    positive = model.typer_.classes_[1]
    negative = model.typer_.classes_[0]
    out += [(positive, names[j], float(coef[j])) for j in np.argsort(coef)[::-1][:k]]
    out += [(negative, names[j], float(-coef[j])) for j in np.argsort(coef)[:k]]
    return out
