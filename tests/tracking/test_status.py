"""Targets tracked against results across articles: status from direction, comparator, deadline and baseline.

Each case is a small corpus of one-sentence articles (written for these tests): the target first, then
the results, with publication dates; the status is what a careful reader would give.
"""
import pytest

from pipeline.tracking.run import track
from tracking_samples import corpus

DIGITAL = ("t1", "2021-03-01", "Bình Phước phấn đấu đến năm 2025 kinh tế số chiếm 20% GRDP.", "target", 2025)
POVERTY = ("t2", "2021-03-01", "Tỉnh phấn đấu đến năm 2025 giảm tỷ lệ hộ nghèo xuống dưới 2%.", "target", 2025)
VISITORS = ("t3", "2024-01-05", "Năm 2024, tỉnh phấn đấu đón 5 triệu lượt khách du lịch.", "target", 2024)
BUDGET = ("t4", "2024-01-05", "Năm 2024, tỉnh phấn đấu tổng thu ngân sách đạt 12.000 tỷ đồng.", "target", 2024)
PCI = ("t5", "2021-03-01", "Tỉnh phấn đấu đến năm 2025 lọt vào top 10 về chỉ số PCI.", "target", 2025)


def _status(rows, as_of=None):
    records, articles = corpus(rows)
    tracks, _ = track(records, articles, as_of=as_of)
    target_ids = {r["id"] for r in records if r["type"] == "target"}
    (t,) = [t for t in tracks if t["target"]["id"] in target_ids]
    return t


@pytest.mark.parametrize("results, as_of, status", [
    # a result at the deadline reaches the share
    ([("r1", "2025-12-30", "Năm 2025, kinh tế số chiếm 21% GRDP của tỉnh.", "achievement", 2025)], None, "met"),
    # reached early: a share is a stock, reaching it before the deadline counts
    ([("r1", "2023-12-30", "Năm 2023, kinh tế số chiếm 20,5% GRDP của tỉnh.", "achievement", 2023)], None, "met"),
    # the deadline has passed (as of 2026) and the 2025 result falls short
    ([("r1", "2026-01-10", "Năm 2025, kinh tế số chiếm 17% GRDP của tỉnh.", "achievement", 2025)], None, "missed"),
    # the same result before the deadline has passed (as of a 2025 date): behind, not missed
    ([("r1", "2025-07-10", "Năm 2025, kinh tế số chiếm 17% GRDP của tỉnh.", "achievement", 2025)], None, "behind"),
    # against the straight line from the 2020 baseline (10%) to 20% in 2025: 16% expected by 2023
    ([("r0", "2020-12-30", "Năm 2020, kinh tế số chiếm 10% GRDP của tỉnh.", "achievement", 2020),
      ("r1", "2023-12-30", "Năm 2023, kinh tế số chiếm 13% GRDP của tỉnh.", "achievement", 2023)], None, "behind"),
    ([("r0", "2020-12-30", "Năm 2020, kinh tế số chiếm 10% GRDP của tỉnh.", "achievement", 2020),
      ("r1", "2023-12-30", "Năm 2023, kinh tế số chiếm 17% GRDP của tỉnh.", "achievement", 2023)], None, "on_track"),
    # --as-of decides, not the newest publication date
    ([("r1", "2025-07-10", "Năm 2025, kinh tế số chiếm 17% GRDP của tỉnh.", "achievement", 2025)], "2026-02-01",
     "missed"),
    ([], None, "no_evidence"),
])
def test_status_of_a_share(results, as_of, status):
    assert _status([DIGITAL] + results, as_of)["status"] == status


@pytest.mark.parametrize("target, results, status", [
    # lower is better: a poverty rate at or below the target is met, above it after the deadline missed
    (POVERTY, [("r1", "2026-01-10", "Năm 2025, tỷ lệ hộ nghèo của tỉnh còn 1,8%.", "achievement", 2025)], "met"),
    (POVERTY, [("r1", "2026-01-10", "Năm 2025, tỷ lệ hộ nghèo của tỉnh còn 2,6%.", "achievement", 2025)], "missed"),
    # a rank is better lower: 8th is inside the top 10
    (PCI, [("r1", "2024-05-01", "Năm 2023, chỉ số PCI của tỉnh xếp thứ 8 cả nước.", "achievement", 2023)], "met"),
    (PCI, [("r1", "2024-05-01", "Năm 2023, chỉ số PCI của tỉnh xếp thứ 25 cả nước.", "achievement", 2023)], "behind"),
    # a flow over half the year against half the year's goal (2.5 million)
    (VISITORS, [("r1", "2024-07-02", "6 tháng đầu năm 2024, tỉnh đón 2,7 triệu lượt khách du lịch.",
                 "achievement", 2024)], "on_track"),
    (VISITORS, [("r1", "2024-07-02", "6 tháng đầu năm 2024, tỉnh đón 1,9 triệu lượt khách du lịch.",
                 "achievement", 2024)], "behind"),
    # a running total of the deadline year that already reaches the goal
    (VISITORS, [("r1", "2024-10-02", "9 tháng đầu năm 2024, tỉnh đón 5,2 triệu lượt khách du lịch.",
                 "achievement", 2024)], "met"),
    # a flow: an earlier year's full result does not meet the deadline year's goal
    (VISITORS, [("r1", "2025-01-10", "Năm 2024, tỉnh đón 4,6 triệu lượt khách du lịch.", "achievement", 2024)],
     "missed"),
    # a share of the year's plan: 46% after six months is behind the line (50%), 104% at the end is met
    (BUDGET, [("r1", "2024-07-02", "Tổng thu ngân sách 6 tháng đầu năm 2024 đạt 46% dự toán.", "achievement",
               2024)], "behind"),
    (BUDGET, [("r1", "2025-01-10", "Tổng thu ngân sách năm 2024 đạt 104% dự toán.", "achievement", 2024)], "met"),
])
def test_direction_comparator_and_part_of_year(target, results, status):
    assert _status([target] + results)["status"] == status


def test_the_record_carries_what_a_person_needs_to_check_it():
    t = _status([DIGITAL, ("r0", "2020-12-30", "Năm 2020, kinh tế số chiếm 10% GRDP của tỉnh.", "achievement", 2020),
                 ("r1", "2023-12-30", "Năm 2023, kinh tế số chiếm 13% GRDP của tỉnh.", "achievement", 2023)])
    assert t["target"]["article_id"] == "t1" and t["target"]["value"] == 20 and t["target"]["deadline"] == 2025
    assert t["target"]["sentence"] == DIGITAL[2]
    assert [e["article_id"] for e in t["evidence"]] == ["r1"]          # 2020 is before the target: a baseline
    assert t["baseline"]["value"] == 10 and t["baseline"]["year"] == 2020 and t["baseline"]["article_id"] == "r0"
    assert t["evidence"][0]["period"] == {"year": 2023, "part": None, "months": 12, "source": "sentence"}
    assert t["evidence"][0]["published"] == "2023-12-30" and t["evidence"][0]["meets_target"] is False
    assert t["decided_by"] == t["evidence"][0]["id"]
    assert t["expected"] == pytest.approx(16)
    assert "13%" in t["reason"] and "16" in t["reason"] and "behind" in t["reason"]
    assert t["indicator"]["key"] == "digital_economy_share" and t["actor"]["name"] == "Bình Phước"
    assert t["as_of"] == {"date": "2023-12-30", "year": 2023, "source": "published"}
