"""The whole per-article pipeline: training fit on the seed gold, offsets, schema, stable ids.

The seed articles are training data: their figures are training fit (the pipeline reproduces what it
was shown), not estimates. Estimates are made on the frozen test split (tests/test_quality.py)."""
import json
import os
import subprocess
import sys

import pytest

from pipeline.extractor import Extractor
from pipeline.schemas import validator
from conftest import SHARED, load_jsonl


@pytest.fixture(scope="module")
def extractor():
    return Extractor.load()


def run_folder(extractor, folder):
    arts, comms = [], []
    for path in sorted(folder.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        a, cs = extractor.process({"article_id": path.stem, "text": text})
        arts.append((a, text))
        comms.extend((c, text) for c in cs)
    return arts, comms


@pytest.fixture(scope="module")
def seed_output(extractor, seeds_dir):
    return run_folder(extractor, seeds_dir)


def test_seed_training_fit_with_the_reference_scorer(seed_output, seeds_dir, tmp_path_factory):
    """Training fit, not an estimate: the seeds train the model."""
    arts, comms = seed_output
    out = tmp_path_factory.mktemp("seeds")
    (out / "c.jsonl").write_text("".join(json.dumps(c, ensure_ascii=False) + "\n" for c, _ in comms), encoding="utf-8")
    (out / "a.jsonl").write_text("".join(json.dumps(a, ensure_ascii=False) + "\n" for a, _ in arts), encoding="utf-8")
    res = json.loads(subprocess.run(
        [sys.executable, str(SHARED / "tools" / "score.py"), str(seeds_dir / "gold.jsonl"),
         str(out / "c.jsonl"), str(out / "a.jsonl"), "--json"], capture_output=True, text=True, check=True).stdout)
    assert res["sentence_f1"] >= 0.9
    assert res["metrics_f1"] >= 0.9
    assert res["years_f1"] >= 0.95
    assert res["type_acc"] >= 0.9
    assert res["actor_acc"] >= 0.9


def test_every_span_slices_the_original_text(seed_output):
    arts, comms = seed_output
    for c, text in comms:
        s = c["sentence"]
        assert text[s["start"]:s["end"]] == s["text"]
        for m in c["metrics"]:
            assert text[m["start"]:m["end"]] == m["text"]
            assert s["start"] <= m["start"] < m["end"] <= s["end"]
        if c["deadline"]:
            d = c["deadline"]
            assert text[d["start"]:d["end"]] == d["text"]
            assert str(d["year"]) in d["text"] or len(d["text"]) > 0
    for a, text in arts:
        for e in a["entities"]:
            assert text[e["start"]:e["end"]] == e["text"]


def test_every_record_validates_against_the_shipped_schema(seed_output):
    arts, comms = seed_output
    cv, av = validator("commitment"), validator("article")
    for c, _ in comms:
        assert not list(cv.iter_errors(c)), c
    for a, _ in arts:
        assert not list(av.iter_errors(a)), a
        assert a["n_commitments"] == sum(c["article_id"] == a["article_id"] for c, _ in comms)


def test_ids_are_stable_across_processes(seed_output, seeds_dir):
    _, comms = seed_output
    code = ("import json,sys,pathlib;from pipeline.extractor import Extractor;ex=Extractor.load();"
            "p=pathlib.Path(sys.argv[1]);print(json.dumps([c['id'] for f in sorted(p.glob('*.txt')) "
            "for c in ex.process({'article_id':f.stem,'text':f.read_text(encoding='utf-8')})[1]]))")
    env = dict(os.environ, PYTHONHASHSEED="12345")
    ids = json.loads(subprocess.run([sys.executable, "-c", code, str(seeds_dir)], capture_output=True,
                                    text=True, check=True, env=env).stdout)
    assert ids == [c["id"] for c, _ in comms]
    assert len(set(ids)) == len(ids)


@pytest.mark.parametrize("sentence, expected", [
    # targets: a goal with a value or a deadline
    ("Tỉnh Quảng Nam phấn đấu đến năm 2025 có 80% hồ sơ được giải quyết trực tuyến.", "target"),
    ("Đến năm 2030, tỉnh Long An sẽ hoàn thành xây dựng chính quyền số.", "target"),
    ("UBND tỉnh Nghệ An đặt mục tiêu thu hút 5 triệu lượt khách du lịch trong năm 2024.", "target"),
    # achievements: a reported, quantified result
    ("Đến nay, tỉnh Đồng Tháp đã có 1.250 dịch vụ công trực tuyến mức độ 4.", "achievement"),
    ("Năm 2023, tổng thu ngân sách của tỉnh Hà Tĩnh đạt 14.200 tỷ đồng, vượt 12% kế hoạch.", "achievement"),
    # not commitments
    ("Ngày 15/3, tại Hà Nội, Bộ Y tế tổ chức hội nghị tổng kết công tác năm.", None),
    ("Chuyển đổi số là nhiệm vụ đặc biệt quan trọng của cả hệ thống chính trị.", None),
    ("Ông đề nghị các sở, ngành xây dựng kế hoạch cụ thể để triển khai.", None),
])
def test_inline_sentences(extractor, sentence, expected):
    _, comms = extractor.process({"article_id": "t", "text": sentence})
    types = {c["type"] for c in comms}
    assert types == ({expected} if expected else set())


def test_model_none_means_the_rules_alone():
    from pipeline.extractor import RULES_ONLY, Extractor
    rules = Extractor.load(RULES_ONLY)
    assert rules.classifier is None and rules.decider == {"kind": "rules"} and rules.people is None
    model = Extractor.load()  # the packaged model: must be there, never a silent fall-back
    assert model.classifier is not None and model.decider["kind"] == "model" and len(model.decider["sha256"]) == 16


def test_model_none_imports_no_scikit_learn():
    """The rules-alone run is the light one: no scikit-learn, skops or CRF import at all."""
    code = ("import sys\nfrom pipeline.extractor import Extractor, RULES_ONLY\n"
            "recs = Extractor.load(RULES_ONLY).extract('UBND tỉnh Bình Phước phấn đấu đến năm 2025 tốc độ "
            "tăng trưởng kinh tế đạt 8,5%.')\n"
            "print(len(recs), sorted(m for m in ('sklearn', 'skops', 'sklearn_crfsuite') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out == ["1", "[]"], out


@pytest.mark.parametrize("path", ["missing.skops", "."])
def test_a_missing_or_unreadable_model_is_an_error(tmp_path, path):
    from pipeline.errors import CamketError
    from pipeline.extractor import Extractor
    with pytest.raises(CamketError):
        Extractor.load(str(tmp_path / path))


def test_extract_gives_the_records_of_a_text_in_one_call():
    from pipeline.extractor import Extractor
    text = "Huyện Cần Giờ phấn đấu đến năm 2030 có 90% hộ dân dùng nước sạch."
    records = Extractor.load().extract(text, published="2026-03-01")
    assert [r["type"] for r in records] == ["target"]
    assert records[0]["deadline"]["year"] == 2030
    assert text[records[0]["sentence"]["start"]:records[0]["sentence"]["end"]] == records[0]["sentence"]["text"]
