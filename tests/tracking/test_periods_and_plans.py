"""Parts of a year, results inside the target's own article, shares of a plan with several figures, targets
that take their value from the plan their article states, and when a deadline is missed.

Sentences written for these tests; each case is what a careful reader would give (guide section 5).
"""
import pytest

from pipeline.tracking.dates import article_dates
from pipeline.tracking.facts import period_at
from pipeline.tracking.run import track
from tracking_samples import article, corpus, make, make_article


@pytest.mark.parametrize("sentence, value, published, period", [
    # the part of the year nearest before the value, not the first one of the sentence
    ("Nhiệm vụ 6 tháng cuối năm còn nặng nề, đến nay tăng trưởng 6 tháng ước đạt 5,7%.", "5,7", None,
     (None, 6, "M6")),
    ("20.000 doanh nghiệp đăng ký mới trong 6 tháng.", "20.000", None, (None, 6, "M6")),
    # "since the start of the year": the months before the publication month, half a year without one
    ("Từ đầu năm đến nay, tỉnh đón 2,1 triệu lượt khách du lịch.", "2,1", "2024-05-20", (None, 4, "YTD")),
    ("Từ đầu năm tới nay, tỉnh đón 2,1 triệu lượt khách du lịch.", "2,1", None, (None, 6, "YTD")),
    # a date is no part of a year
    ("Ngày 2 tháng 9, tỉnh đón 5.000 lượt khách du lịch.", "5.000", None, (None, 12, None)),
    ("Quý I/2024, GRDP của tỉnh tăng 6,1%.", "6,1", None, (2024, 3, "Q1")),
])
def test_the_part_of_the_year_a_value_is_about(sentence, value, published, period):
    a = sentence.index(value)
    record = {"sentence": {"text": sentence, "start": 0, "end": len(sentence)}, "type": "achievement"}
    assert period_at(record, {"start": a, "end": a + len(value)}, published) == period


VISITORS = ("t1", "2024-01-05", "Năm 2024, tỉnh phấn đấu đón 5 triệu lượt khách du lịch.", "target", 2024)


@pytest.mark.parametrize("sentence, status", [
    # the year so far (6 months: published in July) against half the year's goal
    ("Từ đầu năm đến nay, tỉnh đón 2,2 triệu lượt khách du lịch.", "behind"),
    ("Từ đầu năm đến nay, tỉnh đón 2,7 triệu lượt khách du lịch.", "on_track"),
])
def test_the_year_so_far_against_that_part_of_the_goal(sentence, status):
    records, articles = corpus([VISITORS, ("r1", "2024-07-10", sentence, "achievement", None)])
    (t,), _ = track(records, articles)
    assert t["status"] == status and t["evidence"][0]["period"]["part"] == "YTD"
    assert t["evidence"][0]["period"]["months"] == 6


def _track(records, articles, as_of=None):
    tracks, _ = track(records, articles, as_of=as_of)
    targets = {r["id"] for r in records if r["type"] == "target"}
    return {t["target"]["id"]: t for t in tracks if t["target"]["id"] in targets}


def test_an_undated_result_counts_only_in_the_targets_own_undated_article():
    own = make_article("a1", [("Năm nay, tỉnh phấn đấu đón 5 triệu lượt khách du lịch.", "target", None),
                              ("Từ đầu năm tới nay, tỉnh đã đón 2 triệu lượt khách du lịch.", "achievement", None)])
    other = make("a2", "Từ đầu năm tới nay, tỉnh đã đón 2,5 triệu lượt khách du lịch.", "achievement")
    (t,) = _track(own + [other], [article("a1"), article("a2")]).values()
    assert [e["id"] for e in t["evidence"]] == [own[1]["id"]]
    assert t["evidence"][0]["period"]["source"] == "target_article" and t["status"] == "behind"


def test_the_current_value_written_beside_the_goal_is_its_start():
    s = "Hiện tỷ lệ nội địa hóa đạt 18%, công ty sẽ nâng tỷ lệ nội địa hóa lên 40%."
    target, result = make_article("a1", [(s, "target", None), (s, "achievement", None)])
    target["metrics"] = target["metrics"][1:]   # the target's value is the 40%, the result's the 18%
    result["metrics"] = result["metrics"][:1]
    (t,) = _track([target, result], [article("a1", "2018-03-01")]).values()
    assert t["evidence"] == [] and t["status"] == "no_evidence"
    assert t["baseline"]["value"] == 18


@pytest.mark.parametrize("result_article, sentence, linked", [
    # in the article that sets the 2018 plan, an undated full-year figure is 2017's: a starting point
    ("a1", "Doanh thu của công ty đạt 4.600 tỷ đồng, vượt 8% kế hoạch.", False),
    # another article that names 2018
    ("a2", "Năm 2018, doanh thu của công ty đạt 5.100 tỷ đồng.", True),
    # a part of the plan's year in the plan's own article is evidence
    ("a1", "Quý I/2018, doanh thu của công ty đạt 1.300 tỷ đồng.", True),
])
def test_a_full_year_figure_beside_a_yearly_plan_is_the_year_before(result_article, sentence, linked):
    plan = "Năm 2018, công ty phấn đấu doanh thu đạt 5.000 tỷ đồng."
    if result_article == "a1":
        records = make_article("a1", [(plan, "target", 2018), (sentence, "achievement", None)], actor="Vinatex",
                               kind="organization")
    else:
        records = make_article("a1", [(plan, "target", 2018)], actor="Vinatex", kind="organization") + [
            make("a2", sentence, "achievement", 2018, actor="Vinatex", kind="organization")]
    (t,) = _track(records, [article("a1", "2018-03-01"), article("a2", "2019-01-15")]).values()
    assert bool(t["evidence"]) == linked


def test_a_share_of_the_profit_plan_counts_for_a_plan_with_several_figures():
    plan = ("t1", "2024-01-10", "Năm 2024, công ty đặt mục tiêu doanh thu 2.000 tỷ đồng, LNTT 200 tỷ đồng.",
            "target", 2024, "Vinatex")
    share = ("r1", "2024-04-20", "Quý I/2024, công ty đã hoàn thành 30% mục tiêu lợi nhuận.", "achievement", 2024,
             "Vinatex")
    level = ("r2", "2024-04-20", "Quý I/2024, lợi nhuận của công ty đạt 60 tỷ đồng.", "achievement", 2024, "Vinatex")
    records, articles = corpus([plan, share, level])
    for r in records:
        r["actor"] = {"text": "Vinatex", "kind": "organization"}
    tracks, _ = track(records, articles)
    by_key = {t["indicator"]["key"]: t for t in tracks}
    assert set(by_key) == {"revenue", "profit_before_tax"}
    # the share of "the profit plan" is evidence; a generic profit level is not pre-tax profit
    assert [e["article_id"] for e in by_key["profit_before_tax"]["evidence"]] == ["r1"]
    assert by_key["profit_before_tax"]["status"] == "on_track"    # 30% after a quarter (25% expected)
    assert by_key["revenue"]["status"] == "no_evidence"


def test_a_share_of_the_plan_counts_for_a_target_without_a_deadline_in_the_year_it_was_set():
    records, articles = corpus([
        ("t1", "2024-01-10", "Công ty đặt mục tiêu lợi nhuận trước thuế 200 tỷ đồng.", "target", None),
        ("r1", "2024-04-20", "Quý I/2024, công ty hoàn thành 30% kế hoạch lợi nhuận trước thuế.", "achievement", 2024),
        ("r2", "2025-04-20", "Quý I/2025, công ty hoàn thành 20% kế hoạch lợi nhuận trước thuế.", "achievement", 2025)])
    (t,) = _track(records, articles).values()
    assert [e["article_id"] for e in t["evidence"]] == ["r1"] and t["status"] == "on_track"


def test_a_period_named_in_an_undated_plan_starts_the_window():
    target = make("t1", "Giai đoạn 2016 - 2020, tỉnh hoàn thành cổ phần hóa 40 doanh nghiệp.", "target", 2020)
    result = make("r1", "6 tháng đầu năm 2017, tỉnh đã cổ phần hóa 6 doanh nghiệp.", "achievement", 2017)
    # no publication date: the article's dates centre on the deadline
    (t,) = _track([target, result], [article("t1", None, years=(2020, 2020, 2016)), article("r1", "2017-07-01")]
                  ).values()
    assert t["target"]["set_year"] == 2016 and t["target"]["set_year_source"] == "target_sentence"
    assert [e["article_id"] for e in t["evidence"]] == ["r1"] and t["status"] == "behind"


LOCAL = ("t1", "2017-03-01", "Đến năm 2018, tỉnh phấn đấu nâng tỷ lệ nội địa hóa lên 40%.", "target", 2018)


@pytest.mark.parametrize("result, status", [
    # the deadline year's own full-year figure falls short: missed
    (("r1", "2019-01-20", "Năm 2018, tỷ lệ nội địa hóa của tỉnh đạt 19%.", "achievement", 2018), "missed"),
    # a figure dated only by its 2018 article, or half of 2018: where it stood then, not the year's end
    (("r1", "2018-05-01", "Hiện tỷ lệ nội địa hóa của tỉnh đạt 19%.", "achievement", None), "behind"),
    (("r1", "2018-07-10", "6 tháng đầu năm 2018, tỷ lệ nội địa hóa của tỉnh đạt 30%.", "achievement", 2018),
     "behind"),
])
def test_missed_needs_the_deadline_years_full_year_figure(result, status):
    records, articles = corpus([LOCAL, result])
    (t,) = _track(records, articles, as_of="2021-05-01").values()
    assert t["status"] == status


@pytest.mark.parametrize("sentence, value", [
    ("Tỉnh quyết tâm hoàn thành mục tiêu tăng trưởng kinh tế như kế hoạch đề ra.", 8.0),
    ("Tỉnh tiếp tục thúc đẩy tăng trưởng kinh tế.", None),       # no plan referred to
])
def test_a_target_without_a_value_takes_the_plan_its_article_states(sentence, value):
    records = make_article("a1", [("Năm 2024, tỉnh phấn đấu tốc độ tăng trưởng kinh tế đạt 8%.", "target", 2024),
                                  (sentence, "target", None)])
    result = make("r1", "6 tháng đầu năm 2024, tăng trưởng kinh tế của tỉnh đạt 7,1%.", "achievement", 2024)
    tracks = _track(records + [result], [article("a1", "2024-02-01"), article("r1", "2024-07-05")])
    borrowed = tracks.get(records[1]["id"])
    assert (borrowed["target"]["value"] if borrowed else None) == value
    if borrowed:
        assert borrowed["target"]["value_from"] == records[0]["id"] and borrowed["status"] == "behind"
        assert [e["article_id"] for e in borrowed["evidence"]] == ["r1"]


def test_article_dates_are_not_needed_for_any_of_this():
    assert article_dates([article("a1")]) == {"a1": {"published": None, "year": None, "year_source": None}}


def test_a_period_that_is_not_the_targets_does_not_move_the_window():
    target = make("t1", "Để đạt mục tiêu 1,1 triệu lượt khách du lịch trong năm 2017, ngành tiếp tục triển khai "
                        "nghị quyết giai đoạn 2016 - 2020.", "target", 2017)
    result = make("r1", "Năm 2016, tỉnh đón 1 triệu lượt khách du lịch.", "achievement", 2016)
    (t,) = _track([target, result], [article("t1", None, years=(2017, 2017, 2020)), article("r1", "2017-01-05")]
                  ).values()
    assert t["target"]["set_year"] == 2017 and t["evidence"] == [] and t["baseline"]["value"] == 1000000


def test_a_full_year_figure_that_says_it_is_this_years_counts_beside_the_plan():
    plan = "Năm 2018, công ty phấn đấu doanh thu đạt 5.000 tỷ đồng."
    result = "Cả năm, doanh thu của công ty đạt 5.200 tỷ đồng, vượt kế hoạch."
    records = make_article("a1", [(plan, "target", 2018), (result, "achievement", None)], actor="Vinatex",
                           kind="organization")
    (t,) = _track(records, [article("a1", "2018-12-28")]).values()
    assert [e["id"] for e in t["evidence"]] == [records[1]["id"]]
