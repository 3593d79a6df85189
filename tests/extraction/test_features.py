import pytest

from pipeline.extraction.cues import find_cues
from pipeline.extraction.features import (anchor_features, article_features, metric_verb_features, model_text, neighbour_features, phrase_features,
                                           sentence_features, shape_features)
from pipeline.text.normalize import fold_key


def _features(sentence, metrics=(), dates=(), **kw):
    args = dict(metrics=list(metrics), dates=list(dates), n_provinces=0, n_orgs=0, index=0, n_sentences=1,
                is_line_start=False, ends_with_stop=True)
    args.update(kw)
    return sentence_features(fold_key(sentence), **args)[0]


@pytest.mark.parametrize("sentence, present, absent", [
    ("Tỉnh phấn đấu đến năm 2025 có 80% xã đạt chuẩn.", ["kw_target_phấn đấu", "kw_goal_verb_đến năm"],
     ["kw_past_marker_đã"]),
    ("Đến nay, tỉnh đã có 1.123 dịch vụ công trực tuyến.", ["kw_achievement_đến nay", "kw_past_marker_đã"],
     ["kw_target_phấn đấu"]),
    ("Sáu tháng đầu năm, ngành du lịch đón 2 triệu lượt khách.", ["kw_past_period_tháng đầu năm"],
     ["kw_future_sẽ"]),
    ("Dự báo đến năm 2030 dân số sẽ tăng lên 2 triệu người.", ["kw_forecast_dự báo", "kw_future_sẽ"], []),
])
def test_each_trigger_phrase_is_its_own_feature(sentence, present, absent):
    f = phrase_features(find_cues(fold_key(sentence)))
    for name in present:
        assert f.get(name) == 1.0, name
    for name in absent:
        assert name not in f, name


def test_plan_name_words_are_not_phrase_features():
    f = phrase_features(find_cues(fold_key("Nghị quyết về Đề án phát triển du lịch.")))
    assert not any(k.startswith(("kw_plan_name_", "kw_plan_name_breakers_")) for k in f)


@pytest.mark.parametrize("sentence, line_start, stop, expected", [
    ("Hà Nội cấm xe máy vào năm 2030", True, False, {"headline": 1.0, "question": 0.0}),
    ("Liệu ngành du lịch có đạt 13 triệu khách không?", False, True, {"headline": 0.0, "question": 1.0}),
    ("Giai đoạn 2017-2030: từng bước hạn chế xe máy.", True, True, {"starts_period": 1.0, "colon_head": 1.0}),
    ("“Chúng tôi sẽ hoàn thành”, ông nói.", False, True, {"quote": 1.0, "starts_period": 0.0}),
    ("- Hoàn thành 100% xã đạt chuẩn.", True, True, {"starts_dash": 1.0}),
    ("", True, False, {"starts_dash": 0.0}),
])
def test_shape_features(sentence, line_start, stop, expected):
    f = shape_features(fold_key(sentence), line_start, stop)
    for k, v in expected.items():
        assert f[k] == v, k


@pytest.mark.parametrize("sentence, metric_word, result_nearer", [
    ("Năm 2020, tỉnh đạt 95% hồ sơ trực tuyến.", "95%", 1.0),
    ("Tỉnh phấn đấu đến năm 2025, 80% hồ sơ được xử lý trực tuyến.", "80%", 0.0),
    ("Tỉnh phấn đấu đến năm 2025 có 80% hồ sơ trực tuyến.", "80%", 1.0),
    ("Mục tiêu năm nay là tăng 15% lượt khách.", "15%", 1.0),
])
def test_metric_verb_features(sentence, metric_word, result_nearer):
    low = fold_key(sentence)
    start = low.index(metric_word)
    metric = {"value": 1, "unit": "percent", "start": start, "end": start + len(metric_word)}
    f = metric_verb_features(find_cues(low), [metric], 0)
    assert f["result_nearer_metric"] == result_nearer
    assert f["result_before_metric"] + f["goal_before_metric"] >= 1.0


def test_metric_verb_features_without_metric_are_zero():
    f = metric_verb_features(find_cues("tỉnh phấn đấu đạt chuẩn"), [], 0)
    assert set(f.values()) == {0.0}


def test_neighbour_features_copy_previous_and_next():
    feats = [{"score_target": 3.0}, {"score_target": 0.0}, {"score_target": 1.5}]
    neighbour_features(feats, keys=("score_target",))
    assert feats[0]["prev_score_target"] == 0.0 and feats[0]["next_score_target"] == 0.0
    assert feats[1]["prev_score_target"] == 3.0 and feats[1]["next_score_target"] == 1.5
    assert feats[2]["next_score_target"] == 0.0


@pytest.mark.parametrize("pyear, dl_years, future, past, offset", [
    (2020, [2025], 1.0, 0.0, 5.0),
    (2020, [2018], 0.0, 1.0, -2.0),
    (None, [2025], 0.0, 0.0, 0.0),
])
def test_deadline_against_reference_year(pyear, dl_years, future, past, offset):
    f = _features("Đến năm 2025, tỉnh có 100 doanh nghiệp số.", published_year=pyear, deadline_years=dl_years)
    assert (f["deadline_future"], f["deadline_past"], f["deadline_offset"]) == (future, past, offset)


def test_features_are_plain_floats():
    f = _features("Tỉnh phấn đấu đến năm 2025 đạt 20% GRDP.")
    assert f and all(isinstance(v, float) for v in f.values())


@pytest.mark.parametrize("sentence, kept, gone", [
    ("đến năm 2025 đạt 1.123 dịch vụ", ["yyyy", " 0 "], ["2025", "1.123"]),
    ("tăng 20,5% so với năm 2019", ["yyyy", " 0 "], ["2019", "20,5"]),
])
def test_model_text_masks_years_and_numbers(sentence, kept, gone):
    out = model_text(sentence, [])
    for k in kept:
        assert k in out
    for g in gone:
        assert g not in out


@pytest.mark.parametrize("joined, group, phrase, found", [
    ("chuyển_đổi dữ_liệu 100% hồ_sơ", "hedge", "liệu", False),       # "liệu" inside the word "dữ liệu"
    ("liệu ngành du_lịch có đạt không", "hedge", "liệu", True),
    ("tỉnh phấn_đấu đạt 80%", "target", "phấn đấu", True),             # a cue that is one segmented word
    ("bài toán đặt_mục_tiêu ra sao", "target", "đặt mục tiêu", True),
    ("trung_tâm dự_báo khí_tượng", "future", "sẽ", False),
])
def test_cues_match_whole_segmented_words(joined, group, phrase, found):
    hits = [h[0] for h in find_cues(joined)[group]]
    assert (phrase in hits) is found, hits


@pytest.mark.parametrize("sentence, expected", [
    ("Tỉnh sẽ hoàn thành chuyển đổi dữ liệu 100% hồ sơ trước tháng 6 năm 2025.", 0),
    ("Liệu ngành du lịch có đạt 13 triệu lượt khách trong năm 2017?", 1),
])
def test_hedge_cue_on_segmented_sentences(sentence, expected):
    from pipeline.extractor import Extractor
    cands = Extractor(None).document(sentence).candidates
    assert cands and cands[0]["features"]["cue_hedge"] == expected


@pytest.mark.parametrize("sentence, date_text, expected", [
    ("Dự kiến ngày 19/5 tới, gói thầu số 6 sẽ cán đích.", "19/5", 1.0),
    ("Dự án hoàn thành vào tháng 10 tới.", "tháng 10", 1.0),
    ("Ngày 19/5, đoàn công tác tới thăm tỉnh.", "19/5", 0.0),
])
def test_a_date_followed_by_toi_is_upcoming(sentence, date_text, expected):
    start = sentence.index(date_text)
    date = {"label": "DATE", "start": start, "end": start + len(date_text), "value": None, "year": None}
    assert _features(sentence, dates=[date])["upcoming_date"] == expected


@pytest.mark.parametrize("sentence, value, nearest, governed", [
    ("Năm 2020, quận đã hoàn thành 12/12 chỉ tiêu thành phần.", "12/12", "nearest_achievement", 0.0),
    # "đón" is a result verb, but governed by "mục tiêu" just before it
    ("Phóng viên đã phỏng vấn ông về mục tiêu đón 13 triệu lượt khách.", "13 triệu", "nearest_result_verb", 1.0),
    ("Thời gian miễn thị thực cần tăng lên 30 ngày.", "30 ngày", "nearest_result_verb", 1.0),
    ("Đến nay, toàn tỉnh có 82/97 xã đạt chuẩn.", "82/97", "nearest_result_verb", 0.0),
])
def test_anchor_features_name_the_cue_next_to_the_value(sentence, value, nearest, governed):
    low = fold_key(sentence)
    start = low.index(value)
    f = anchor_features(find_cues(low), [{"start": start, "end": start + len(value)}], [], 0)
    assert f[nearest] == 1.0
    assert f["governed_result"] == governed


def test_anchor_features_without_value_or_date_are_zero():
    f = anchor_features(find_cues("tỉnh đã hoàn thành chỉ tiêu"), [], [], 0)
    assert set(f.values()) == {0.0}


def test_article_features_are_shares_shared_by_all_sentences():
    feats = [{"score_target": 3.0, "score_achievement": 0.0, "rule_target": 1.0},
             {"score_target": 0.0, "score_achievement": 2.5, "rule_achievement": 1.0},
             {"score_target": 0.0, "score_achievement": 0.0}, {}]
    article_features(feats)
    assert {f["article_strong_target"] for f in feats} == {0.25}
    assert {f["article_strong_achievement"] for f in feats} == {0.0}
    assert {f["article_rule_commitments"] for f in feats} == {0.5}
