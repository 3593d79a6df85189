import pytest

from pipeline.extraction.clauses import clause_spans, clause_type, current_value_split, deadline_dates, in_plan_name


def _date(text, written, year, value=None):
    s = text.index(written)
    return {"label": "DATE", "text": written, "start": s, "end": s + len(written), "year": year,
            "value": value or str(year)}


@pytest.mark.parametrize("text, written, year, is_deadline", [
    ("Tỉnh phấn đấu đến năm 2025 có 80% xã đạt chuẩn.", "năm 2025", 2025, True),
    ("Trước năm 2030, thành phố hoàn thành chuyển đổi số.", "năm 2030", 2030, True),
    ("Giai đoạn 2021-2025, tỉnh thu hút 100 dự án.", "Giai đoạn 2021-2025", 2025, True),
    ("Ngày 26/5/2024, tại Trung tâm Hội nghị tỉnh, Sở tổ chức hội nghị.", "26/5/2024", 2024, False),
    ("Đề án chuyển đổi số giai đoạn 2021-2025, tầm nhìn đến năm 2030 gồm 6 nhóm giải pháp.", "năm 2030", 2030, False),
])
def test_deadline_dates(text, written, year, is_deadline):
    value = "2021/2025" if "-" in written else None
    d = _date(text, written, year, value)
    assert text[d["start"]:d["end"]] == written
    assert (deadline_dates(text, 0, [d]) == [d]) is is_deadline


def test_plan_name_date_broken_by_a_goal_word():
    text = "Kế hoạch của tỉnh đặt mục tiêu đến năm 2025 có 100 doanh nghiệp số."
    assert not in_plan_name(text, 0, _date(text, "năm 2025", 2025))
    text = "Quy hoạch tỉnh thời kỳ đến năm 2030 được công bố."
    assert in_plan_name(text, 0, _date(text, "năm 2030", 2030))


def test_two_deadlines_make_two_clauses():
    text = "Đến năm 2025, tỉnh đạt top 15 về chuyển đổi số; đến năm 2030, tỉnh thuộc nhóm 10 tỉnh dẫn đầu."
    dates = [_date(text, "năm 2025", 2025), _date(text, "năm 2030", 2030)]
    spans = clause_spans(text, 0, len(text), dates)
    assert len(spans) == 2
    assert spans[0][0] == 0 and spans[-1][1] == len(text)
    assert spans[0][1] == spans[1][0]
    assert "2025" in text[slice(*spans[0])] and "2030" in text[slice(*spans[1])]
    assert "2030" not in text[slice(*spans[0])]


@pytest.mark.parametrize("text, years", [
    ("Tỉnh phấn đấu đến năm 2025 có 80% xã đạt chuẩn.", [2025]),
    ("Năm 2020 tỉnh có 50 xã, đến năm 2025 phấn đấu có 80 xã đạt chuẩn.", [2020, 2025]),
])
def test_one_deadline_keeps_the_sentence_whole(text, years):
    dates = [_date(text, f"năm {y}" if f"năm {y}" in text else f"Năm {y}", y) for y in years]
    assert len(deadline_dates(text, 0, dates)) == 1
    assert clause_spans(text, 0, len(text), dates) == [(0, len(text))]


@pytest.mark.parametrize("clause, default, expected", [
    ("tỉnh phấn đấu đạt mục tiêu 100 xã", "achievement", "target"),
    ("đến nay tỉnh đã hoàn thành 12 chỉ tiêu", "target", "achievement"),
    ("tỉnh có 100 xã", "target", "target"),
])
def test_clause_type(clause, default, expected):
    assert clause_type(clause, 0, len(clause), default) == expected


@pytest.mark.parametrize("clause, years, reference, default, expected", [
    # cues alone do not settle these clauses; the deadline against the article's year does
    ("Bộ Xây dựng đã tổng kết là đến năm 2012 hỗ trợ 531.000 hộ có nhà ở", [2012], 2013, "target", "achievement"),
    ("Bộ Xây dựng đã tổng kết là đến năm 2012 hỗ trợ 531.000 hộ có nhà ở", [2012], None, "target", "target"),
    ("tiếp tục hỗ trợ 500.000 hộ làm nhà ở", [2015], 2013, "achievement", "target"),
    ("tiếp tục hỗ trợ 500.000 hộ làm nhà ở", [2015], None, "achievement", "achievement"),
])
def test_clause_type_uses_the_deadline_against_the_reference_year(clause, years, reference, default, expected):
    assert clause_type(clause, 0, len(clause), default, years, reference) == expected


def _metric(text, written):
    s = text.index(written)
    return {"value": 1, "unit": "percent", "start": s, "end": s + len(written)}


@pytest.mark.parametrize("text, current, others", [
    ("Với mức tăng trưởng 25% như hiện nay, ngành phấn đấu đón 9 triệu lượt khách trong năm.",
     ["25%"], ["9 triệu lượt khách"]),
    ("Với đà tăng trưởng hơn 20% như sáu tháng đầu năm, cả năm tỉnh có thể thu 2.000 tỷ đồng.",
     ["20%"], ["2.000 tỷ đồng"]),
])
def test_a_present_value_and_a_goal_make_two_clauses(text, current, others):
    metrics = [_metric(text, w) for w in current + others]
    parts = current_value_split(text, 0, len(text), metrics)
    assert [k for _, _, k in parts] == ["achievement", "target"]
    (a0, a1, _), (t0, t1, _) = parts
    assert a0 == 0 and a1 == t0 and t1 == len(text)
    assert all(w in text[a0:a1] for w in current) and all(w in text[t0:t1] for w in others)
    assert not any(w in text[a0:a1] for w in others)


@pytest.mark.parametrize("text, words", [
    # a baseline ("thay vì ... như hiện nay") is not a result (guide S3)
    ("Thời gian miễn thị thực cần tăng lên 45 ngày thay vì 15 ngày như hiện nay.", ["45 ngày", "15 ngày"]),
    # no present-state value
    ("Tỉnh phấn đấu đón 9 triệu lượt khách, tăng 25% so với năm trước.", ["9 triệu lượt khách", "25%"]),
    # only present-state values: one achievement, nothing to split
    ("Lượt khách tăng 30% như hiện nay.", ["30%"]),
])
def test_no_present_value_split(text, words):
    assert current_value_split(text, 0, len(text), [_metric(text, w) for w in words]) == []
