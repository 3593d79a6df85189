"""PROVINCE finder: guide section 2.2 examples, exclusions, the 2025 merger and floors on the shared gold."""
import pytest

from entity_scoring import load_gold, score_label
from pipeline.entities.provinces import canonical_province, find_provinces, province_2025


def _spans(text):
    found = find_provinces(text)
    for e in found:
        assert text[e["start"]:e["end"]] == e["text"]
        assert e["label"] == "PROVINCE"
    assert [e["start"] for e in found] == sorted(e["start"] for e in found)
    return [(e["text"], e["value"]) for e in found]


@pytest.mark.parametrize("text, expected", [
    ("BR-VT đặt mục tiêu đến năm 2025.", [("BR-VT", "Bà Rịa - Vũng Tàu")]),
    ("Lãnh đạo BR- VT và tỉnh Bà Rịa- Vũng Tàu dự họp.", [("BR- VT", "Bà Rịa - Vũng Tàu"), ("Bà Rịa- Vũng Tàu", "Bà Rịa - Vũng Tàu")]),
    ("Tại TP.HCM, TP HCM, Tp. HCM và TP. Hồ Chí Minh.", [("TP.HCM", "Hồ Chí Minh"), ("TP HCM", "Hồ Chí Minh"),
                                                    ("Tp. HCM", "Hồ Chí Minh"), ("TP. Hồ Chí Minh", "Hồ Chí Minh")]),
    ("Đoàn công tác của thành phố Hồ Chí Minh.", [("Hồ Chí Minh", "Hồ Chí Minh")]),
    ("Tỉnh TT-Huế và tỉnh Thừa Thiên - Huế.", [("TT-Huế", "Thừa Thiên Huế"), ("Thừa Thiên - Huế", "Thừa Thiên Huế")]),
    ("Cà phê Đắk Lắk, Đăk Lăk hay Daklak.", [("Đắk Lắk", "Đắk Lắk"), ("Đăk Lăk", "Đắk Lắk"), ("Daklak", "Đắk Lắk")]),
    ("Tỉnh ủy Bến Tre họp tại thành phố Bến Tre.", [("Bến Tre", "Bến Tre")]),
    ("UBND tỉnh Bình Phước làm việc với thị xã Phước Long.", [("Bình Phước", "Bình Phước")]),
    ("Thủ đô Hà Nội và thành phố Hà Nội.", [("Hà Nội", "Hà Nội"), ("Hà Nội", "Hà Nội")]),
    ("Đội Sông Lam Nghệ An thắng.", [("Nghệ An", "Nghệ An")]),
    ("Tỉnh Khánh Hoà và tỉnh Hoà Bình.", [("Khánh Hoà", "Khánh Hòa"), ("Hoà Bình", "Hòa Bình")]),
    ("Nông thôn Lào Cai đổi mới; tỉnh Bạc liêu.", [("Lào Cai", "Lào Cai"), ("Bạc liêu", "Bạc Liêu")]),
    ("Các đô thị lớn như Hà Nội, Hồ Chí Minh, Đà Nẵng.", [("Hà Nội", "Hà Nội"), ("Hồ Chí Minh", "Hồ Chí Minh"),
                                                      ("Đà Nẵng", "Đà Nẵng")]),
    ("Hội nghị diễn ra tại Hồ Chí Minh.", [("Hồ Chí Minh", "Hồ Chí Minh")]),
])
def test_mentions_and_canonical_values(text, expected):
    assert _spans(text) == expected


@pytest.mark.parametrize("text", [
    "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh.",
    "Người học trò xuất sắc của Chủ tịch Hồ Chí Minh.",
    "Dự án mở rộng đường Hồ Chí Minh qua miền núi.",
    "Lễ hội tại thành phố Bến Tre và TP Nam Định.",
    "Đường Nguyễn Trãi trên địa bàn TP.Quảng Ngãi.",
    "Bà con xã Hòa Bình, huyện Long Hồ.",
    "Tàu ra khơi trên Thái Bình Dương.",
    "Vì hòa bình và hợp tác.",
    "chuyến đi hà nội hôm qua",
    "Chính vì vậy , Hồ Chí Minh đã sớm đặt ra vấn đề lập hiến .",
    "Người Việt Nam định cư ở nước ngoài.",
    "Kỷ niệm chiến thắng Điện Biên Phủ.",
])
def test_not_province(text):
    assert _spans(text) == []


@pytest.mark.parametrize("name, canonical, after_2025", [
    ("Bà Rịa - Vũng Tàu", "Bà Rịa - Vũng Tàu", "Hồ Chí Minh"),
    ("BR-VT", "Bà Rịa - Vũng Tàu", "Hồ Chí Minh"),
    ("tỉnh Bến Tre", "Bến Tre", "Vĩnh Long"),
    ("Vĩnh Phúc", "Vĩnh Phúc", "Phú Thọ"),
    ("Bình Phước", "Bình Phước", "Đồng Nai"),
    ("TP.HCM", "Hồ Chí Minh", "Hồ Chí Minh"),
    ("Thừa Thiên - Huế", "Thừa Thiên Huế", "Huế"),
    ("Hậu Giang", "Hậu Giang", "Cần Thơ"),
    ("thành phố Hà Nội", "Hà Nội", "Hà Nội"),
    ("Đăk Lăk", "Đắk Lắk", "Đắk Lắk"),
    ("Khánh Hoà", "Khánh Hòa", "Khánh Hòa"),
])
def test_canonical_and_merger(name, canonical, after_2025):
    assert canonical_province(name) == canonical
    assert province_2025(canonical) == after_2025


@pytest.mark.parametrize("name", [None, "", "Paris", "Phước Long", "Sa Pa"])
def test_unknown_names(name):
    assert canonical_province(name) is None
    assert province_2025(name) is None


def test_lists_come_from_the_package():
    """63 pre-2025 units map onto exactly the 34 units of the 2025 list."""
    from pipeline.entities.provinces import _gazetteer
    g = _gazetteer()
    old = {c for c in g.accented.values() if c != "Huế"}
    assert len(old) == 63
    assert len({g.to_2025[c] for c in old}) == 34
    assert g.central == {"Hà Nội", "Hồ Chí Minh", "Hải Phòng", "Đà Nẵng", "Cần Thơ"}


def test_offsets_map_back_through_normalisation():
    text = "Tỉnh  Bà Rịa\u00a0-  Vũng Tàu và Khánh Hoà."
    found = find_provinces(text)
    assert [e["text"] for e in found] == ["Bà Rịa\u00a0-  Vũng Tàu", "Khánh Hoà"]
    assert all(text[e["start"]:e["end"]] == e["text"] for e in found)


def test_floor_on_shared_gold(seeds_dir, dev_dir):
    rows = load_gold(seeds_dir) + load_gold(dev_dir)
    pairs = []
    for _, text, gold in rows:
        pred = find_provinces(text)
        assert all(text[e["start"]:e["end"]] == e["text"] for e in pred)
        pairs.append((gold, pred))
    s = score_label(pairs, "PROVINCE")
    assert s["f1"] >= 0.97, s
    assert s["value_acc"] >= 0.98, s


@pytest.mark.parametrize("text, published, expected", [
    ("Du khách đến Huế ngắm sông Hương.", None, []),
    ("Du khách đến Huế ngắm sông Hương.", "2017-05-01", []),
    ("Du khách đến Huế ngắm sông Hương.", "2025-09-01", [("Huế", "Huế")]),
    ("Thành phố Huế công bố quy hoạch mới.", "2026-01-10", [("Huế", "Huế")]),
    ("Quán bún Huế trên đường Huế đông khách.", "2025-09-01", []),
    ("Sài Gòn đông vui dịp lễ.", "2025-09-01", []),
])
def test_hue_and_saigon_by_publication_date(text, published, expected):
    """Guide S21: bare "Huế" is a PROVINCE only in news from 2025 on; "Sài Gòn" never is."""
    found = find_provinces(text, published)
    for e in found:
        assert text[e["start"]:e["end"]] == e["text"]
    assert [(e["text"], e["value"]) for e in found] == expected
