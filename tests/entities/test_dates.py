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
    ("Kỷ niệm ngày thành lập tỉnh (12/7/1907 - 12/7/2017).", [("12/7/1907 - 12/7/2017", "1907-07-12/2017-07-12", 2017)]),
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
    ("Từ tháng 2 đến quý III.", [("tháng 2 đến quý III", "2024-02/2024-Q3", 2024)]),
    ("Tháng 2 và quý III.", [("Tháng 2", "2024-02", 2024), ("quý III", "2024-Q3", 2024)]),
    ("Đến năm 2030 hoàn thành.", [("năm 2030", "2030", 2030)]),
])
def test_publication_date_supplies_years(text, expected):
    assert _found(text, published="2024-06-15") == expected


@pytest.mark.parametrize("text, expected", [
    # guide S13: house styles with dots and dashes, ranges of days as one period
    ("Ngày 22.4, huyện tổ chức lễ ra quân.", [("Ngày 22.4", "XXXX-04-22", None)]),
    ("Hội chợ diễn ra từ ngày 11 đến 13.4 tại quảng trường.", [("ngày 11 đến 13.4", "XXXX-04-11/XXXX-04-13", None)]),
    ("Đến tháng 12.2025, tuyến đường sẽ thông xe.", [("tháng 12.2025", "2025-12", 2025)]),
    ("Lớp tập huấn ngày 2-10.8 dành cho giáo viên.", [("ngày 2-10.8", "XXXX-08-02/XXXX-08-10", None)]),
    ("Nghỉ lễ từ 23.4 - 1.5 theo lịch mới.", [("23.4 - 1.5", "XXXX-04-23/XXXX-05-01", None)]),
    ("Văn bản ký ngày 22-4-2017 đã có hiệu lực.", [("ngày 22-4-2017", "2017-04-22", 2017)]),
    ("Chiều 3.6, đoàn công tác đến thăm trường.", [("3.6", "XXXX-06-03", None)]),
    ("Sáng nay (14.7), xã tổ chức họp dân.", [("14.7", "XXXX-07-14", None)]),
    ("Cuộc thi diễn ra vào thứ Bảy 5.6 vừa qua.", [("5.6", "XXXX-06-05", None)]),
    ("Các lớp học nghỉ ngày 30.4 và 1.5.", [("ngày 30.4", "XXXX-04-30", None), ("1.5", "XXXX-05-01", None)]),
    ("Đợt kiểm tra từ ngày 6-2 đến ngày 9-3 vừa kết thúc.", [("ngày 6-2 đến ngày 9-3", "XXXX-02-06/XXXX-03-09", None)]),
    ("Hội nghị các xã từ ngày 10 đến 31-3 năm nay.", [("ngày 10 đến 31-3", "XXXX-03-10/XXXX-03-31", None)]),
    ("Sự việc xảy ra từ sáng 24/3 đến đêm 25/3.", [("24/3 đến đêm 25/3", "XXXX-03-24/XXXX-03-25", None)]),
    ("Dịp nghỉ 30/4-1/5 có nhiều chuyến tàu.", [("30/4-1/5", "XXXX-04-30/XXXX-05-01", None)]),
    ("Tuyển sinh từ ngày 1/7 đến ngày 15/7/2017.", [("ngày 1/7 đến ngày 15/7/2017", "2017-07-01/2017-07-15", 2017)]),
    # guide S20: ranges and counts of months
    ("Giá tăng từ tháng 7/2017 đến tháng 10/2017.", [("tháng 7/2017 đến tháng 10/2017", "2017-07/2017-10", 2017)]),
    ("Từ tháng 11/2016 đến tháng 2/2017 mưa nhiều.", [("tháng 11/2016 đến tháng 2/2017", "2016-11/2017-02", 2017)]),
    ("Thu ngân sách 5 tháng đầu năm 2017 tăng.", [("5 tháng đầu năm 2017", "2017-01/2017-05", 2017)]),
    ("Kết quả bốn tháng cuối năm 2016 rất khả quan.", [("bốn tháng cuối năm 2016", "2016-09/2016-12", 2016)]),
    ("Tàu rời cảng hồi tháng Ba.", [("tháng Ba", "XXXX-03", None)]),
    ("Đoàn khảo sát hồi tháng một năm nay.", [("tháng một", "XXXX-01", None)]),
    ("Đề án thực hiện từ cuối năm 2016 đến năm 2019.", [("cuối năm 2016 đến năm 2019", "2016/2019", 2019)]),
    ("Kiểm tra từ quý III/2017 đến ngày 30/11/2017.", [("quý III/2017 đến ngày 30/11/2017", "2017-Q3/2017-11-30", 2017)]),
    ("Mùa khô kéo dài từ tháng 10 đến tháng 2 năm sau.", [("tháng 10 đến tháng 2", "XXXX-10/XXXX-02", None)]),
    ("Vua lên ngôi vào năm 1817 và mất ngày 5.10.1840.", [("năm 1817", "1817", 1817), ("ngày 5.10.1840", "1840-10-05", 1840)]),
    ("Kết quả nửa đầu năm nay rất khả quan.", [("nửa đầu năm nay", "XXXX-H1", None)]),
    ("Giải đấu năm ấy (Brunei - 1999) có 10 đội.", [("1999", "1999", 1999)]),
])
def test_house_styles_and_ranges(text, expected):
    assert _found(text) == expected


@pytest.mark.parametrize("text", [
    "Xe dùng động cơ 2.0 và màn hình 7.0 inch.",
    "Chỉ số tăng 10.67 điểm, tương đương 0.19%.",
    "Hệ điều hành iOS 10.3 có nhiều thay đổi.",
    "Buổi họp bắt đầu lúc 8.05 theo giờ địa phương.",
    "Căn phòng dài khoảng 2.5 mét.",
    "Tỷ lệ chiếm từ 2-4% tổng số.",
    "Đội khách thắng 3-2 và đá sơ đồ (3-5-2).",
    "Cần khoảng 10-15 ngày để hoàn thành.",
    "Ca khúc được yêu thích từ những năm 1990 và thập niên 1980.",
    "Chiều dài từ 1.5 đến 2.5 mét tùy loại.",
    "Mẫu xe Toyota Vios 2017 có giá mới.",
    "Giỗ cụ vào ngày 14.6 âm lịch hằng năm.",
    "Cách mạng Tháng Tám thành công.",
    "Khách sạn được xếp từ 1-5 sao.",
    "Em học lớp 12/1 của trường.",
])
def test_house_style_non_dates(text):
    assert _found(text) == []


def test_house_styles_take_the_publication_year():
    assert _found("Từ ngày 11 đến 13.4 và ngày 22.4.", published="2017-05-02") == [
        ("ngày 11 đến 13.4", "2017-04-11/2017-04-13", 2017), ("ngày 22.4", "2017-04-22", 2017)]
    assert _found("Tổng kết 9 tháng đầu năm nay.", published="2021-10-01") == [
        ("9 tháng đầu năm nay", "2021-01/2021-09", 2021)]


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
