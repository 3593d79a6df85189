"""The per-article entry point: one article dict in, (article record, commitment records) out.

text -> document (sentences, words) -> entities -> candidates -> decisions -> records.
One try/except per article turns any failure into an error record.
"""
from pathlib import Path

from .extraction.actor import find_actor
from .extraction.candidates import propose
from .extraction.clauses import clause_spans, clause_type, current_value_split, deadline_dates
from .extraction.gate import worth_analysing
from .extraction.rules import rule_decide
from .extraction.deadlines import find_deadline
from .document import make_doc, write_spans
from .entities.speakers import find_speaker
from .entities.tagger import tag_entities
from .extraction.indicators import indicator
from .records import article_record, commitment_id, commitment_record, error_article_record

DEFAULT_MODEL = Path(__file__).resolve().parents[1] / "models" / "commitment.skops"
RULES_ONLY = "none"  # --model none: the rules alone decide (the baseline the classifier must beat)


def published_year(published):
    """The year of an ISO-like publication date, or None."""
    if published and len(str(published)) >= 4 and str(published)[:4].isdigit():
        return int(str(published)[:4])
    return None


class Extractor:
    """Holds what is loaded once (tables, model) and processes articles one at a time."""

    def __init__(self, classifier=None):
        self.classifier = classifier

    @classmethod
    def load(cls, model_path=None, use_model=True):
        """An extractor with the trained classifier (if present and wanted) loaded offline."""
        clf = None
        if model_path == RULES_ONLY:
            return cls(None)
        path = Path(model_path) if model_path else DEFAULT_MODEL
        if use_model and path.exists():
            from .extraction.classifier import load_model
            clf = load_model(path)
        elif model_path and use_model:
            from .errors import CamketError
            raise CamketError(f"model file not found: {model_path}")
        return cls(clf)

    def process(self, article):
        """Return (article_record, commitment_records); failures become an error record."""
        aid = article["article_id"]
        try:
            return self._process(article)
        except Exception as exc:  # one try per document: a failure is a record, not a crash
            return error_article_record(aid, "internal", f"{type(exc).__name__}: {exc}"), []

    def analyse(self, text, published=None):
        """Doc, entities and candidates with their decisions (used by process, eval and train)."""
        doc = make_doc(text, worth_analysing)
        entities = tag_entities(text, published)
        write_spans(doc, "entities", entities)
        doc._.entities = entities
        pyear = published_year(published)
        words = [(t.idx, t.idx + len(t)) for t in doc if not t.is_space]
        sents = [sp for sp, ok in zip(doc._.sentence_spans, doc._.segmented) if ok]
        cands = propose(text, sents, words, entities, pyear)
        self.decide(cands)
        return doc, entities, cands

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

    def _process(self, article):
        aid, text = article["article_id"], article["text"]
        published = article.get("published")
        doc, entities, cands = self.analyse(text, published)
        people = [e for e in entities if e["label"] == "PER"]
        records = []
        for c in cands:
            if c["type"]:
                records.extend(self._records_for(aid, text, c, entities, people))
        ents_out = [_entity_out(x) for x in entities]
        return article_record(aid, ents_out, len(records), title=article.get("title"),
                              published=published, url=article.get("url")), records


    def _records_for(self, aid, text, c, entities, people):
        """One record per clause of a commitment sentence (usually the sentence itself)."""
        s, e = c["start"], c["end"]
        clauses = [(cs, ce, None) for cs, ce in clause_spans(text, s, e, c["dates"])]
        if len(clauses) == 1:
            clauses = current_value_split(text, s, e, c["metrics"]) or clauses
        actor = find_actor(c["lowered"], c["entities"], entities)
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
            deadline = find_deadline(text, cs, ce, dates, kind=kind)
            ind = indicator(text, cs, ce, metrics[0] if metrics else None)
            clause = {"text": text[cs:ce], "start": cs, "end": ce} if len(clauses) > 1 else None
            out.append(commitment_record(
                aid, text, commitment_id(aid, text, kind, s, e, k), kind, (s, e), deadline,
                [_metric_out(m) for m in metrics], actor, speaker, c["confidence"], indicator=ind, clause=clause))
        return out


_METRIC_KEYS = ("value", "unit", "text", "start", "end", "currency", "value_max", "comparator", "word")
_ENTITY_KEYS = ("label", "text", "start", "end", "value", "province_2025", "title")


def _metric_out(m):
    return {k: m[k] for k in _METRIC_KEYS if m.get(k) is not None}


def _entity_out(x):
    return {k: x.get(k) for k in _ENTITY_KEYS if k in x and (x.get(k) is not None or k == "value")}
