"""pipeline.extraction.indicators: what a metric measures, as a key equal across paraphrases."""
import pytest

from pipeline.extraction.indicators import indicator
from pipeline.extraction.metrics import find_metrics


def _key(sentence, which=0):
    metrics = find_metrics(sentence)
    return indicator(sentence, 0, len(sentence), metrics[which])


@pytest.mark.parametrize("sentence, which, key", [
    ("Tỉnh phấn đấu đến năm 2025 kinh tế số chiếm 20% GRDP trên địa bàn tỉnh.", 0, "tỷ trọng kinh tế số trong grdp"),
    ("Hà Nội phấn đấu tỷ lệ hồ sơ đăng ký qua mạng đối với dịch vụ công đạt trên 60%.", 0,
     "tỷ lệ hồ sơ đăng ký qua mạng"),
    ("Đến nay tỉnh có 1.123 dịch vụ công trực tuyến mức độ 4 được kết nối.", 0, "dịch vụ công trực tuyến mức độ 4"),
    ("Tỉnh phấn đấu thuộc top 15 tỉnh dẫn đầu cả nước về mức độ chuyển đổi số.", 0, "xếp hạng mức độ chuyển đổi số"),
    ("Tổng thu ngân sách trên địa bàn đạt 3.048 tỷ đồng.", 0, "thu ngân sách"),
])
def test_indicator(sentence, which, key):
    assert _key(sentence, which) == key


@pytest.mark.parametrize("first, second", [
    ("Bình Phước phấn đấu đến năm 2025, kinh tế số chiếm 20% GRDP.",
     "Đến năm 2030, tỷ trọng kinh tế số trong GRDP của Bến Tre đạt 30%."),
    ("Tỉ lệ hộ nghèo tỉnh Bến Tre giảm còn 2%.", "Tỷ lệ hộ nghèo của Lào Cai đạt 3%."),
    ("Công bố 100% DVC trực tuyến mức độ 4 của tỉnh.", "Tỉnh có 1.123 dịch vụ công trực tuyến mức độ 4 được kết nối."),
    ("Cung cấp dịch vụ công trực tuyến mức 3 cho người dân.", "Cung cấp các dịch vụ công trực tuyến cấp độ 3."),
])
def test_paraphrases_share_a_key(first, second):
    a, b = _key(first), _key(second)
    assert a and a == b


def test_key_is_short_and_has_no_year_or_amount():
    s = "Năm 2017, tỉnh phấn đấu đạt tỷ lệ 100% hồ sơ được giải quyết đúng hạn trong các sở, ngành của tỉnh."
    key = _key(s)
    assert key == "tỷ lệ hồ sơ"
    assert "2017" not in key and "100" not in key


def test_without_a_metric_names_the_first_value():
    s = "Doanh thu du lịch ước đạt hơn 900 tỷ đồng."
    assert indicator(s, 0, len(s)) == "doanh thu du lịch"
    assert indicator("Tỉnh tổ chức hội nghị.", 0, 22) is None
