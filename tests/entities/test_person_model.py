"""Person tagger: a CRF over tokens merged with the PER rules; fit/predict, skops save/load with an allowlist,
the packaged model, and the tagger's use of it. Training sentences here are written for the tests."""
import json
import re

import pytest

from pipeline.entities import person_model as pm
from pipeline.entities.tagger import tag_entities
from pipeline.errors import CamketError

# [name] marks a person; every sentence written for these tests
CORPUS = [
    "Bí thư Tỉnh ủy [Trần Văn Bình] chủ trì hội nghị. Ông [Bình] yêu cầu các sở làm ngay.",
    "Đội hình ra sân gồm [Nguyễn Văn Toàn], [Lê Minh Khoa] và [Đỗ Hùng].",
    "Cầu thủ [Phan Hải] ghi bàn ở phút 20. Sau đó [Hải] bị thay ra.",
    "Trường THPT Nguyễn Du tổ chức lễ khai giảng.",
    "Xe chạy trên đường Lê Lợi rồi rẽ sang cầu Trần Thị Lý.",
    "Hội nghị diễn ra tại Hà Nội. Ảnh: [Minh Châu]",
    "Bị cáo [Hoàng Văn Nam] khai nhận. [Nam] bị phạt 5 năm tù.",
    "Phó Thủ tướng Thường trực [Võ Đức Tâm] dự lễ khởi công.",
    "Tiền đạo [Ricardo Silva] ghi hai bàn cho đội khách.",
    "Công ty Cổ phần Hòa Phát công bố kết quả kinh doanh.",
    "Ông [Lưu Quang Vinh], Giám đốc Sở Y tế, cho biết.",
    "Mô hình được nhân rộng ra toàn tỉnh.\nTHU HÀ",
    "Bà [Ngô Thị Lan] là chủ hộ. Chính quyền đã gặp bà [Lan].",
    "Ca sĩ [Minh Tuyết] trở lại sân khấu sau hai năm.",
]


def _parse(marked):
    text, spans, pos = "", [], 0
    for m in re.finditer(r"\[([^\]]+)\]", marked):
        text += marked[pos:m.start()]
        spans.append((len(text), len(text) + len(m.group(1))))
        text += m.group(1)
        pos = m.end()
    return text + marked[pos:], spans


@pytest.fixture(scope="module")
def fitted():
    texts, spans = zip(*(_parse(m) for m in CORPUS))
    return pm.PersonTagger(max_iterations=40).fit(list(texts), list(spans))


def test_fit_predict_offsets_slice_the_text(fitted):
    texts = [_parse(m)[0] for m in CORPUS]
    for text, found in zip(texts, fitted.predict(texts)):
        for s, e in found:
            assert 0 <= s < e <= len(text) and text[s:e] == text[s:e].strip()


def test_training_fit_finds_the_marked_names(fitted):
    texts, spans = zip(*(_parse(m) for m in CORPUS))
    pred = fitted.predict(list(texts))
    hits = sum(1 for gold, got in zip(spans, pred) for g in gold if any(s < g[1] and g[0] < e for s, e in got))
    assert hits / sum(len(g) for g in spans) >= 0.9  # training fit, not a held-out figure


def test_people_are_entity_dicts_with_linked_values(fitted):
    text = "Bị cáo Hoàng Văn Nam khai nhận. Nam bị phạt 5 năm tù."
    found = fitted.people(text)
    for e in found:
        assert e["label"] == "PER" and text[e["start"]:e["end"]] == e["text"]
    assert [(e["text"], e["value"]) for e in found] == [("Hoàng Văn Nam", "Hoàng Văn Nam"), ("Nam", "Hoàng Văn Nam")]


def test_is_a_scikit_learn_estimator(fitted):
    from sklearn.base import clone
    params = fitted.get_params()
    assert params["combine"] in pm.COMBINE
    copy = clone(fitted)
    assert copy.get_params() == params and not hasattr(copy, "model_bytes_")
    with pytest.raises(ValueError):
        pm.PersonTagger(combine="nonsense").fit(["Ông An."], [[(4, 6)]])


def test_save_and_load_round_trip(fitted, tmp_path):
    path = tmp_path / "person.skops"
    pm.save(fitted, path)
    loaded = pm.load(path)
    texts = [_parse(m)[0] for m in CORPUS]
    assert loaded.predict(texts) == fitted.predict(texts)


def test_missing_file_is_an_error(tmp_path):
    with pytest.raises(CamketError, match="not found"):
        pm.load(tmp_path / "absent.skops")


def test_types_outside_the_allowlist_are_refused(fitted, tmp_path):
    import datetime
    import skops.io as sio
    odd = pm.PersonTagger()
    odd.model_bytes_ = fitted.model_bytes_
    odd.when_ = datetime.date(2020, 1, 1)
    path = tmp_path / "odd.skops"
    sio.dump(odd, path)
    with pytest.raises(CamketError, match="allowlist"):
        pm.load(path)


def test_packaged_model_allowlist_matches_the_file():
    import skops.io as sio
    with pm.resources.as_file(pm.default_model_path()) as p:
        assert sorted(sio.get_untrusted_types(file=p)) == sorted(pm.trusted_types())


def test_packaged_model_loads_and_tags():
    model = pm.load()
    assert [p["text"] for p in model.people("Ông Nguyễn Văn An phát biểu.")] == ["Nguyễn Văn An"]


def test_tagger_uses_the_person_model_or_the_rules():
    text = "Chủ tịch UBND tỉnh Trần Quốc Hưng phát biểu. Ông Hưng nói thêm."
    with_model = [(e["text"], e["value"]) for e in tag_entities(text) if e["label"] == "PER"]
    rules_only = [(e["text"], e["value"]) for e in tag_entities(text, people_model=None) if e["label"] == "PER"]
    expected = [("Trần Quốc Hưng", "Trần Quốc Hưng"), ("Hưng", "Trần Quốc Hưng")]
    assert with_model == expected and rules_only == expected


def test_the_lexicon_reads_unlabelled_news_and_never_the_gold(tmp_path):
    rows = [{"id": "u1", "text": "Bí thư Tỉnh ủy Lê Văn Ba phát biểu. Ông Lê Văn Ba nhấn mạnh."},
            {"id": "gold1", "text": "Chủ tịch Trần Thị Tư phát biểu."}]
    (tmp_path / "news.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows),
                                         encoding="utf-8")
    lexicon = pm.build_lexicon(tmp_path, exclude={"gold1"})
    keys = " ".join(lexicon)
    assert "ba" in keys and "tư" not in keys
    assert all(person <= total for person, total in lexicon.values())
    with pytest.raises(CamketError):
        pm.build_lexicon(tmp_path / "empty")


def test_training_data_reads_gold_articles():
    from types import SimpleNamespace
    art = SimpleNamespace(text="Ông An đến.", gold={"entities": [
        {"label": "PER", "start": 4, "end": 6}, {"label": "DATE", "start": 0, "end": 1}]})
    assert pm.training_data([art]) == (["Ông An đến."], [[(4, 6)]])
