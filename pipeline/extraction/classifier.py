"""The learning half of rule-plus-classifier: a scikit-learn model over candidates.

Three fitted parts, stacked:
- a text model: logistic regression over word 1-3-grams of the segmented, masked sentence (character
  n-grams are an option: with them, grouped CV scored lower); its out-of-fold probabilities (grouped by
  article) become features;
- a decider: gradient-boosted trees over the rule features (cues, tense, deadline, metrics,
  neighbours, the rule decision) plus those text probabilities, calibrated with sigmoid CV;
  it gives P(none / target / achievement), and P(commitment) becomes `confidence`;
- a typer: logistic regression trained on commitment sentences only, target vs achievement, over the
  rule features plus the out-of-fold probability of a second text model (the same n-grams, its own
  weights) trained on those sentences only. Over the threshold, the target/achievement split averages the
  typer's with the decider's own (``type_blend`` weighs the typer; grouped CV: 0.5 beat either alone).
The n-grams of a sentence are computed once for both text models.
The commitment threshold is chosen on out-of-fold decisions of the training data's article sentences
(written example sentences, flagged ``written``, train all parts but are easier than news).
Saved with skops and loaded only with the explicit allowlist of trusted types.
"""
import json
from importlib import resources

import numpy as np
from scipy import sparse
from sklearn.base import BaseEstimator
from sklearn.calibration import CalibratedClassifierCV
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.feature_extraction import DictVectorizer
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold
from sklearn.pipeline import FeatureUnion
from sklearn.preprocessing import MaxAbsScaler
from threadpoolctl import threadpool_limits

from .rules import can_commit

NONE = "none"
CLASSES = ("achievement", NONE, "target")
TEXT_FEATURES = tuple(f"text_p_{c}" for c in CLASSES)
TYPE_TEXT_FEATURE = "text_p_target_vs_achievement"
THRESHOLDS = (0.3, 0.35, 0.4, 0.45, 0.5, 0.55)


def ngram_vectorizer(word_max=3, min_df=1, chars=False):
    """Unfitted TF-IDF of word 1-to-``word_max``-grams (and, with ``chars``, character 2-5-grams) of the
    masked, segmented sentence."""
    parts = [("words", TfidfVectorizer(token_pattern=r"[^\s]+", ngram_range=(1, word_max), min_df=min_df,
                                       sublinear_tf=True))]
    if chars:
        parts.append(("chars", TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), min_df=3, sublinear_tf=True,
                                               max_features=20000)))
    return FeatureUnion(parts)


def ngram_transform(union, texts):
    """``union.transform(texts)`` without FeatureUnion's per-call joblib set-up (costlier than the work here)."""
    return sparse.hstack([vec.transform(texts) for _, vec in union.transformer_list], format="csr")


def text_lr(C=2.0):
    """Unfitted logistic regression over the n-grams."""
    return LogisticRegression(C=C, max_iter=3000)


def decider_model(max_iter=50, learning_rate=0.2, max_depth=3, cv=3, ensemble=True):
    """Unfitted none/target/achievement model over rule features + text probabilities (sigmoid-calibrated)."""
    trees = HistGradientBoostingClassifier(max_iter=max_iter, learning_rate=learning_rate, max_depth=max_depth,
                                           random_state=0)
    return CalibratedClassifierCV(trees, method="sigmoid", cv=cv, ensemble=ensemble)


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


def _p_target(model, V):
    """P(target) of a target-vs-achievement model (0.5 when it saw one type only)."""
    classes = list(model.classes_)
    if "target" not in classes or len(classes) < 2:
        return np.full(V.shape[0], 1.0 if classes == ["target"] else 0.0 if classes else 0.5)
    return model.predict_proba(V)[:, classes.index("target")]


def _split(p):
    """Rows of (achievement, target) probabilities rescaled to sum to one (an even split when both are 0)."""
    total = p.sum(axis=1, keepdims=True)
    return np.where(total > 1e-12, p / np.maximum(total, 1e-12), 0.5)


def _without_stop_words(union):
    """Drop the vectorizers' ``stop_words_`` (the pruned vocabulary, kept only for introspection) to keep files small."""
    for _, vec in union.transformer_list:
        vec.stop_words_ = None
    return union


class CommitmentModel(BaseEstimator):
    """Decides none / target / achievement for candidates (plain dicts from `propose`).

    Parameters are plain values; everything learnt ends with ``_``.
    ``threshold=None`` chooses the commitment threshold on out-of-fold training decisions.
    ``phrase_features=False`` leaves out the one-feature-per-trigger-phrase features (the n-grams carry
    the words; with them, grouped CV scored lower on type accuracy).
    """

    def __init__(self, threshold=None, text_C=2.0, type_C=1.0, folds=4, max_iter=50, learning_rate=0.2,
                 max_depth=3, calibration_ensemble=True, phrase_features=False, word_ngrams=3, ngram_min_df=1,
                 char_ngrams=False, type_blend=0.5):
        self.threshold = threshold
        self.type_blend = type_blend
        self.word_ngrams = word_ngrams
        self.ngram_min_df = ngram_min_df
        self.char_ngrams = char_ngrams
        self.phrase_features = phrase_features
        self.text_C = text_C
        self.type_C = type_C
        self.folds = folds
        self.max_iter = max_iter
        self.learning_rate = learning_rate
        self.max_depth = max_depth
        self.calibration_ensemble = calibration_ensemble

    def fit(self, cands, labels, groups=None):
        """Fit on candidates and their labels; ``groups`` (article ids) keep folds article-wise."""
        groups = list(groups) if groups is not None else list(range(len(cands)))
        keep = [i for i, c in enumerate(cands) if can_commit(c["features"])]  # the model decides these only
        cands, labels, groups = [cands[i] for i in keep], [labels[i] for i in keep], [groups[i] for i in keep]
        y = np.asarray(labels, dtype=object)
        groups = np.asarray(groups, dtype=object)
        texts = [c["model_text"] for c in cands]
        self.vectorizer_ = DictVectorizer(sparse=False).fit(self._rule_dicts(cands))
        rules = self.vectorizer_.transform([c["features"] for c in cands])  # keys it did not learn are ignored
        folds = list(GroupKFold(n_splits=min(self.folds, len(set(groups)))).split(rules, groups=groups))
        is_pos = y != NONE
        text_oof = np.zeros((len(cands), len(CLASSES)))
        type_oof = np.full(len(cands), 0.5)
        for tr, te in folds:  # out-of-fold text probabilities, the n-grams fitted on the training part
            vec = self._ngrams().fit([texts[i] for i in tr])
            V_tr, V_te = vec.transform([texts[i] for i in tr]), vec.transform([texts[i] for i in te])
            text_oof[te] = ordered_proba(text_lr(self.text_C).fit(V_tr, y[tr]), V_te)
            if len(set(y[tr][is_pos[tr]])) == 2:
                type_oof[te] = _p_target(text_lr(self.text_C).fit(V_tr[is_pos[tr]], y[tr][is_pos[tr]]), V_te)
        self.ngrams_ = _without_stop_words(self._ngrams().fit(texts))
        V = self.ngrams_.transform(texts)
        self.text_lr_ = text_lr(self.text_C).fit(V, y)
        pos = np.flatnonzero(is_pos)
        self.type_text_lr_ = text_lr(self.text_C).fit(V[pos], y[pos]) if len(set(y[pos])) == 2 else None
        X = np.hstack([rules, text_oof])
        if self.threshold is None:
            p_commit = np.zeros(len(cands))
            for tr, te in folds:
                m = self._decider(y[tr]).fit(X[tr], y[tr])
                p_commit[te] = 1.0 - ordered_proba(m, X[te])[:, CLASSES.index(NONE)]
            # chosen on article sentences: written ones (no article around them) are easier than news
            real = np.array([not c.get("written") for c in cands])
            real = real if real.any() else np.ones(len(cands), dtype=bool)
            self.threshold_ = best_threshold(p_commit[real], is_pos[real])
        else:
            self.threshold_ = float(self.threshold)
        self.decider_ = self._decider(y).fit(X, y)
        Xt = np.hstack([rules[pos], type_oof[pos][:, None]])
        self.type_scaler_ = MaxAbsScaler().fit(Xt)
        self.typer_ = LogisticRegression(C=self.type_C, class_weight="balanced", max_iter=3000).fit(
            self.type_scaler_.transform(Xt), y[pos])
        self.feature_names_ = list(self.vectorizer_.get_feature_names_out()) + list(TEXT_FEATURES)
        self.type_feature_names_ = list(self.vectorizer_.get_feature_names_out()) + [TYPE_TEXT_FEATURE]
        self.classes_ = np.array(CLASSES, dtype=object)
        return self

    def _decider(self, y):
        """An unfitted decider whose calibration folds fit the rarest class (tiny training sets: a class
        seen once leaves nothing to calibrate on, and the trees' own probabilities are used)."""
        rarest = min(np.unique(y, return_counts=True)[1])
        if rarest < 2:
            return HistGradientBoostingClassifier(max_iter=self.max_iter, learning_rate=self.learning_rate,
                                                  max_depth=self.max_depth, random_state=0)
        return decider_model(self.max_iter, self.learning_rate, self.max_depth, cv=int(max(2, min(3, rarest))),
                             ensemble=self.calibration_ensemble)

    def _ngrams(self):
        """An unfitted n-gram vectoriser with this model's settings."""
        return ngram_vectorizer(self.word_ngrams, self.ngram_min_df, self.char_ngrams)

    def _rule_dicts(self, cands):
        """The rule features the models learn from (without the per-phrase ones unless ``phrase_features``)."""
        if self.phrase_features:
            return [c["features"] for c in cands]
        return [{k: v for k, v in c["features"].items() if not k.startswith("kw_")} for c in cands]

    def _inputs(self, cands):
        """Rule features and n-grams of the candidates (the n-grams computed once for both models)."""
        rules = self.vectorizer_.transform([c["features"] for c in cands])
        return rules, ngram_transform(self.ngrams_, [c["model_text"] for c in cands])

    def features(self, cands):
        """The decider's input matrix: rule features + the text model's probabilities."""
        rules, V = self._inputs(cands)
        return np.hstack([rules, ordered_proba(self.text_lr_, V)])

    def proba(self, cands):
        """Probability of each class (CLASSES order) per candidate, the commitment mass split by the typer.

        The typer runs only on candidates over the threshold (the split of the others is even). OpenMP is
        limited to one thread for the process on first use: the trees' OpenMP pool does not survive a fork,
        batch workers are forked from a parent that has already used the model, and camket parallelises
        by processes anyway (a per-call limit costs more than the trees' prediction itself).
        """
        _limit_openmp_once()
        rules, V = self._inputs(cands)
        p = ordered_proba(self.decider_, np.hstack([rules, ordered_proba(self.text_lr_, V)]))
        commit = 1.0 - p[:, CLASSES.index(NONE)]
        share = _split(p[:, [CLASSES.index("achievement"), CLASSES.index("target")]])  # the decider's own
        keep = np.flatnonzero(commit >= self.threshold_)
        if len(keep):
            p_type = (_p_target(self.type_text_lr_, V[keep]) if self.type_text_lr_ is not None
                      else np.full(len(keep), 0.5))
            Xt = np.hstack([rules[keep], p_type[:, None]])
            kinds = ordered_proba(self.typer_, self.type_scaler_.transform(Xt))
            typer = _split(kinds[:, [CLASSES.index("achievement"), CLASSES.index("target")]])
            share[keep] = self.type_blend * typer + (1.0 - self.type_blend) * share[keep]
        out = np.zeros_like(p)
        out[:, CLASSES.index("achievement")] = commit * share[:, 0]
        out[:, CLASSES.index("target")] = commit * share[:, 1]
        out[:, CLASSES.index(NONE)] = 1.0 - commit
        return out

    def decide(self, cands):
        """(type or None, confidence) per candidate; one that cannot be a commitment is (None, 1.0)."""
        out = [(None, 1.0)] * len(cands)
        idx = [i for i, c in enumerate(cands) if can_commit(c["features"])]
        if not idx:
            return out
        for i, (pa, pn, pt) in zip(idx, self.proba([cands[i] for i in idx])):
            if pa + pt >= self.threshold_:
                out[i] = ("target" if pt >= pa else "achievement", round(float(pa + pt), 4))
            else:
                out[i] = (None, round(float(pn), 4))
        return out


_OPENMP_LIMITED = []


def _limit_openmp_once():
    """Limit OpenMP to one thread in this process, once (see CommitmentModel.proba)."""
    if not _OPENMP_LIMITED:
        _OPENMP_LIMITED.append(threadpool_limits(limits=1, user_api="openmp"))


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
