import pytest

from pipeline.extraction.features import sentence_features
from pipeline.extraction.rules import rule_decide
from pipeline.text.normalize import fold_key


def _decide(sentence, *, metrics=0, deadline_years=(), dates=(), published_year=2020, line_start=False, stop=True):
    ms = [{"value": 1, "unit": "percent", "start": 0, "end": 1}] * metrics
    f, _ = sentence_features(fold_key(sentence), metrics=ms, dates=list(dates), n_provinces=1, n_orgs=0, index=3,
                             n_sentences=10, is_line_start=line_start, ends_with_stop=stop,
                             published_year=published_year, deadline_years=list(deadline_years))
    return rule_decide(f)


@pytest.mark.parametrize("sentence, metrics, deadline_years, expected", [
    ("Tỉnh phấn đấu đến năm 2025 có 80% hồ sơ được xử lý trực tuyến.", 1, [2025], "target"),
    ("Tỉnh đặt mục tiêu đến năm 2030 thuộc nhóm 10 tỉnh dẫn đầu.", 1, [2030], "target"),
    ("Đến nay, tỉnh đã có 1.123 dịch vụ công trực tuyến mức độ 4.", 2, [], "achievement"),
    ("Năm qua, huyện đã hoàn thành 12/12 chỉ tiêu đề ra.", 1, [], "achievement"),
    ("Chỉ số PCI của tỉnh xếp thứ 5 cả nước.", 1, [], "achievement"),
])
def test_rules_type_commitments(sentence, metrics, deadline_years, expected):
    kind, score = _decide(sentence, metrics=metrics, deadline_years=deadline_years)
    assert kind == expected
    assert 0.5 < score <= 1.0


@pytest.mark.parametrize("sentence, metrics, kw", [
    ("Chuyển đổi số là nhiệm vụ đặc biệt quan trọng.", 0, {}),
    ("Ông đề nghị các sở, ngành xây dựng kế hoạch cụ thể.", 0, {}),
    ("Ảnh: Trung tâm phục vụ hành chính công có 20 quầy.", 1, {}),
    ("Liệu tỉnh có thể đạt 20% không thì còn khó nói.", 1, {}),
    ("Kế hoạch đề ra 14 nhiệm vụ trọng tâm.", 1, {}),
])
def test_rules_reject_non_commitments(sentence, metrics, kw):
    kind, score = _decide(sentence, metrics=metrics, **kw)
    assert kind is None
    assert 0.0 <= score < 0.5


def test_past_deadline_leans_to_achievement():
    kind, _ = _decide("Đến năm 2018, tỉnh có 90% xã đạt chuẩn.", metrics=1, deadline_years=[2018], published_year=2020)
    assert kind == "achievement"


@pytest.mark.parametrize("sentence, expected", [
    # a forecast is not a goal of the actor (project guide, case S1)
    ("Dự báo đến năm 2030 dân số của huyện khoảng 370.000 người.", False),
    ("Theo dự đoán của các chuyên gia, năm 2027 giá thép sẽ tăng 15%.", False),
    # the actor's own goal or plan stays a candidate even beside a forecast word
    ("Dự báo nhu cầu tăng cao, tỉnh đặt mục tiêu đến năm 2030 có 5.000 căn nhà ở xã hội.", True),
    ("Theo kế hoạch, năm 2027 thành phố sẽ đón 6 triệu lượt khách.", True),
])
def test_forecasts_are_settled_before_the_model(sentence, expected):
    from pipeline.extraction.rules import can_commit
    from pipeline.extractor import Extractor
    cands = Extractor(None).document(sentence, "2025-01-10").candidates
    assert len(cands) == 1
    assert can_commit(cands[0]["features"]) is expected
    assert (cands[0]["type"] is not None) is expected
