import pytest

from pipeline.text.normalize import fold_key, normalize


@pytest.mark.parametrize("text, expected", [
    ("Tỉnh uỷ Bến Tre", "Tỉnh ủy Bến Tre"),
    ("UỶ BAN", "ỦY BAN"),
    ("hoà bình", "hòa bình"),
    ("Hoàng Thị Thúy Lan", "Hoàng Thị Thúy Lan"),   # closed syllable: tone stays
    ("quý III/2024", "quý III/2024"),               # qu + y: not the uy of thuỷ
    ("thuỷ  lợi\u00a0\tmới", "thủy lợi mới"),
    ("dòng 1\r\ndòng 2", "dòng 1\ndòng 2"),
    ("Kho\u0301a VII", "Khóa VII"),                 # decomposed accent composed (NFC)
    ("a\u200bb", "ab"),
])
def test_normalised_copy(text, expected):
    assert normalize(text).text == expected


@pytest.mark.parametrize("text", [
    "Tỉnh  uỷ\u00a0 hoà bình,\r\nquý vị thuỷ",
    "Kho\u0301a VII \u200b nhiệm kỳ   2020-2025",
    "",
    "   ",
    "\ufeffBOM đầu văn bản",
])
def test_every_normalised_word_maps_back_to_its_original(text):
    norm = normalize(text)
    for word in norm.text.split():
        i = norm.text.index(word)
        s, e = norm.to_original(i, i + len(word))
        assert normalize(text[s:e]).text == word


def test_fold_key_ignores_case_and_tone_placement():
    assert fold_key("UBND Tỉnh Uỷ") == fold_key("ubnd tỉnh ủy")
