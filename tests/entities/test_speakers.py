"""Speaker finder: who a sentence quotes, with the full name and the title kept."""
import pytest

from pipeline.entities.people import find_people
from pipeline.entities.speakers import find_speaker


def _speaker(text, sentence):
    start = text.index(sentence)
    sp = find_speaker(text, start, start + len(sentence), find_people(text))
    if sp is not None:
        assert start <= sp["start"] < sp["end"] <= start + len(sentence)
    return sp


@pytest.mark.parametrize("text, name, title", [
    ("Chủ tịch UBND tỉnh Nguyễn Văn Thọ cho biết, tỉnh sẽ đạt 100% vào năm 2025.",
     "Nguyễn Văn Thọ", "Chủ tịch UBND tỉnh"),
    ("“Phải hoàn thành trong năm 2025”, Bí thư Tỉnh ủy Phan Văn Mãi nhấn mạnh.",
     "Phan Văn Mãi", "Bí thư Tỉnh ủy"),
    ("Theo ông Lê Văn Hùng, năm nay tỉnh phấn đấu thu hút 20 dự án.", "Lê Văn Hùng", None),
    ("Theo Thứ trưởng Hà Công Tuấn, Bộ sẽ giảm 15% chi phí.", "Hà Công Tuấn", "Thứ trưởng"),
    ("Ông Trần Văn Bình, Giám đốc Sở Xây dựng, cho biết sẽ xây 500 căn nhà.",
     "Trần Văn Bình", "Giám đốc Sở Xây dựng"),
    ("Tổng cục trưởng Nguyễn Văn Tuấn: Năm 2017 ngành đón 13 triệu lượt khách.",
     "Nguyễn Văn Tuấn", "Tổng cục trưởng"),
    ("Phó Thủ tướng Vương Đình Huệ cũng khẳng định vai trò của vùng.", "Vương Đình Huệ", "Phó Thủ tướng"),
    ("Ông Lê Văn Tiến Chủ tịch UBND xã An Bình chia sẻ: “Xã đã về đích nông thôn mới”.",
     "Lê Văn Tiến", "Chủ tịch UBND xã An Bình"),
    ("Đó là ý kiến của ông Phan Văn Hiếu, Phó Viện trưởng Viện Kinh tế trong một buổi hội thảo.",
     "Phan Văn Hiếu", "Phó Viện trưởng Viện Kinh tế"),
])
def test_speaker_of_a_single_sentence(text, name, title):
    sp = _speaker(text, text)
    assert sp is not None
    assert (sp["name"], sp["title"]) == (name, title)
    assert text[sp["start"]:sp["end"]] in name


def test_short_mention_speaks_with_full_name_and_earlier_title():
    text = ("Chủ tịch UBND TP Nguyễn Đức Chung chủ trì hội nghị. "
            "Ông Chung khẳng định, năm 2017 là năm hoàn thành Chính phủ điện tử.")
    sp = _speaker(text, "Ông Chung khẳng định, năm 2017 là năm hoàn thành Chính phủ điện tử.")
    assert sp["name"] == "Nguyễn Đức Chung"
    assert sp["title"] == "Chủ tịch UBND TP"
    assert text[sp["start"]:sp["end"]] == "Chung"


@pytest.mark.parametrize("text", [
    "Tỉnh phấn đấu đến năm 2025 kinh tế số chiếm 20% GRDP.",
    "Ông Nguyễn Văn Bình đã ký quyết định thành lập ban chỉ đạo.",
    "Người dân hài lòng với dịch vụ. Theo Minh Hiển/Baochinhphu.vn",
    "Toàn cảnh hội nghị. Ảnh: Dương Hà",
])
def test_no_speaker(text):
    assert find_speaker(text, 0, len(text), find_people(text)) is None


def test_person_outside_the_sentence_is_not_its_speaker():
    text = "Ông Lê Văn Hùng cho biết như vậy. Tỉnh sẽ đạt 90% vào năm 2025."
    assert _speaker(text, "Tỉnh sẽ đạt 90% vào năm 2025.") is None
