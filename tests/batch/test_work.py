"""The worker layer: how an input item becomes the article dict the extractor sees and the fields the
article record says about it (text, encoding, published, warnings)."""
import io
import unicodedata
import zipfile

import pytest

from pipeline.batch.work import process_item, read_article
from pipeline.io.readers import new_item

P1 = "Tỉnh ủy Bình Phước đặt mục tiêu đến năm 2025, kinh tế số chiếm 20% GRDP trên địa bàn tỉnh."
P2 = "Đến nay, tỉnh có 1.123 dịch vụ công trực tuyến mức độ 4, đạt 100% theo yêu cầu."
PAGE = (f"<!DOCTYPE html><html><head><title>Chuyển đổi số</title>"
        f"<meta property='article:published_time' content='2021-06-26T08:30:00+07:00'>"
        f"<script>var s = 'Tỉnh phấn đấu đạt 99% năm 2030';</script><style>p {{ color: red }}</style></head>"
        f"<body><article><p>{P1}</p><p>{P2}</p></article></body></html>")


class Recorder:
    """An extractor stand-in that records the article it is given and returns an ok record."""

    def __init__(self):
        self.seen = []

    def process(self, article):
        self.seen.append(dict(article))
        return ({"schema": "camket.article/1", "article_id": article["article_id"], "status": "ok",
                 "entities": [], "n_commitments": 0}, [])


def run(item, max_chars=100_000):
    rec = Recorder()
    record, _ = process_item({"extractor": rec, "max_chars": max_chars}, item)
    return record, (rec.seen[0] if rec.seen else None)


def _item(**kw):
    item = new_item(kw.pop("article_id", "a"), "a.txt")
    item.update(kw)
    return item


def test_an_html_page_gives_its_main_text_title_and_date():
    record, article = run(_item(data=PAGE.encode("utf-8")))
    assert record["status"] == "ok"
    assert article["text"] == record["text"] and P1 in article["text"] and P2 in article["text"]
    assert "99%" not in article["text"] and "color" not in article["text"]
    assert article["title"] == record["title"] == "Chuyển đổi số"
    assert article["published"] == record["published"] == "2021-06-26"
    assert record["encoding"] == "utf-8"


def test_html_in_a_field_is_extracted_in_auto_and_html_modes_kept_in_text_mode():
    fragment = f"<p>{P1}</p><p>{P2}</p>"
    for markup in ("auto", "html"):
        record, article = run(_item(text=fragment, markup=markup, encoding="utf-8"))
        assert article["text"] == f"{P1}\n{P2}" == record["text"]
    record, article = run(_item(text=fragment, markup="text", encoding="utf-8"))
    assert article["text"] == fragment and "text" not in record  # offsets index the field as given


def test_a_page_without_text_is_the_html_kind():
    record, article = run(_item(data=b"<html><head><script>alert(1)</script></head><body></body></html>"))
    assert article is None and record["error"]["kind"] == "html"


def test_published_from_the_field_wins_over_the_page_and_a_bad_one_warns():
    record, article = run(_item(data=PAGE.encode("utf-8"), published="01/05/2024"))
    assert article["published"] == record["published"] == "2024-05-01"
    record, article = run(_item(data=PAGE.encode("utf-8"), published="31/02/2024"))
    assert article["published"] == "2021-06-26"  # the page's own date, the bad field ignored
    assert "'31/02/2024'" in record["warnings"][0]
    record, article = run(_item(text=P1, published="hôm qua", encoding="utf-8"))
    assert article["published"] is None and record["published"] is None and record["warnings"]


def test_plain_utf8_records_say_the_encoding_and_store_no_text():
    record, article = run(_item(data=P1.encode("utf-8")))
    assert article["text"] == P1 and record["encoding"] == "utf-8" and "text" not in record
    assert record["published"] is None and "warnings" not in record


def test_windows_1258_is_recomposed_and_stored():
    tones = "\u0300\u0301\u0303\u0309\u0323"
    decomposed = "".join(unicodedata.normalize("NFC", "".join(c for c in unicodedata.normalize("NFD", ch)
                                                                  if c not in tones))
                         + "".join(c for c in unicodedata.normalize("NFD", ch) if c in tones) for ch in P1 + " " + P2)
    data = decomposed.encode("cp1258")
    record, article = run(_item(data=data, decode_as="cp1258"))
    assert article["text"] == f"{P1} {P2}" == record["text"] and record["encoding"] == "cp1258"


def test_utf16_is_decoded_and_the_encoding_recorded():
    data = (P1 + "\n" + P2).encode("utf-16")
    record, article = run(_item(data=data))
    assert record["encoding"] == "utf-16" and data.decode(record["encoding"]) == article["text"]
    assert "text" not in record


def test_word_and_pdf_inputs_get_their_kind():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("word/document.xml", "<w:document/>")
    assert run(_item(data=buf.getvalue()))[0]["error"]["kind"] == "word_document"
    assert run(_item(data=b"%PDF-1.5\n"))[0]["error"]["kind"] == "pdf"


def test_an_oversized_page_is_too_large_before_extraction():
    record, article = run(_item(data=(PAGE * 50).encode("utf-8")), max_chars=1000)
    assert article is None and record["error"]["kind"] == "too_large"


@pytest.mark.parametrize("error", [["bad_record", "line 3 is not a JSON object"]])
def test_a_reading_error_passes_through(error):
    article, problem = read_article(_item(error=error))
    assert article is None and list(problem) == error
