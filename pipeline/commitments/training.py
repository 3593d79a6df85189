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


def fit_model(cands, labels, threshold=0.5):
    """A fitted CommitmentModel."""
    model = CommitmentModel(threshold=threshold)
    return model.fit(cands, labels)


def top_features(model, k=10):
    """The k most informative features per class: (class, feature, weight), from the averaged coefficients."""
    pipe = model.pipeline
    names = pipe.named_steps["features"].get_feature_names_out()
    cal = pipe.named_steps["clf"]
    coefs = np.mean([c.estimator.coef_ for c in cal.calibrated_classifiers_], axis=0)
    classes = list(cal.classes_)
    out = []
    for ci, cls in enumerate(classes):
        if cls == NONE:
            continue
        order = np.argsort(coefs[ci])[::-1][:k]
        out.extend((cls, names[j], float(coefs[ci][j])) for j in order)
    return out
