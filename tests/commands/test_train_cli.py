"""`camket train`: written examples in their time and clear of the test split, settings chosen on the
training articles only, test-split figures beside CV, a loadable model and its card."""
import json

import pytest

from pipeline.cli import main
from pipeline.extraction import training
from pipeline.extraction.classifier import load_model
from pipeline.extractor import Extractor

ARTICLES = {
    "t1": ("Tỉnh phấn đấu đến năm 2027 có 90% hồ sơ được xử lý trực tuyến. "
           "Ngày 26/5, UBND tỉnh tổ chức hội nghị tổng kết. "
           "Đến nay, tỉnh đã có 1.123 dịch vụ công mức độ 4."),
    "t2": ("Huyện đặt mục tiêu năm 2026 có thêm 5 xã đạt chuẩn nông thôn mới. "
           "Giá lúa hôm nay tăng 300 đồng/kg. "
           "Năm 2024, huyện đã hoàn thành 12/12 chỉ tiêu kế hoạch đề ra."),
    "t3": ("Thành phố phấn đấu năm 2028 thu hút 2 triệu lượt khách. "
           "Đội bóng thắng 3-1 trên sân nhà. "
           "Năm 2023, thành phố đã đón 1,5 triệu lượt khách, vượt 10% kế hoạch."),
    "t4": ("Sở Y tế đặt mục tiêu đến năm 2029 có 95% người dân tham gia bảo hiểm y tế. "
           "Giá vàng sáng nay giảm 200.000 đồng/lượng. "
           "Đến cuối năm 2024, tỷ lệ bao phủ đã đạt 91%, hoàn thành kế hoạch."),
    "t5": ("Tỉnh phấn đấu đến năm 2030 có 100% xã có đường nhựa. "
           "Tiền đạo ghi 2 bàn trong 10 phút. "
           "Năm 2024, tỉnh đã làm mới 120 km đường giao thông nông thôn."),
    "t6": ("Huyện phấn đấu năm 2027 giảm tỷ lệ hộ nghèo xuống dưới 2%. "
           "Chứng khoán tăng 15 điểm trong phiên sáng. "
           "Đến nay, huyện đã giảm tỷ lệ hộ nghèo còn 3,1%, đạt kế hoạch đề ra."),
}
KINDS = ["target", None, "achievement"]
TEST = ["t5", "t6"]


def _gold(aid, text):
    commitments, pos = [], 0
    sentences = [s + "." for s in text.split(". ")]
    sentences[-1] = sentences[-1][:-1]
    for sentence, kind in zip(sentences, KINDS):
        start = text.index(sentence, pos)
        pos = start + len(sentence)
        if kind:
            commitments.append({"type": kind, "sentence_start": start, "sentence_end": pos, "sentence": sentence,
                                "deadline": None, "metrics": [], "actor": None})
    return {"article_id": aid, "commitments": commitments, "entities": []}


@pytest.fixture
def corpus(tmp_path):
    texts = tmp_path / "texts"
    texts.mkdir()
    for aid, text in ARTICLES.items():
        (texts / f"{aid}.txt").write_text(text, encoding="utf-8")
    (tmp_path / "gold.jsonl").write_text("".join(json.dumps(_gold(a, t), ensure_ascii=False) + "\n"
                                                 for a, t in ARTICLES.items()), encoding="utf-8")
    (tmp_path / "splits.json").write_text(json.dumps({"test": TEST}), encoding="utf-8")
    (tmp_path / "strata.jsonl").write_text("".join(json.dumps({"id": a, "stratum": "stream" if a in ("t2", "t6")
                                                               else "goals"}) + "\n" for a in ARTICLES),
                                           encoding="utf-8")
    manifest = tmp_path / "gold.json"
    manifest.write_text(json.dumps({"sets": [{"name": "mini", "gold": "gold.jsonl", "texts": "texts"}],
                                    "test": "splits.json", "strata": "strata.jsonl"}), encoding="utf-8")
    extra = tmp_path / "examples.jsonl"
    rows = [{"text": "Đến năm 2022, toàn huyện có 14 xã đạt chuẩn nông thôn mới.", "label": "achievement",
             "published": "2024-04-16"},
            {"text": "Thành phố phấn đấu đến năm 2030 có 500 doanh nghiệp công nghệ số.", "label": "target",
             "published": "2025-02-01"},
            {"text": "Theo dự báo, đến năm 2035 cả nước sẽ có hơn 9 triệu ô tô.", "label": "none"}]
    extra.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return tmp_path, manifest, extra


def test_the_corpus_keeps_its_frozen_test_split(corpus):
    _, manifest, _ = corpus
    arts = training.load_corpus(manifest)
    assert sorted(a.article_id for a in arts if a.split == "test") == TEST
    assert {a.stratum for a in arts if a.article_id in ("t2", "t6")} == {"stream"}
    assert all(a.text[c["sentence_start"]:c["sentence_end"]] == c["sentence"] for a in arts
               for c in a.gold["commitments"])


def test_written_examples_are_flagged_and_placed_in_their_year(corpus):
    _, _, extra = corpus
    cands, labels, groups, dropped = training.written_examples(Extractor(None), [extra])
    assert labels == ["achievement", "target", "none"] and dropped == 0
    assert all(c["written"] for c in cands) and len(set(groups)) == 3
    # "Đến năm 2022" read in 2024 is past; the same sentence without a date is read from its own year
    assert cands[0]["features"]["deadline_past"] == 1.0
    assert cands[1]["features"]["deadline_future"] == 1.0
    undated = Extractor(None).document("Đến năm 2022, toàn huyện có 14 xã đạt chuẩn nông thôn mới.").candidates
    assert undated[0]["features"]["deadline_past"] == 0.0


def test_a_written_example_echoing_a_test_sentence_is_left_out(corpus):
    _, _, extra = corpus
    banned = [c["model_text"] for c in Extractor(None).document(
        "Thành phố phấn đấu đến năm 2030 có 500 doanh nghiệp công nghệ số.").candidates]
    _, labels, _, dropped = training.written_examples(Extractor(None), [extra], banned)
    assert dropped == 1 and labels == ["achievement", "none"]


def test_no_model_is_ever_fitted_on_a_test_article(corpus, monkeypatch):
    _, manifest, extra = corpus
    seen = []
    real = training.fit_model

    def spy(cands, labels, groups=None, **kw):
        seen.append(set(groups))
        return real(cands, labels, groups, **kw)

    monkeypatch.setattr(training, "fit_model", spy)
    report = training.train(training.load_corpus(manifest), Extractor(None), [extra], folds=2, seeds=(0, 1),
                            log=lambda m: None)
    assert seen and all(not (g & set(TEST)) for g in seen)
    assert report["n_test"] == 2 and len(report["test_runs"]) == 2 and report["grid"]
    assert report["params"] in [p for p, _ in report["grid"]]


def test_train_writes_a_loadable_model_and_an_honest_card(corpus, capsys):
    tmp, manifest, extra = corpus
    out = tmp / "model" / "m.skops"
    code = main(["train", "--corpus", str(manifest), "--examples", str(extra), "--folds", "2", "--seeds", "0", "1",
                 "--no-grid", "--only", "commitments", "-o", str(out)])
    assert code == 0
    printed = capsys.readouterr().out
    assert "model test" in printed and "rules CV" in printed and "sentence_f1" in printed
    model = load_model(out)
    cands = Extractor(model).document(ARTICLES["t1"]).candidates
    assert [c["type"] for c in cands if c["type"]]  # the model takes at least one commitment
    card = (out.parent / "MODEL_CARD.md").read_text(encoding="utf-8")
    assert "test split" in card and "model, test (mean)" in card and "training fit" in card
    assert str(tmp) not in card and "/tmp/" not in card


def test_train_fits_a_person_tagger_on_the_training_split(corpus, tmp_path):
    from pipeline.entities.person_model import load
    _, manifest, _ = corpus
    texts = json.loads(manifest.read_text(encoding="utf-8"))
    gold = [json.loads(line) for line in (manifest.parent / "gold.jsonl").read_text(encoding="utf-8").splitlines()]
    names = {"t1": "Nguyễn Văn An", "t3": "Trần Thị Bình", "t4": "Lê Hoàng Minh"}
    for row in gold:  # a person in each article, marked in its gold
        if row["article_id"] in names:
            path = manifest.parent / "texts" / f"{row['article_id']}.txt"
            text = f"Ông {names[row['article_id']]} cho biết. " + path.read_text(encoding="utf-8")
            path.write_text(text, encoding="utf-8")
            shift = len(f"Ông {names[row['article_id']]} cho biết. ")
            for c in row["commitments"]:
                c["sentence_start"] += shift
                c["sentence_end"] += shift
                c["sentence"] = text[c["sentence_start"]:c["sentence_end"]]
            row["entities"] = [{"label": "PER", "start": 4, "end": 4 + len(names[row["article_id"]]),
                                "text": names[row["article_id"]], "value": None}]
    (manifest.parent / "gold.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in gold),
                                                encoding="utf-8")
    pool = tmp_path / "pool"
    pool.mkdir()
    (pool / "news.jsonl").write_text(json.dumps({"id": "u1", "text": "Bà Phạm Thu Hà phát biểu tại hội nghị."},
                                                ensure_ascii=False) + "\n", encoding="utf-8")
    out = tmp_path / "m" / "commitment.skops"
    assert main(["train", "--corpus", str(manifest), "--only", "people", "--pool", str(pool), "-o", str(out)]) == 0
    tagger = load(out.with_name("person_tagger.skops"))
    assert tagger.n_articles_ == 4  # the training split only: t5 and t6 are the test split
    found = [p["text"] for p in tagger.people("Ông Nguyễn Văn An phát biểu.")]
    assert found == ["Nguyễn Văn An"]
    assert texts["test"] == "splits.json"
