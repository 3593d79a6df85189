"""ORG finder: government and party bodies, ministries, departments and companies, with their province."""
import pytest

from pipeline.entities.orgs import find_orgs


def _found(text):
    found = find_orgs(text)
    for e in found:
        assert text[e["start"]:e["end"]] == e["text"] == e["value"]
        assert e["label"] == "ORG"
    assert [e["start"] for e in found] == sorted(e["start"] for e in found)
    return [(e["text"], e["province"]) for e in found]


@pytest.mark.parametrize("text, expected", [
    ("UBND tỉnh Bình Phước vừa ban hành kế hoạch.", [("UBND tỉnh Bình Phước", "Bình Phước")]),
    ("Tỉnh ủy Bến Tre chỉ đạo các sở.", [("Tỉnh ủy Bến Tre", "Bến Tre")]),
    ("Tỉnh uỷ Bến Tre chỉ đạo các sở.", [("Tỉnh uỷ Bến Tre", "Bến Tre")]),
    ("HĐND tỉnh thông qua nghị quyết.", [("HĐND tỉnh", None)]),
    ("Ban Chấp hành Đảng bộ tỉnh Vĩnh Phúc họp.", [("Ban Chấp hành Đảng bộ tỉnh Vĩnh Phúc", "Vĩnh Phúc")]),
    ("Bộ Thông tin và Truyền thông và Bộ TTTT.", [("Bộ Thông tin và Truyền thông", None), ("Bộ TTTT", None)]),
    ("Sở TT&TT tỉnh Bà Rịa - Vũng Tàu cho biết.", [("Sở TT&TT tỉnh Bà Rịa - Vũng Tàu", "Bà Rịa - Vũng Tàu")]),
    ("Sở Y tế TP.HCM khuyến cáo.", [("Sở Y tế TP.HCM", "Hồ Chí Minh")]),
    ("Ủy ban nhân dân thành phố Hà Nội quyết định.", [("Ủy ban nhân dân thành phố Hà Nội", "Hà Nội")]),
    ("Công an tỉnh Lâm Đồng điều tra.", [("Công an tỉnh Lâm Đồng", "Lâm Đồng")]),
    ("Chính phủ giao Tập đoàn Viettel triển khai.", [("Chính phủ", None), ("Tập đoàn Viettel", None)]),
    ("Tập đoàn Dầu khí Việt Nam đã vượt kế hoạch.", [("Tập đoàn Dầu khí Việt Nam", None)]),
    ("Ban Chỉ đạo chuyển đổi số tỉnh Bến Tre họp.", [("Ban Chỉ đạo chuyển đổi số tỉnh Bến Tre", "Bến Tre")]),
    ("Cục Thuế TP. HCM thu vượt dự toán.", [("Cục Thuế TP. HCM", "Hồ Chí Minh")]),
])
def test_orgs_and_their_province(text, expected):
    assert _found(text) == expected


@pytest.mark.parametrize("text", [
    "Thủ tướng Chính phủ yêu cầu đẩy nhanh tiến độ.",
    "Công an cho biết vụ việc đang được điều tra.",
    "Tập đoàn cho biết sẽ đầu tư thêm.",
    "chính phủ điện tử là nền tảng.",
])
def test_not_orgs(text):
    assert _found(text) == []
