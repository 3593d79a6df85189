"""Which results are evidence for a target, conflicting figures, and the dates deadlines are judged against."""

import pytest

from pipeline.tracking.dates import article_dates, as_of, reference_year
from pipeline.tracking.run import track
from tracking_samples import article, corpus, make

TARGET = ("t1", "2021-03-01", "Tỉnh phấn đấu đến năm 2025 tổng thu ngân sách đạt 15.000 tỷ đồng.", "target", 2025)


def _linked(results, target=TARGET):
    records, articles = corpus([target] + results)
    tracks, _ = track(records, articles)
    (t,) = [t for t in tracks if t["target"]["article_id"] == target[0]]
    return [e["article_id"] for e in t["evidence"]]


@pytest.mark.parametrize("result, linked", [
    (("r1", "2024-01-10", "Năm 2023, tổng thu ngân sách của tỉnh đạt 13.200 tỷ đồng.", "achievement", 2023), True),
    # another province's result
    (("r1", "2024-01-10", "Năm 2023, tổng thu ngân sách đạt 13.200 tỷ đồng.", "achievement", 2023, "Đồng Nai"),
     False),
    # another indicator of the same province
    (("r1", "2024-01-10", "Năm 2023, kim ngạch xuất khẩu của tỉnh đạt 3,2 tỷ USD.", "achievement", 2023), False),
    # a growth rate is not an amount: percent against money
    (("r1", "2024-01-10", "Năm 2023, tổng thu ngân sách của tỉnh tăng 12% so với năm trước.", "achievement", 2023),
     False),
    # a period after the deadline
    (("r1", "2027-01-10", "Năm 2026, tổng thu ngân sách của tỉnh đạt 16.100 tỷ đồng.", "achievement", 2026), False),
    # reported after the deadline about the deadline year: evidence
    (("r1", "2027-01-10", "Năm 2025, tổng thu ngân sách của tỉnh đạt 15.300 tỷ đồng.", "achievement", 2025), True),
    # before the target was set: a baseline, not evidence
    (("r1", "2020-01-10", "Năm 2019, tổng thu ngân sách của tỉnh đạt 9.800 tỷ đồng.", "achievement", 2019), False),
    # a target is never evidence
    (("r1", "2024-01-10", "Năm 2024, tỉnh phấn đấu tổng thu ngân sách đạt 14.000 tỷ đồng.", "target", 2024), False),
    # the plan's figure inside a result sentence is not the result
    (("r1", "2024-01-10", "Năm 2023, tỉnh không đạt mục tiêu thu ngân sách 14.000 tỷ đồng.", "achievement", 2023),
     False),
])
def test_what_is_evidence(result, linked):
    assert _linked([result]) == (["r1"] if linked else [])


def test_a_result_with_several_values_links_each_to_its_own_indicator():
    visitors = ("t2", "2021-03-01", "Tỉnh phấn đấu đến năm 2025 đón 6 triệu lượt khách du lịch.", "target", 2025)
    both = ("r1", "2024-01-10", "Năm 2023, tổng thu ngân sách đạt 13.200 tỷ đồng; khách du lịch đạt 5,1 triệu "
                                "lượt người.", "achievement", 2023)
    assert _linked([both]) == ["r1"]
    assert _linked([both], target=visitors) == ["r1"]


def test_a_project_target_links_only_to_the_same_project():
    target = ("t1", "2021-03-01", "Tỉnh phấn đấu hoàn thành dự án cầu Rạch Miễu 2 trong năm 2024.", "target", 2024)
    same = ("r1", "2024-12-20", "Dự án cầu Rạch Miễu 2 đã hoàn thành và thông xe.", "achievement", 2024)
    other = ("r2", "2024-12-20", "Dự án đường tỉnh 883 đã hoàn thành và đưa vào sử dụng.", "achievement", 2024)
    records, articles = corpus([target, same, other])
    tracks, _ = track(records, articles)
    (t,) = tracks
    assert [e["article_id"] for e in t["evidence"]] == ["r1"] and t["status"] == "met"


@pytest.mark.parametrize("second, conflict", [
    ("Năm 2023, tổng thu ngân sách của tỉnh đạt 11.200 tỷ đồng.", True),
    ("Năm 2023, tổng thu ngân sách của tỉnh đạt 10.500 tỷ đồng.", False),         # the same figure
    ("Năm 2023, tổng thu ngân sách của tỉnh đạt 10.520 tỷ đồng.", False),         # rounding
    ("Năm 2023, tổng thu ngân sách của tỉnh đạt hơn 10.000 tỷ đồng.", False),     # a consistent bound
    ("Năm 2022, tổng thu ngân sách của tỉnh đạt 9.100 tỷ đồng.", False),          # another year
])
def test_conflicting_figures(second, conflict):
    records, articles = corpus([
        TARGET, ("r1", "2024-01-10", "Năm 2023, tổng thu ngân sách của tỉnh đạt 10.500 tỷ đồng.", "achievement", 2023),
        ("r2", "2024-02-10", second, "achievement", int(second[4:8]))])
    tracks, summary = track(records, articles)
    (t,) = tracks
    assert bool(t["conflicts"]) is conflict and summary["conflicts"] == int(conflict)
    if conflict:
        assert sorted(v["value"] for v in t["conflicts"][0]["values"]) == [10500e9, 11200e9]
        assert {e["article_id"] for e in t["evidence"] if e["conflict"]} == {"r1", "r2"}


def test_one_article_repeating_a_figure_is_not_a_conflict():
    a = make("r1", "Năm 2023, tổng thu ngân sách của tỉnh đạt 10.500 tỷ đồng.", "achievement", 2023)
    b = make("r1", "Năm 2023, tổng thu ngân sách của tỉnh đạt 11.200 tỷ đồng, theo báo cáo sơ bộ.", "achievement",
             2023)
    _, summary = track([a, b], [article("r1", "2024-01-10")])
    assert summary["conflicts"] == 0


def test_as_of_is_the_newest_publication_never_the_clock():
    dates = article_dates([article("a", "2019-05-02"), article("b", "2021-11-30"), article("c")])
    assert as_of(dates) == {"date": "2021-11-30", "year": 2021, "source": "published"}
    assert as_of(dates, "2030-01-01")["source"] == "option"
    # a 2025 deadline is not passed when the newest article is from 2024, whatever today's date
    records, articles = corpus([
        ("t1", "2024-01-05", "Tỉnh phấn đấu đến năm 2025 tổng thu ngân sách đạt 15.000 tỷ đồng.", "target", 2025),
        ("r1", "2024-12-30", "Năm 2024, tổng thu ngân sách của tỉnh đạt 12.000 tỷ đồng.", "achievement", 2024)])
    (t,), _ = track(records, articles)
    assert t["status"] == "behind" and t["as_of"]["year"] == 2024


def test_without_publication_dates_as_of_is_the_latest_year_results_report():
    dates = article_dates([article("a", years=(2017,)), article("b", years=(2030, 2030))])
    assert as_of(dates, result_years=[2015, 2016, 2016, 2017]) == {"date": "2017", "year": 2017,
                                                                   "source": "result_years"}
    assert as_of(dates)["source"] == "article_dates"


def test_without_publication_dates_the_articles_dates_are_used_and_said():
    assert reference_year(article("a", years=(2017, 2017, 2020))) == 2017
    records = [make("t1", "Tỉnh phấn đấu đến năm 2020 tổng thu ngân sách đạt 15.000 tỷ đồng.", "target", 2020),
               make("r1", "Tổng thu ngân sách của tỉnh đạt 12.000 tỷ đồng.", "achievement")]
    articles = [article("t1", years=(2017,)), article("r1", years=(2018, 2018))]
    (t,), summary = track(records, articles)
    assert t["evidence"][0]["period"] == {"year": 2018, "part": None, "months": 12, "source": "article_dates"}
    assert t["as_of"]["source"] == "article_dates" and "no publication date" in t["ordered_by"]


def test_the_join_is_linear(monkeypatch):
    """Each target looks only at its own (actor, indicator) bucket of results, never at the whole corpus:
    the work grows with the records, not with their square (speed itself is measured in benchmarks/)."""
    from pipeline.tracking import run
    seen = []
    real = run.link

    def counting(target, bucket, *args, **kw):
        bucket = list(bucket)
        seen.append(len(bucket))
        return real(target, bucket, *args, **kw)

    monkeypatch.setattr(run, "link", counting)
    records, articles = [], []
    for i in range(300):
        province = f"Tỉnh {i}"
        for j in range(17):
            aid = f"a{i}-{j}"
            if j == 0:
                s = "Tỉnh phấn đấu đến năm 2025 tổng thu ngân sách đạt 15.000 tỷ đồng."
                records.append(make(aid, s, "target", 2025, actor=province))
            else:
                s = f"Năm {2020 + j % 6}, tổng thu ngân sách của tỉnh đạt {10 + j}.000 tỷ đồng."
                records.append(make(aid, s, "achievement", 2020 + j % 6, actor=province))
            articles.append(article(aid, f"{2020 + j % 6}-12-30"))
        records.extend(make(f"x{i}-{k}", "Tỉnh phấn đấu đến năm 2025 tổng thu ngân sách đạt 15.000 tỷ đồng.",
                            "target", 2025, actor=province) for k in range(16))
    tracks, summary = track(records, articles)
    assert summary["tracks"] == 300 * 17 and summary["records"] == 300 * 33
    assert len(seen) == 300 * 17 and max(seen) == 16  # one province's 16 results, of 4,800 in all


def test_each_value_is_about_the_year_written_before_it():
    from pipeline.tracking.dates import article_dates as dates_of
    from pipeline.tracking.facts import record_facts
    r = make("r1", "Năm 2015, tổng thu ngân sách của tỉnh đạt 8.200 tỷ đồng, năm 2016 đạt 9.700 tỷ đồng, tăng 18% "
                   "so với năm 2015; 5 tháng đầu năm 2017 đạt 4.100 tỷ đồng.", "achievement", 2017)
    facts = record_facts(r, dates_of([article("r1", "2017-06-10")]))
    assert [(f.value / 1e9 if f.unit_class.startswith("money") else f.value, f.year, f.part) for f in facts] == [
        (8200, 2015, None), (9700, 2016, None), (18, 2016, None), (4100, 2017, "M5")]
    assert [f.measure for f in facts] == ["level", "level", "increase", "level"]


@pytest.mark.parametrize("sentence, year, status", [
    # a flow's year is settled by a result that names the year, not by the publication date alone
    ("Tổng thu ngân sách của tỉnh đạt 16.000 tỷ đồng.", None, "on_track"),
    ("Năm 2025, tổng thu ngân sách của tỉnh đạt 16.000 tỷ đồng.", 2025, "met"),
])
def test_a_flow_is_met_only_by_a_result_that_names_its_year(sentence, year, status):
    records, articles = corpus([TARGET, ("r1", "2025-12-30", sentence, "achievement", year)])
    (t,), _ = track(records, articles)
    assert t["status"] == status
