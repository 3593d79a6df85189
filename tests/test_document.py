"""The document: normalised once, sentences and words in original offsets, read by every stage."""
import pytest

from pipeline.document import build_document
from pipeline.entities.dates import find_dates
from pipeline.extraction.metrics import find_metrics
from pipeline.text import normalize as normalize_module


def test_gate_leaves_unsegmented_sentences_whitespace_split():
    text = "Hội nghị diễn ra sôi nổi. Tỉnh Bình Dương đạt 20% kế hoạch."
    doc = build_document(text, gate=lambda s: any(ch.isdigit() for ch in s))
    assert doc.segmented == [False, True]
    assert [text[s:e] for s, e in doc.sentences] == ["Hội nghị diễn ra sôi nổi.", "Tỉnh Bình Dương đạt 20% kế hoạch."]
    words = [text[s:e] for s, e in doc.words]
    assert "Hội" in words and "Bình Dương" in words


@pytest.mark.parametrize("text", [
    "Tỉnh  uỷ\u00a0Bến Tre\u200b đặt mục tiêu đạt 20% vào năm 2025.",
    "Tỉnh ủy Bến Tre đặt mục tiêu đạt 20% vào năm 2025.",
    "Tỉnh u\u0309y Bê\u0301n Tre đặt mục tiêu đạt 20% vào năm 2025.",   # decomposed tone marks
])
def test_the_document_reads_like_its_normalised_text(text):
    doc = build_document(text)
    assert doc.lowered(*doc.sentences[0]) == "tỉnh ủy bến tre đặt mục tiêu đạt 20% vào năm 2025."
    dates = find_dates(doc)
    assert [(text[d["start"]:d["end"]], d["value"]) for d in dates] == [(dates[0]["text"], "2025")]
    metrics = find_metrics(doc, *doc.sentences[0])
    assert [(m["value"], m["unit"], text[m["start"]:m["end"]]) for m in metrics] == [(20, "percent", "20%")]


def test_stages_reuse_the_documents_normalisation(monkeypatch):
    from pipeline.extractor import Extractor
    text = "UBND tỉnh Bình Phước phấn đấu đến năm 2025 có 80% hồ sơ trực tuyến. Ông Trần Tuệ Hiền chủ trì."
    ex = Extractor(None)
    doc = build_document(text)
    calls = []
    real = normalize_module.normalize
    monkeypatch.setattr(normalize_module, "normalize", lambda t: calls.append(t) or real(t))
    doc.entities = ex.tag(doc)
    ex.candidates(doc)
    long_calls = [t for t in calls if len(t) > 30]  # table words may be normalised once; the text never again
    assert long_calls == []
