"""`camket train`: written examples in their time, cross-validation report, a loadable model and its card."""
import json

import pytest

from pipeline.cli import main
from pipeline.commands.train import _extra_examples
from pipeline.extraction.classifier import load_model
from pipeline.extractor import Extractor

ARTICLES = {
    "t1": ("Tỉnh phấn đấu đến năm 2027 có 90% hồ sơ được xử lý trực tuyến. "
           "Ngày 26/5, UBND tỉnh tổ chức hội nghị tổng kết. "
           "Đến nay, tỉnh đã có 1.123 dịch vụ công mức độ 4."),
    "t2": ("Huyện đặt mục tiêu năm 2026 có thêm 5 xã đạt chuẩn nông thôn mới. "
           "Giá lúa hôm nay tăng 300 đồng/kg. "
           "Năm 2024, huyện đã hoàn thành 12/12 chỉ tiêu kế hoạch đề ra."),
}
KINDS = {"t1": ["target", None, "achievement"], "t2": ["target", None, "achievement"]}


def _gold(aid, text):
    commitments = []
    sentences = [s + "." for s in text.split(". ")]
    sentences[-1] = sentences[-1][:-1]
    pos = 0
    for sentence, kind in zip(sentences, KINDS[aid]):
        start = text.index(sentence, pos)
        pos = start + len(sentence)
        assert text[start:pos] == sentence
        if kind:
            commitments.append({"type": kind, "sentence_start": start, "sentence_end": pos, "sentence": sentence,
                                "deadline": None, "metrics": [], "actor": None})
    return {"article_id": aid, "commitments": commitments, "entities": []}


@pytest.fixture
def corpus(tmp_path):
    for aid, text in ARTICLES.items():
        (tmp_path / f"{aid}.txt").write_text(text, encoding="utf-8")
    gold = tmp_path / "gold.jsonl"
    gold.write_text("".join(json.dumps(_gold(a, t), ensure_ascii=False) + "\n" for a, t in ARTICLES.items()),
                    encoding="utf-8")
    extra = tmp_path / "examples.jsonl"
    rows = [{"text": "Đến năm 2022, toàn huyện có 14 xã đạt chuẩn nông thôn mới.", "label": "achievement",
             "published": "2024-04-16"},
            {"text": "Thành phố phấn đấu đến năm 2030 có 500 doanh nghiệp công nghệ số.", "label": "target",
             "published": "2025-02-01"},
            {"text": "Theo dự báo, đến năm 2035 cả nước sẽ có hơn 9 triệu ô tô.", "label": "none"}]
    extra.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return tmp_path, gold, extra


def test_written_examples_are_flagged_and_placed_in_their_year(corpus):
    _, _, extra = corpus
    cands, labels, groups = _extra_examples([extra], Extractor(None))
    assert labels == ["achievement", "target", "none"]
    assert all(c["written"] for c in cands) and len(set(groups)) == 3
    # "Đến năm 2022" read in 2024 is past; the same sentence without a date is read from its own year
    assert cands[0]["features"]["deadline_past"] == 1.0
    assert cands[1]["features"]["deadline_future"] == 1.0
    undated = Extractor(None).document("Đến năm 2022, toàn huyện có 14 xã đạt chuẩn nông thôn mới.").candidates
    assert undated[0]["features"]["deadline_past"] == 0.0


def test_train_cross_validates_and_writes_a_loadable_model_and_card(corpus, capsys):
    tmp, gold, extra = corpus
    out = tmp / "model" / "m.skops"
    code = main(["train", "--gold", str(gold), "--also", "--extra", str(extra), "--texts", str(tmp),
                 "--folds", "2", "--repeats", "1", "-o", str(out)])
    assert code == 0
    printed = capsys.readouterr().out
    assert "cross-validated (grouped by article)" in printed and "sentence_f1" in printed
    assert "permutation importance on held-out articles" in printed
    assert printed.count("  commitment ") == 10
    assert "mean over 2 splits" in printed
    model = load_model(out)
    cands = Extractor(model).document(ARTICLES["t1"]).candidates
    assert [c["type"] for c in cands if c["type"]]  # the model takes at least one commitment
    card = (out.parent / "MODEL_CARD.md").read_text(encoding="utf-8")
    assert "examples.jsonl" in card and str(tmp) not in card and "/tmp/" not in card
    assert "Mean over 2 splits" in card
