"""Bad-input checks: each kind of unusable input is recognised, good Vietnamese passes."""
import unicodedata

import pytest

from pipeline.io.validate import check_bytes, check_text, decode, guess_encoding

GOOD = "UBND tỉnh Bình Phước đặt mục tiêu đến năm 2025 kinh tế số chiếm 20% GRDP."
TONES = "\u0300\u0301\u0303\u0309\u0323"


def to_cp1258(text):
    """Vietnamese in Windows-1258: base letters precomposed where the code page has them, tones combining."""
    out = []
    for ch in text:
        try:
            ch.encode("cp1258")
            out.append(ch)
        except UnicodeEncodeError:
            d = unicodedata.normalize("NFD", ch)
            out.append(unicodedata.normalize("NFC", "".join(c for c in d if c not in TONES))
                       + "".join(c for c in d if c in TONES))
    return "".join(out).encode("cp1258")


@pytest.mark.parametrize("data, kind", [
    (b"", "empty"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary"),
    (bytes(range(0, 32)) * 10, "binary"),
    (b"%PDF-1.4\n", "pdf"),
    (b"{\\rtf1\\ansi Tinh", "word_document"),
])
def test_check_bytes_kinds(data, kind):
    problem = check_bytes(data)
    assert problem is not None and problem[0] == kind


def test_windows_1258_is_named_in_the_undecodable_message():
    from pipeline.io.decode import decode_bytes
    data = to_cp1258("Ôn luyện")  # too short to decode without --encoding
    assert check_bytes(data) is None  # not binary: decoding tells what it is
    kind, message = decode_bytes(data).problem
    assert kind == "undecodable"
    assert "not UTF-8" in message and "Windows-1258" in message
    assert guess_encoding(to_cp1258(GOOD)) == "Windows-1258"


@pytest.mark.parametrize("data", [GOOD.encode("utf-8"), b"\xef\xbb\xbf" + GOOD.encode("utf-8")])
def test_good_utf8_passes_and_decodes(data):
    assert check_bytes(data) is None
    assert decode(data) == GOOD


@pytest.mark.parametrize("text, kind", [
    ("", "empty"),
    ("   \n\t  \n", "blank"),
    ("<!DOCTYPE html><html><head><title>Tin</title></head><body><p>" + GOOD + "</p></body></html>", "html"),
    ("<div><p>a</p><p>b</p><p>c</p><p>d</p><p>e</p><span>" + GOOD + "</span></div>", "html"),
    ("The province aims to grow its digital economy to 20 percent of GRDP by 2025.", "not_vietnamese"),
    ("江苏省计划到2025年数字经济占比达到20%。", "not_vietnamese"),
    ("2025 - 20% - 2030", "not_vietnamese"),
    (GOOD * 10, "too_large"),
])
def test_check_text_kinds(text, kind):
    problem = check_text(text, max_chars=500)
    assert problem is not None and problem[0] == kind, problem
    assert problem[1]  # a human message


@pytest.mark.parametrize("text", [
    GOOD,
    "Năm 2023, tỉnh Quảng Ninh đạt tốc độ tăng trưởng 11,03%, đứng thứ 5 cả nước.",
    # English words and markup-like text inside a Vietnamese article are fine
    "Theo báo cáo của World Bank, GDP Việt Nam năm 2024 tăng 7,09% <so với> năm trước.",
])
def test_vietnamese_text_passes(text):
    assert check_text(text) is None
