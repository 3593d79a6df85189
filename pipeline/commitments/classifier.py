"""The learning half of rule-plus-classifier: a scikit-learn pipeline over candidates.

Word and character n-grams of the segmented, masked sentence plus the rule
features feed a logistic regression calibrated by cross-validation; it
decides none / target / achievement and its probability becomes `confidence`.
Saved with skops and loaded only with the explicit allowlist of trusted types.
"""
import json
from importlib import resources

import numpy as np
import pandas as pd
from sklearn.calibration import CalibratedClassifierCV
from sklearn.compose import ColumnTransformer
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import MaxAbsScaler

NONE = "none"
CLASSES = ("achievement", NONE, "target")


def feature_names(cands):
    """The rule-feature columns, in a fixed order."""
    return sorted(cands[0]["features"]) if cands else []


def to_frame(cands, names):
    """Candidates as the DataFrame the pipeline reads: model text + rule features."""
    rows = {"model_text": [c["model_text"] for c in cands]}
    for n in names:
        rows[n] = [float(c["features"].get(n, 0.0)) for c in cands]
    return pd.DataFrame(rows)


def make_pipeline(names, C=4.0):
    """An unfitted pipeline (no logic beyond wiring: fitted state lives in the estimators)."""
    features = ColumnTransformer([
        ("words", TfidfVectorizer(token_pattern=r"[^\s]+", ngram_range=(1, 2), min_df=2, sublinear_tf=True), "model_text"),
        ("chars", TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), min_df=3, sublinear_tf=True, max_features=40000), "model_text"),
        ("rules", MaxAbsScaler(), list(names)),
    ])
    base = LogisticRegression(C=C, class_weight="balanced", max_iter=3000)
    return Pipeline([("features", features),
                     ("clf", CalibratedClassifierCV(base, method="sigmoid", cv=3))])


class CommitmentModel:
    """A fitted pipeline plus the decision rule that turns probabilities into records."""

    def __init__(self, pipeline=None, names=None, threshold=0.5):
        self.pipeline = pipeline
        self.names = names
        self.threshold = threshold

    def fit(self, cands, labels):
        self.names_ = feature_names(cands)
        self.pipeline_ = make_pipeline(self.names_).fit(to_frame(cands, self.names_), np.array(labels))
        self.pipeline, self.names = self.pipeline_, self.names_
        return self

    def proba(self, cands):
        """Probability of each class (CLASSES order) per candidate."""
        p = self.pipeline.predict_proba(to_frame(cands, self.names))
        order = [list(self.pipeline.classes_).index(c) for c in CLASSES]
        return p[:, order]

    def decide(self, cands):
        """(type or None, confidence) per candidate."""
        out = []
        for pa, pn, pt in self.proba(cands):
            if pa + pt >= self.threshold:
                out.append(("target" if pt >= pa else "achievement", float(pa + pt)))
            else:
                out.append((None, float(pn)))
        return out


def trusted_types():
    """The allowlist of types a model file may contain (pipeline/data/model_trusted_types.json)."""
    with resources.files("pipeline.data").joinpath("model_trusted_types.json").open(encoding="utf-8") as f:
        return json.load(f)["trusted"]


def save_model(model, path):
    """Write the model with skops (pipeline + names + threshold in one file)."""
    import skops.io as sio
    sio.dump({"pipeline": model.pipeline, "names": list(model.names), "threshold": float(model.threshold)}, path)


def untrusted_types_in(path):
    """Types in the model file that skops does not trust by default."""
    import skops.io as sio
    return sorted(sio.get_untrusted_types(file=path))


def load_model(path):
    """Load a model file offline, trusting only the allowlisted types."""
    import skops.io as sio
    from ..errors import CamketError
    found = set(untrusted_types_in(path))
    extra = found - set(trusted_types())
    if extra:
        raise CamketError(f"model file {path} contains types outside the allowlist: {', '.join(sorted(extra))}")
    obj = sio.load(path, trusted=sorted(found))
    return CommitmentModel(obj["pipeline"], obj["names"], obj["threshold"])
