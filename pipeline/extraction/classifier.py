"""The learning half of rule-plus-classifier: a scikit-learn model over candidates.

Four fitted parts, stacked:
- an article model: logistic regression over the words of the whole article (numbers masked), giving
  P(the article reports an actor's plans and results) — most false commitments on the news stream come
  from sport, crime, market or world news, which hold none; its out-of-fold probability (grouped by
  article) is a feature of every candidate of the article;
- a text model: logistic regression over word 1-3-grams (seen in at least ``ngram_min_df`` training
  sentences) of the segmented, masked sentence; its out-of-fold probabilities become features;
- a decider: gradient-boosted trees over the rule features (cues, tense, deadline, metrics, neighbours,
  the rule decision) plus the text and article probabilities, calibrated once (sigmoid, on internal
  folds, one copy of the trees); it gives P(none / target / achievement), and P(commitment) becomes
  `confidence`;
- a typer: logistic regression trained on commitment sentences only, target vs achievement, over the
  rule features plus the out-of-fold probability of a second text model trained on those sentences only.
  Over the threshold, the target/achievement split averages the typer's with the decider's own
  (``type_blend`` weighs the typer).
The commitment threshold is chosen on out-of-fold decisions of the training data's article sentences
(written example sentences, flagged ``written``, train all parts but are easier than news).
Saved with skops (compressed) and loaded only with the explicit allowlist of trusted types.
"""
import json
from importlib import resources

import numpy as np
from scipy import sparse
from sklearn.base import BaseEstimator
from sklearn.calibration import CalibratedClassifierCV
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold
from sklearn.pipeline import FeatureUnion
from sklearn.preprocessing import MaxAbsScaler
from threadpoolctl import ThreadpoolController

from .rules import can_commit
from .vectorizers import CompactTfidfVectorizer, compact

NONE = "none"
CLASSES = ("achievement", NONE, "target")
TEXT_FEATURES = tuple(f"text_p_{c}" for c in CLASSES)
ARTICLE_FEATURE = "article_p_commitments"
TYPE_TEXT_FEATURE = "text_p_target_vs_achievement"
THRESHOLDS = (0.3, 0.35, 0.4, 0.45, 0.5, 0.55)
SKIP_THRESHOLDS = (0.02, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3)


def ngram_vectorizer(word_max=3, min_df=1, chars=False):
    """Unfitted TF-IDF of word 1-to-``word_max``-grams (and, with ``chars``, character 2-5-grams) of the
    masked, segmented sentence."""
    parts = [("words", CompactTfidfVectorizer(token_pattern=r"[^\s]+", ngram_range=(1, word_max), min_df=min_df,
                                              sublinear_tf=True))]
    if chars:
        parts.append(("chars", CompactTfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), min_df=3, sublinear_tf=True,
                                               max_features=20000)))
    return FeatureUnion(parts)


def ngram_transform(union, texts):
    """``union.transform(texts)`` without FeatureUnion's per-call joblib set-up (costlier than the work here)."""
    return sparse.hstack([vec.transform(texts) for _, vec in union.transformer_list], format="csr")


def text_lr(C=2.0):
    """Unfitted logistic regression over the n-grams."""
    return LogisticRegression(C=C, max_iter=3000)


def decider_model(max_iter=50, learning_rate=0.2, max_depth=3, cv=3, ensemble=False, random_state=0):
    """Unfitted none/target/achievement model over rule features + text probabilities (sigmoid-calibrated;
    ``ensemble=False``: one copy of the trees, calibrated on internal folds' predictions)."""
    trees = HistGradientBoostingClassifier(max_iter=max_iter, learning_rate=learning_rate, max_depth=max_depth,
                                           random_state=random_state)
    return CalibratedClassifierCV(trees, method="sigmoid", cv=cv, ensemble=ensemble)


def article_vectorizer(min_df=2):
    """Unfitted TF-IDF of the words (syllables) and word pairs of a whole article, numbers masked."""
    return CompactTfidfVectorizer(token_pattern=r"[^\s]+", ngram_range=(1, 2), min_df=min_df, max_features=30000,
                                  sublinear_tf=True, dtype=np.float32)


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
    the words). ``article_model`` adds the article-level probability (candidates need ``article_text``).
    """

    def __init__(self, threshold=None, text_C=2.0, type_C=1.0, folds=4, max_iter=50, learning_rate=0.2,
                 max_depth=3, calibration_ensemble=False, phrase_features=False, word_ngrams=3, ngram_min_df=2,
                 char_ngrams=False, type_blend=0.5, article_model=True, article_C=4.0, article_skip_loss=0.02,
                 random_state=0):
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
        self.article_model = article_model
        self.article_C = article_C
        self.article_skip_loss = article_skip_loss
        self.random_state = random_state

    def fit(self, cands, labels, groups=None):
        """Fit on candidates and their labels; ``groups`` (article ids) keep folds article-wise."""
        groups = list(groups) if groups is not None else list(range(len(cands)))
        keep = [i for i, c in enumerate(cands) if can_commit(c["features"])]  # the model decides these only
        article_rows = self._article_rows(cands, labels, groups)
        cands, labels, groups = [cands[i] for i in keep], [labels[i] for i in keep], [groups[i] for i in keep]
        y = np.asarray(labels, dtype=object)
        groups = np.asarray(groups, dtype=object)
        texts = [c["model_text"] for c in cands]
        self.vectorizer_ = DictVectorizer(sparse=False).fit(self._rule_dicts(cands))
        rules = self.vectorizer_.transform([c["features"] for c in cands])  # keys it did not learn are ignored
        folds = self._folds(rules, groups)
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
        art_oof = self._fit_articles(article_rows, groups)
        X = np.hstack([rules, text_oof] + ([art_oof[:, None]] if self.article_model else []))
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
        names = list(self.vectorizer_.get_feature_names_out())
        self.feature_names_ = names + list(TEXT_FEATURES) + ([ARTICLE_FEATURE] if self.article_model else [])
        self.type_feature_names_ = names + [TYPE_TEXT_FEATURE]
        self.classes_ = np.array(CLASSES, dtype=object)
        return self

    def _folds(self, X, groups):
        """Internal folds that keep articles whole (shuffled by ``random_state``)."""
        n = min(self.folds, len(set(groups.tolist())))
        articles = sorted(set(groups.tolist()), key=str)
        np.random.RandomState(self.random_state).shuffle(articles)
        fold_of = {a: k % n for k, a in enumerate(articles)}
        f = np.array([fold_of[g] for g in groups.tolist()])
        return [(np.flatnonzero(f != k), np.flatnonzero(f == k)) for k in range(n)]

    @staticmethod
    def _article_rows(cands, labels, groups):
        """{article group: (article text, holds a commitment)} over ALL candidates (gated or not)."""
        rows = {}
        for c, lab, g in zip(cands, labels, groups):
            if c.get("written"):  # a written sentence has no article around it
                continue
            text, pos = rows.get(g, (c.get("article_text") or "", False))
            rows[g] = (text, pos or lab != NONE)
        return rows

    def _fit_articles(self, rows, groups):
        """Fit the article model; return the out-of-fold article probability of each candidate's article."""
        self.article_vec_ = self.article_lr_ = None
        self.article_skip_ = 0.0
        if not self.article_model:
            return np.zeros(len(groups))
        names = sorted(rows, key=str)
        texts = [rows[g][0] for g in names]
        y = np.array([rows[g][1] for g in names])
        oof = dict.fromkeys(names, float(y.mean()) if len(y) else 0.5)
        if len(set(y.tolist())) == 2:
            order = list(range(len(names)))
            np.random.RandomState(self.random_state).shuffle(order)
            n = min(self.folds, len(names))
            for k in range(n):
                te = [i for j, i in enumerate(order) if j % n == k]
                tr = [i for j, i in enumerate(order) if j % n != k]
                if len(set(y[tr].tolist())) < 2:
                    continue
                vec = article_vectorizer().fit([texts[i] for i in tr])
                lr = LogisticRegression(C=self.article_C, max_iter=3000, class_weight="balanced")
                lr.fit(vec.transform([texts[i] for i in tr]), y[tr])
                for i, p in zip(te, lr.predict_proba(vec.transform([texts[i] for i in te]))[:, 1]):
                    oof[names[i]] = float(p)
            self.article_vec_ = article_vectorizer().fit(texts)
            self.article_vec_.stop_words_ = None
            self.article_lr_ = LogisticRegression(C=self.article_C, max_iter=3000, class_weight="balanced").fit(
                self.article_vec_.transform(texts), y)
        self.article_skip_ = self._skip_threshold(names, oof, rows, groups)
        prior = float(y.mean()) if len(y) else 0.5
        return np.array([oof.get(g, prior) for g in groups.tolist()])

    def article_probability(self, article_text):
        """P(an article, as ``features.article_text`` gives it, holds commitments); 1.0 without the model."""
        if not getattr(self, "article_model", False) or self.article_lr_ is None:
            return 1.0
        return float(self.article_lr_.predict_proba(self.article_vec_.transform([article_text]))[0, 1])

    def _skip_threshold(self, names, oof, rows, groups):
        """The largest grid threshold under which articles may be skipped while losing at most
        ``article_skip_loss`` of the commitment articles (out-of-fold probabilities)."""
        if not self.article_skip_loss or self.article_lr_ is None:
            return 0.0
        positives = [oof[g] for g in names if rows[g][1]]
        best = 0.0
        for t in SKIP_THRESHOLDS:
            if positives and sum(p < t for p in positives) / len(positives) <= self.article_skip_loss:
                best = t
        return best

    def article_proba(self, cands):
        """P(the candidate's article holds commitments), computed once per distinct article text."""
        if not self.article_model:
            return np.zeros(len(cands))
        if self.article_lr_ is None:
            return np.full(len(cands), 0.5)
        texts = [c.get("article_text") or "" for c in cands]
        uniq = list(dict.fromkeys(texts))
        p = dict(zip(uniq, self.article_lr_.predict_proba(self.article_vec_.transform(uniq))[:, 1]))
        return np.array([p[t] for t in texts])

    def _decider(self, y):
        """An unfitted decider whose calibration folds fit the rarest class (tiny training sets: a class
        seen once leaves nothing to calibrate on, and the trees' own probabilities are used)."""
        rarest = min(np.unique(y, return_counts=True)[1])
        if rarest < 2:
            return HistGradientBoostingClassifier(max_iter=self.max_iter, learning_rate=self.learning_rate,
                                                  max_depth=self.max_depth, random_state=self.random_state)
        return decider_model(self.max_iter, self.learning_rate, self.max_depth, cv=int(max(2, min(3, rarest))),
                             ensemble=self.calibration_ensemble, random_state=self.random_state)

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

    def _decider_input(self, cands, rules, V):
        parts = [rules, ordered_proba(self.text_lr_, V)]
        if getattr(self, "article_model", False):  # models saved before the article model have none
            parts.append(self.article_proba(cands)[:, None])
        return np.hstack(parts)

    def features(self, cands):
        """The decider's input matrix: rule features + the text model's (and article model's) probabilities."""
        rules, V = self._inputs(cands)
        return self._decider_input(cands, rules, V)

    def proba(self, cands):
        """Probability of each class (CLASSES order) per candidate, the commitment mass split by the typer.

        The typer runs only on candidates over the threshold (the split of the others is even). The trees
        predict with one OpenMP thread, inside this call only: camket parallelises by processes, and the
        trees' OpenMP pool does not survive the fork of batch workers.
        """
        with _one_thread():
            rules, V = self._inputs(cands)
            p = ordered_proba(self.decider_, self._decider_input(cands, rules, V))
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


_CONTROLLER = []


def _one_thread():
    """A context that limits OpenMP to one thread for its duration (library discovery done once)."""
    if not _CONTROLLER:
        _CONTROLLER.append(ThreadpoolController())
    return _CONTROLLER[0].limit(limits=1, user_api="openmp")


def trusted_types():
    """The allowlist of types a model file may contain (pipeline/data/model_trusted_types.json)."""
    with resources.files("pipeline.data").joinpath("model_trusted_types.json").open(encoding="utf-8") as f:
        return json.load(f)["trusted"]


def compact_vocabularies(model):
    """Save-ready vocabularies: the n-gram and article vectorisers as `CompactTfidfVectorizer` (one array of
    terms), the rule features' vocabulary with plain ints (skops would store numpy integers one file each)."""
    model.ngrams_.transformer_list = [(name, compact(vec)) for name, vec in model.ngrams_.transformer_list]
    if getattr(model, "article_vec_", None) is not None:
        model.article_vec_ = compact(model.article_vec_)
    model.vectorizer_.vocabulary_ = {k: int(v) for k, v in model.vectorizer_.vocabulary_.items()}
    return model


def save_model(model, path):
    """Write the fitted model with skops, compressed."""
    import zipfile
    import skops.io as sio
    sio.dump(compact_vocabularies(model), path, compression=zipfile.ZIP_DEFLATED, compresslevel=9)


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
