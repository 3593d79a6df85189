"""The learning half of rule-plus-classifier: a scikit-learn model over candidates.

Three fitted parts, stacked:
- a text model: logistic regression over word 1-2-grams and character 2-5-grams of the
  segmented, masked sentence; its out-of-fold probabilities (grouped by article) become features;
- a decider: gradient-boosted trees over the rule features (cues, tense, deadline, metrics,
  neighbours, the rule decision) plus those text probabilities, calibrated with sigmoid CV;
  it gives P(none / target / achievement), and P(commitment) becomes `confidence`;
- a typer: logistic regression trained on commitment sentences only, target vs achievement, over the
  rule features plus the out-of-fold probability of a second text model trained on those sentences only.
The commitment threshold is chosen on out-of-fold decisions of the training data.
Saved with skops and loaded only with the explicit allowlist of trusted types.
"""
import json
from importlib import resources

import numpy as np
from sklearn.base import BaseEstimator
from sklearn.calibration import CalibratedClassifierCV
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.feature_extraction import DictVectorizer
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold
from sklearn.pipeline import FeatureUnion, Pipeline
from sklearn.preprocessing import MaxAbsScaler
from threadpoolctl import threadpool_limits

NONE = "none"
CLASSES = ("achievement", NONE, "target")
TEXT_FEATURES = tuple(f"text_p_{c}" for c in CLASSES)
TYPE_TEXT_FEATURE = "text_p_target_vs_achievement"
THRESHOLDS = (0.3, 0.35, 0.4, 0.45, 0.5, 0.55)


def text_pipeline(C=2.0):
    """Unfitted n-gram model of the masked sentence text."""
    return Pipeline([
        ("ngrams", FeatureUnion([
            ("words", TfidfVectorizer(token_pattern=r"[^\s]+", ngram_range=(1, 2), min_df=2, sublinear_tf=True)),
            ("chars", TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), min_df=3, sublinear_tf=True,
                                      max_features=20000)),
        ])),
        ("lr", LogisticRegression(C=C, max_iter=3000)),
    ])


def decider_model(max_iter=100, learning_rate=0.1, max_depth=3, cv=3):
    """Unfitted none/target/achievement model over rule features + text probabilities (sigmoid-calibrated)."""
    trees = HistGradientBoostingClassifier(max_iter=max_iter, learning_rate=learning_rate, max_depth=max_depth,
                                           random_state=0)
    return CalibratedClassifierCV(trees, method="sigmoid", cv=cv)


def ordered_proba(model, X):
    """predict_proba columns in CLASSES order (0 for a class the model never saw)."""
    p = model.predict_proba(X)
    out = np.zeros((p.shape[0], len(CLASSES)))
    for j, c in enumerate(model.classes_):
        out[:, CLASSES.index(c)] = p[:, j]
    return out


def best_threshold(p_commit, is_commit, grid=THRESHOLDS):
    """The grid threshold with the best F1 of 'commitment' over the given (out-of-fold) probabilities."""
    best, best_f1 = grid[0], -1.0
    for t in grid:
        pred = p_commit >= t
        tp = float(np.sum(pred & is_commit))
        f1 = 2 * tp / max(1.0, float(np.sum(pred)) + float(np.sum(is_commit)))
        if f1 > best_f1 + 1e-9:
            best, best_f1 = t, f1
    return float(best)


def _p_target(model, texts):
    """P(target) of a target-vs-achievement model (0.5 when it saw one type only)."""
    classes = list(model.classes_)
    if "target" not in classes or len(classes) < 2:
        return np.full(len(texts), 1.0 if classes == ["target"] else 0.0 if classes else 0.5)
    return model.predict_proba(texts)[:, classes.index("target")]


def _without_stop_words(pipe):
    """Drop the vectorizers' ``stop_words_`` (the pruned vocabulary, kept only for introspection) to keep files small."""
    for _, vec in pipe.named_steps["ngrams"].transformer_list:
        vec.stop_words_ = None
    return pipe


class CommitmentModel(BaseEstimator):
    """Decides none / target / achievement for candidates (plain dicts from `propose`).

    Parameters are plain values; everything learnt ends with ``_``.
    ``threshold=None`` chooses the commitment threshold on out-of-fold training decisions.
    """

    def __init__(self, threshold=None, text_C=2.0, type_C=1.0, folds=4, max_iter=100, learning_rate=0.1,
                 max_depth=3):
        self.threshold = threshold
        self.text_C = text_C
        self.type_C = type_C
        self.folds = folds
        self.max_iter = max_iter
        self.learning_rate = learning_rate
        self.max_depth = max_depth

    def fit(self, cands, labels, groups=None):
        """Fit on candidates and their labels; ``groups`` (article ids) keep folds article-wise."""
        y = np.asarray(labels, dtype=object)
        groups = np.asarray(groups if groups is not None else range(len(cands)), dtype=object)
        texts = [c["model_text"] for c in cands]
        self.vectorizer_ = DictVectorizer(sparse=False).fit([c["features"] for c in cands])
        rules = self.vectorizer_.transform([c["features"] for c in cands])
        folds = list(GroupKFold(n_splits=min(self.folds, len(set(groups)))).split(rules, groups=groups))
        text_oof = np.zeros((len(cands), len(CLASSES)))
        for tr, te in folds:
            m = text_pipeline(self.text_C).fit([texts[i] for i in tr], y[tr])
            text_oof[te] = ordered_proba(m, [texts[i] for i in te])
        self.text_model_ = _without_stop_words(text_pipeline(self.text_C).fit(texts, y))
        X = np.hstack([rules, text_oof])
        if self.threshold is None:
            p_commit = np.zeros(len(cands))
            for tr, te in folds:
                m = self._decider(y[tr]).fit(X[tr], y[tr])
                p_commit[te] = 1.0 - ordered_proba(m, X[te])[:, CLASSES.index(NONE)]
            self.threshold_ = best_threshold(p_commit, y != NONE)
        else:
            self.threshold_ = float(self.threshold)
        self.decider_ = self._decider(y).fit(X, y)
        pos = np.flatnonzero(y != NONE)
        pos_texts = [texts[i] for i in pos]
        type_oof = np.zeros(len(pos))
        n = min(self.folds, len(set(groups[pos])))
        for tr, te in GroupKFold(n_splits=n).split(pos, groups=groups[pos]):
            m = text_pipeline(self.text_C).fit([pos_texts[i] for i in tr], y[pos][tr])
            type_oof[te] = _p_target(m, [pos_texts[i] for i in te])
        self.type_text_model_ = _without_stop_words(text_pipeline(self.text_C).fit(pos_texts, y[pos]))
        Xt = np.hstack([rules[pos], type_oof[:, None]])
        self.type_scaler_ = MaxAbsScaler().fit(Xt)
        self.typer_ = LogisticRegression(C=self.type_C, class_weight="balanced", max_iter=3000).fit(
            self.type_scaler_.transform(Xt), y[pos])
        self.feature_names_ = list(self.vectorizer_.get_feature_names_out()) + list(TEXT_FEATURES)
        self.type_feature_names_ = list(self.vectorizer_.get_feature_names_out()) + [TYPE_TEXT_FEATURE]
        self.classes_ = np.array(CLASSES, dtype=object)
        return self

    def _decider(self, y):
        """An unfitted decider whose calibration folds fit the rarest class (tiny training sets)."""
        rarest = min(np.unique(y, return_counts=True)[1])
        return decider_model(self.max_iter, self.learning_rate, self.max_depth, cv=int(max(2, min(3, rarest))))

    def features(self, cands):
        """The decider's input matrix: rule features + the text model's probabilities."""
        rules = self.vectorizer_.transform([c["features"] for c in cands])
        return np.hstack([rules, ordered_proba(self.text_model_, [c["model_text"] for c in cands])])

    def type_features(self, cands):
        """The typer's input matrix: rule features + the type text model's P(target)."""
        rules = self.vectorizer_.transform([c["features"] for c in cands])
        return np.hstack([rules, _p_target(self.type_text_model_, [c["model_text"] for c in cands])[:, None]])

    def proba(self, cands):
        """Probability of each class (CLASSES order) per candidate, the commitment mass split by the typer.

        Runs with one OpenMP thread: the trees' OpenMP pool does not survive a fork, and batch workers are
        forked from a parent that has already used the model (a forked worker would otherwise hang).
        """
        with threadpool_limits(limits=1, user_api="openmp"):
            return self._proba(cands)

    def _proba(self, cands):
        X = self.features(cands)
        p = ordered_proba(self.decider_, X)
        commit = 1.0 - p[:, CLASSES.index(NONE)]
        kinds = ordered_proba(self.typer_, self.type_scaler_.transform(self.type_features(cands)))
        share = kinds[:, [CLASSES.index("achievement"), CLASSES.index("target")]]
        share = share / np.maximum(share.sum(axis=1, keepdims=True), 1e-12)
        out = np.zeros_like(p)
        out[:, CLASSES.index("achievement")] = commit * share[:, 0]
        out[:, CLASSES.index("target")] = commit * share[:, 1]
        out[:, CLASSES.index(NONE)] = 1.0 - commit
        return out

    def decide(self, cands):
        """(type or None, confidence) per candidate."""
        if not cands:
            return []
        out = []
        for pa, pn, pt in self.proba(cands):
            if pa + pt >= self.threshold_:
                out.append(("target" if pt >= pa else "achievement", round(float(pa + pt), 4)))
            else:
                out.append((None, round(float(pn), 4)))
        return out


def trusted_types():
    """The allowlist of types a model file may contain (pipeline/data/model_trusted_types.json)."""
    with resources.files("pipeline.data").joinpath("model_trusted_types.json").open(encoding="utf-8") as f:
        return json.load(f)["trusted"]


def save_model(model, path):
    """Write the fitted model with skops."""
    import skops.io as sio
    sio.dump(model, path)


def untrusted_types_in(path):
    """Types in the model file that skops does not trust by default."""
    import skops.io as sio
    return sorted(sio.get_untrusted_types(file=path))


def load_model(path):
    """Load a model file offline, trusting only the allowlisted types (one read of the file)."""
    import skops.io as sio
    from skops.io.exceptions import UntrustedTypesFoundException
    from ..errors import CamketError
    try:
        model = sio.load(path, trusted=trusted_types())
    except UntrustedTypesFoundException:
        extra = set(untrusted_types_in(path)) - set(trusted_types())
        raise CamketError(f"model file {path} contains types outside the allowlist: {', '.join(sorted(extra))}") from None
    if not isinstance(model, CommitmentModel):
        raise CamketError(f"model file {path} does not hold a camket commitment model")
    return model
