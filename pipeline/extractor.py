"""The per-article entry point: text in, the contract's records out.

text -> document (normalised once; sentences, words) -> entities -> candidates -> decisions -> records.
``Extractor.load().extract(text, published=...)`` is the one-call Python API; ``process`` is what batch
runs call, with one try/except per article that turns any failure into an error record.
"""
import hashlib
from importlib import resources

from .document import build_document, segment_document
from .entities.speakers import find_speaker
from .entities.tagger import PACKAGED, tag_entities
from .errors import CamketError
from .extraction.actor import find_actor
from .extraction.candidates import propose
from .extraction.clauses import clause_spans, clause_type, current_value_split, deadline_dates
from .extraction.deadlines import find_deadline
from .extraction.features import article_words
from .extraction.gate import worth_analysing
from .extraction.indicators import indicator
from .extraction.rules import rule_decide
from .records import article_record, commitment_id, commitment_record, error_article_record

RULES_ONLY = "none"  # --model none: the rules alone decide (the baseline the classifier must beat)
MODEL_PACKAGE, MODEL_FILE = "pipeline.models", "commitment.skops"


def default_model_path():
    """The trained model shipped inside the package (``models/`` in the repository)."""
    return resources.files(MODEL_PACKAGE).joinpath(MODEL_FILE)


def published_year(published):
    """The year of an ISO-like publication date, or None."""
    if published and len(str(published)) >= 4 and str(published)[:4].isdigit():
        return int(str(published)[:4])
    return None


class Extractor:
    """Holds what is loaded once (tables, model) and processes articles one at a time.

    ``classifier`` None means the rules alone decide; ``decider`` says so in every article record.
    """

    def __init__(self, classifier=None, decider=None, people=PACKAGED):
        self.classifier = classifier
        self.decider = decider or ({"kind": "rules"} if classifier is None else {"kind": "model"})
        self.people = people  # the person tagger; PACKAGED: the shipped one, loaded on first use; None: rules

    @classmethod
    def load(cls, model=None, people=None):
        """An extractor with the trained classifier and person tagger loaded offline: ``model`` None = the
        packaged model, ``"none"`` = the rules alone (commitments and people; no model is loaded, nothing
        of scikit-learn imported), else a path; ``people`` a person tagger path (None = the packaged one).
        A missing or unreadable model is an error, never a fall-back."""
        if model == RULES_ONLY and people is None:
            return cls(None, people=None)
        from .entities.person_model import load as load_people
        tagger = load_people(people)
        if model == RULES_ONLY:
            return cls(None, people=tagger)
        from .extraction.classifier import load_model
        path = default_model_path() if model is None else model
        try:
            with resources.as_file(path) if model is None else _plain(path) as p:
                data = p.read_bytes()
                clf = load_model(p)
        except FileNotFoundError:
            where = "the packaged model" if model is None else "model file"
            raise CamketError(f"{where} not found: {path} (train one with `camket train`, or run the rules "
                              f"alone with --model none)") from None
        except IsADirectoryError:
            raise CamketError(f"model path is a folder, not a model file: {path}") from None
        decider = {"kind": "model", "name": getattr(clf, "name_", "commitment"),
                   "version": getattr(clf, "version_", None),
                   "sha256": hashlib.sha256(data).hexdigest()[:16]}
        return cls(clf, decider, people=tagger)

    # ------------------------------------------------------------ the stages

    def document(self, text, published=None):
        """The analysed document: built once, entities tagged, candidates proposed and decided. An article
        the model reads as holding no plans or results (sport, crime, markets...) is not segmented
        further: none of its sentences is a candidate."""
        doc = build_document(text, published, segment_words=False)
        doc.entities = self.tag(doc)
        if self.skips(doc):
            return doc
        segment_document(doc, worth_analysing)
        doc.candidates = self.candidates(doc)
        return doc

    def skips(self, doc):
        """True when the model's article part puts the article below its skip threshold."""
        clf = self.classifier
        if clf is None or not getattr(clf, "article_skip_", 0.0):
            return False
        return clf.article_probability(article_words(doc)) < clf.article_skip_

    def tag(self, doc):
        """The document's PER, PROVINCE, DATE and ORG mentions."""
        return tag_entities(doc, doc.published, people_model=self.people)

    def candidates(self, doc):
        """The document's candidate sentences, each decided (its entities must be tagged first)."""
        return self.decide(propose(doc, published_year(doc.published)))

    def redecide(self, doc):
        """Decide an analysed document's candidates again (with this extractor's model and skip rule)."""
        if self.skips(doc):
            for c in doc.candidates:
                c["type"], c["confidence"] = None, 1.0
            return doc.candidates
        return self.decide(doc.candidates)

    def decide(self, cands):
        """Set each candidate's 'type' (None = not a commitment) and 'confidence'."""
        for c in cands:
            c["rule_type"], c["rule_score"] = rule_decide(c["features"])
        if self.classifier is not None and cands:
            for c, (kind, prob) in zip(cands, self.classifier.decide(cands)):
                c["type"], c["confidence"] = kind, prob
        else:
            for c in cands:
                c["type"], c["confidence"] = c["rule_type"], c["rule_score"]
        return cands

    def records(self, doc, article_id):
        """The commitment records of an analysed document."""
        people = [e for e in doc.entities if e["label"] == "PER"]
        out = []
        for c in doc.candidates:
            if c["type"]:
                out.extend(self._records_for(article_id, doc, c, people))
        return out

    # ------------------------------------------------------------ entry points

    def extract(self, text, published=None, article_id="text"):
        """The commitment records (the contract's dicts) of one text, in one call."""
        doc = self.document(text, published)
        return self.records(doc, article_id)

    def process(self, article):
        """Return (article_record, commitment_records); failures become an error record."""
        aid = article["article_id"]
        try:
            return self._process(article)
        except Exception as exc:  # one try per document: a failure is a record, not a crash
            return error_article_record(aid, "internal", f"{type(exc).__name__}: {exc}",
                                        decider=self.decider), []

    def _process(self, article):
        aid, text = article["article_id"], article["text"]
        published = article.get("published")
        doc = self.document(text, published)
        records = self.records(doc, aid)
        ref = doc.candidates[0]["reference_year"] if doc.candidates else published_year(published)
        return article_record(aid, [_entity_out(x) for x in doc.entities], len(records),
                              title=article.get("title"), published=published, url=article.get("url"),
                              reference_year=ref, decider=self.decider), records

    def _records_for(self, aid, doc, c, people):
        """One record per clause of a commitment sentence (usually the sentence itself)."""
        text = doc.text
        s, e = c["start"], c["end"]
        clauses = [(cs, ce, None) for cs, ce in clause_spans(text, s, e, c["dates"])]
        if len(clauses) == 1:
            clauses = current_value_split(text, s, e, c["metrics"]) or clauses
        actor = find_actor(c["lowered"], c["entities"], doc.entities)
        speaker = find_speaker(text, s, e, people)
        if speaker:
            speaker = {"name": speaker["name"], "title": speaker.get("title")}
        out = []
        for k, (cs, ce, kind) in enumerate(clauses):
            dates = [d for d in c["dates"] if cs <= d["start"] < ce]
            if len(clauses) == 1:
                kind = c["type"]
            elif kind is None:
                years = [d["year"] for d in deadline_dates(text, s, dates)]
                kind = clause_type(text, cs, ce, c["type"], years, c.get("reference_year"))
            metrics = [m for m in c["metrics"] if cs <= m["start"] < ce]
            deadline = find_deadline(doc, cs, ce, dates, kind=kind)
            ind = indicator(text, cs, ce, metrics[0] if metrics else None)
            clause = {"text": text[cs:ce], "start": cs, "end": ce} if len(clauses) > 1 else None
            out.append(commitment_record(
                aid, text, commitment_id(aid, text, kind, s, e, k), kind, (s, e), deadline,
                [_metric_out(m) for m in metrics], actor, speaker, c["confidence"], indicator=ind, clause=clause))
        return out


class _plain:
    """``with _plain(path) as p``: a user's model path as a ``Path`` (the packaged one goes through as_file)."""

    def __init__(self, path):
        from pathlib import Path
        self.path = Path(path)

    def __enter__(self):
        return self.path

    def __exit__(self, *exc):
        return False


_METRIC_KEYS = ("value", "unit", "text", "start", "end", "currency", "value_max", "comparator", "word")
_ENTITY_KEYS = ("label", "text", "start", "end", "value", "province_2025", "title")


def _metric_out(m):
    return {k: m[k] for k in _METRIC_KEYS if m.get(k) is not None}


def _entity_out(x):
    return {k: x.get(k) for k in _ENTITY_KEYS if k in x and (x.get(k) is not None or k == "value")}
