"""DATE finder: guide section 2.3 forms and values, non-dates, publication years and floors on the shared gold."""
import pytest

from entity_scoring import load_gold, score_label
from pipeline.entities.dates import find_dates


def _found(text, published=None):
    found = find_dates(text, published)
    for e in found:
        assert text[e["start"]:e["end"]] == e["text"]
        assert e["label"] == "DATE"
    assert [e["start"] for e in found] == sorted(e["start"] for e in found)
    return [(e["text"], e["value"], e["year"]) for e in found]


@pytest.mark.parametrize("text, expected", [
    ("Sáng 26/5, hội nghị khai mạc.", [("26/5", "XXXX-05-26", None)]),
    ("Hội nghị diễn ra ngày 17/4 tại tỉnh.", [("ngày 17/4", "XXXX-04-17", None)]),
    ("Đến ngày 31/10/2020, tỉnh đã hoàn thành.", [("ngày 31/10/2020", "2020-10-31", 2020)]),
    ("Mục tiêu trong năm 2024 là 20%.", [("năm 2024", "2024", 2024)]),
    ("Để cuối năm 2021 sẽ tiếp nhận hồ sơ.", [("cuối năm 2021", "2021", 2021)]),
    ("Kế hoạch 2020-2025 được ban hành.", [("2020-2025", "2020/2025", 2025)]),
    ("Đề án giai đoạn 2021-2025 và giai đoạn 2016 - 2020.", [("giai đoạn 2021-2025", "2021/2025", 2025),
                                                          ("giai đoạn 2016 - 2020", "2016/2020", 2020)]),
    ("Doanh thu quý III/2024 tăng.", [("quý III/2024", "2024-Q3", 2024)]),
    ("Số liệu quý 4 năm 2018 và quý I/2017.", [("quý 4 năm 2018", "2018-Q4", 2018), ("quý I/2017", "2017-Q1", 2017)]),
    ("Từ tháng 6 năm 2025 và tháng 2/2017.", [("tháng 6 năm 2025", "2025-06", 2025), ("tháng 2/2017", "2017-02", 2017)]),
    ("Kết quả 6 tháng đầu năm 2017 khả quan.", [("6 tháng đầu năm 2017", "2017-H1", 2017)]),
    ("Nhiệm vụ sáu tháng cuối năm và nửa đầu năm 2016.", [("sáu tháng cuối năm", "XXXX-H2", None),
                                                       ("nửa đầu năm 2016", "2016-H1", 2016)]),
    ("Kết quả 3 tháng đầu năm rất tốt.", [("3 tháng đầu năm", "XXXX-Q1", None)]),
    ("Ký ngày 6.2.2017 và ngày 22-4-2017.", [("ngày 6.2.2017", "2017-02-06", 2017), ("ngày 22-4-2017", "2017-04-22", 2017)]),
    ("Khoảng 18h ngày 23-4, nhóm này rời đi.", [("ngày 23-4", "XXXX-04-23", None)]),
    ("Diễn ra ngày15 - 16/5/2021 tại Hà Nội.", [("ngày15 - 16/5/2021", "2021-05-15/2021-05-16", 2021)]),
    ("Trong hai ngày 10-11/02 và 11 và 12/7.", [("ngày 10-11/02", "XXXX-02-10/XXXX-02-11", None),
                                               ("11 và 12/7", "XXXX-07-11/XXXX-07-12", None)]),
    ("Lễ hội ngày 11 tháng Giêng hằng năm.", [("ngày 11 tháng Giêng", "XXXX-01-11", None)]),
    ("Hoàn thành vào cuối tháng 3/2020.", [("cuối tháng 3/2020", "2020-03", 2020)]),
    ("Kế hoạch vốn 2016 đến 2030 đã giải ngân.", [("2016", "2016", 2016), ("2030", "2030", 2030)]),
    ("Năm học 2016 - 2017 và năm 2020- 2025.", [("2016 - 2017", "2016/2017", 2017),
                                                ("năm 2020- 2025", "2020/2025", 2025)]),
    ("Từ tháng 8 năm ngoái.", [("tháng 8", "XXXX-08", None)]),
    ("Kỷ niệm ngày thành lập tỉnh (12/7/1907 - 12/7/2017).", [("12/7/1907", "1907-07-12", 1907),
                                                             ("12/7/2017", "2017-07-12", 2017)]),
    # word-tokenised text, as in VLSP corpora: slashes spaced out
    ("Quyết định số 37 / 2008 / QĐ - TTg ngày 12 / 3 / 2008 của Thủ tướng .",
     [("ngày 12 / 3 / 2008", "2008-03-12", 2008)]),
    ("Tính đến hết tháng 3 / 2008 đã có 62 / 64 Sở Tư pháp .", [("tháng 3 / 2008", "2008-03", 2008)]),
    ("Hiến pháp 1946 , 1959 , 1980 và Hiến pháp 1992 .", [("1946", "1946", 1946), ("1959", "1959", 1959),
                                                        ("1980", "1980", 1980), ("1992", "1992", 1992)]),
])
def test_forms_and_values(text, expected):
    assert _found(text) == expected


@pytest.mark.parametrize("text", [
    "Thực hiện Nghị quyết 02-NQ/TU của Tỉnh ủy.",
    "Đại hội lần thứ XIII của Đảng.",
    "Tỉnh có 1.123 dịch vụ công, đạt 20,5%.",
    "Đã có 82/97 xã đạt chuẩn nông thôn mới.",
    "Khoảng 3/4 số xã đã hoàn thành.",
    "Gọi tổng đài 1900 1234 hoặc số 1022.",
    "Theo Nghị quyết số 05/2017/NQ-HĐND và Thông tư 01/2017/TT-BTTTT.",
    "Căn cứ Nghị định 13/2023 của Chính phủ.",
    "Hỗ trợ không quá 1/3 kinh phí.",
    "Tổng đài phục vụ 24/7.",
    "Đội nhà thua với tỷ số 0-4.",
    "Trong 6 tháng qua, có 2020 người tham gia.",
    "Chỉ thị số 02 / 1998 / CT - TTg và Nghị quyết số 388 / 2003 của Ủy ban .",
    "1 . 1 . Quyền được thông tin ; 3.1 . Xác định khuôn khổ .",
    "Chiếm 1/2 diện tích đất; xếp thứ 5/12 cả nước.",
])
def test_not_dates(text):
    assert _found(text) == []


@pytest.mark.parametrize("text, expected", [
    ("Ngày 26/5, tỉnh khai mạc.", [("Ngày 26/5", "2024-05-26", 2024)]),
    ("Năm nay tăng so với năm ngoái.", [("Năm nay", "2024", 2024), ("năm ngoái", "2023", 2023)]),
    ("Đến cuối năm nay hoàn thành.", [("cuối năm nay", "2024", 2024)]),
    ("Kết quả 6 tháng đầu năm nay.", [("6 tháng đầu năm nay", "2024-H1", 2024)]),
    ("Từ tháng 2 đến quý III.", [("tháng 2", "2024-02", 2024), ("quý III", "2024-Q3", 2024)]),
    ("Đến năm 2030 hoàn thành.", [("năm 2030", "2030", 2030)]),
])
def test_publication_date_supplies_years(text, expected):
    assert _found(text, published="2024-06-15") == expected


def test_relative_years_need_publication_date():
    assert _found("Năm nay tăng so với năm ngoái.") == []


def test_offsets_in_original_text():
    text = "Tỉnh  uỷ ban hành\u00a0ngày  31/10/2020 và quý  IV/2020."
    assert [v for _, v, _ in _found(text)] == ["2020-10-31", "2020-Q4"]


def test_floor_on_shared_gold(seeds_dir, dev_dir):
    rows = load_gold(seeds_dir) + load_gold(dev_dir)
    pairs = [(gold, find_dates(text)) for _, text, gold in rows]
    s = score_label(pairs, "DATE")
    assert s["f1"] >= 0.93, s
    assert s["value_acc"] >= 0.9, s
