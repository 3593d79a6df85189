"""HTML inputs: the main text of a page (scripts and styles never reach it), its title and its date."""
import pytest

from pipeline.io.html import extract_html, looks_like_html

P1 = "Tỉnh ủy Bình Phước đặt mục tiêu đến năm 2025, kinh tế số chiếm 20% GRDP trên địa bàn tỉnh."
P2 = "Đến nay, tỉnh có 1.123 dịch vụ công trực tuyến mức độ 4, đạt 100% theo yêu cầu."
SCRIPT = "Tỉnh phấn đấu đạt 99% dịch vụ công năm 2030"

PAGE = f"""<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8">
<title>Bình Phước: chuyển đổi số - Báo Tỉnh</title>
<meta property="og:title" content="Bình Phước đặt mục tiêu kinh tế số chiếm 20% GRDP">
<meta property="article:published_time" content="2021-06-26T08:30:00+07:00">
<script>var claim = "{SCRIPT}";</script><style>.lead {{ color: red }}</style></head>
<body><nav><a href="/">Trang chủ</a> | <a href="/kt">Kinh tế</a></nav>
<article><h1>Bình Phước đặt mục tiêu kinh tế số chiếm 20% GRDP</h1>
<p class="lead">{P1}</p><script>document.write("{SCRIPT}")</script>
<p>{P2}</p></article>
<footer>© Báo Tỉnh. Liên hệ quảng cáo.</footer></body></html>"""


def test_a_news_page_gives_its_main_text_title_and_date():
    page = extract_html(PAGE)
    assert P1 in page.text and P2 in page.text
    assert SCRIPT not in page.text and "color" not in page.text and "<" not in page.text
    assert page.title == "Bình Phước đặt mục tiêu kinh tế số chiếm 20% GRDP"
    assert page.published == "2021-06-26"


def test_a_fragment_gives_its_paragraphs():
    page = extract_html(f"<p>{P1}</p>\n<p>{P2}</p>")
    assert page.text.split("\n") == [P1, P2]
    assert page.title is None and page.published is None


def test_the_date_comes_from_metadata_never_from_the_text():
    page = extract_html(f"<html><head><title>Tin</title></head><body><p>{P1}</p><p>{P2}</p></body></html>")
    assert page.published is None  # "năm 2025" in the text is no publication date


@pytest.mark.parametrize("html", [
    "<html><head><script>alert(1)</script><style>p{}</style></head><body></body></html>",
    "<html><body><img src='x.png'></body></html>",
])
def test_a_page_without_text_gives_none(html):
    assert extract_html(html) is None


@pytest.mark.parametrize("text, html", [
    (PAGE, True),
    (f"<p>{P1}</p><p>{P2}</p>", True),
    (f"  <div class='content'>{P1}<br>{P2}</div>", True),
    ("<?xml version='1.0'?><html><body><p>x</p></body></html>", True),
    (P1, False),
    (f"Theo báo cáo của World Bank, GDP năm 2024 tăng 7,09% <so với> năm trước. {P1}", False),
    ("Tỉ lệ a < b và c > d trong năm 2025.", False),
    (f"<b>{P1}</b>", True),
])
def test_html_is_recognised(text, html):
    assert looks_like_html(text) is html
