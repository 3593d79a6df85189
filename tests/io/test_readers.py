"""Readers: ids, field names, formats and the order of inputs."""
import io
import json

import pandas as pd
import pytest

from pipeline.errors import CamketError
from pipeline.io.readers import DEFAULT_FIELDS, Fields, iter_items, iter_sources

TEXT = "Tỉnh Đồng Nai phấn đấu giảm tỷ lệ hộ nghèo xuống dưới 1% vào cuối năm 2025."


def test_folder_is_walked_recursively_for_txt_in_sorted_order(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "z.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "c.md").write_text(TEXT, encoding="utf-8")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "h.txt").write_text(TEXT, encoding="utf-8")
    items = list(iter_items([str(tmp_path)]))
    assert [i["article_id"] for i in items] == ["a", "z"]
    assert items[0]["data"] == TEXT.encode("utf-8")


def test_glob_and_missing_path(tmp_path):
    for name in ("x1.txt", "x2.txt", "y.txt"):
        (tmp_path / name).write_text(TEXT, encoding="utf-8")
    assert [s[1].rsplit("/", 1)[1] for s in iter_sources([str(tmp_path / "x*.txt")])] == ["x1.txt", "x2.txt"]
    with pytest.raises(CamketError):
        list(iter_sources([str(tmp_path / "nothing*.txt")]))


def test_jsonl_fields_and_bad_lines(tmp_path):
    rows = [{"guid": "g1", "body": TEXT, "headline": "Tin", "date": "2024-05-01", "link": "http://x"},
            {"guid": "g2", "content": TEXT},
            {"body": TEXT}]
    path = tmp_path / "feed.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n\n[1, 2]\n{oops\n",
                    encoding="utf-8")
    fields = Fields("guid", "body", "headline", "date", "link")
    items = list(iter_items([str(path)], fields))
    assert [i["article_id"] for i in items] == ["g1", "g2", "feed-3", "feed-5", "feed-6"]
    assert items[0]["text"] == TEXT and items[0]["title"] == "Tin" and items[0]["published"] == "2024-05-01"
    assert items[0]["url"] == "http://x" and items[0]["error"] is None
    assert [i["error"][0] if i["error"] else None for i in items] == [None, "bad_record", None, "bad_record",
                                                                     "bad_record"]


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_tables_with_field_options(tmp_path, fmt):
    df = pd.DataFrame({"guid": [7, 8], "body": [TEXT, ""], "other": ["a", "b"]})
    path = tmp_path / f"t.{fmt}"
    df.to_csv(path, index=False) if fmt == "csv" else df.to_parquet(path)
    items = list(iter_items([str(path)], Fields("guid", "body", "title", "published", "url")))
    assert [(i["article_id"], i["text"]) for i in items] == [("7", TEXT), ("8", "")]


def test_stdin_text_and_jsonl(monkeypatch):
    raw = io.BytesIO(TEXT.encode("utf-8"))
    [item] = list(iter_items(["-"], stdin=raw, stdin_id="bai1"))
    assert item["article_id"] == "bai1" and item["data"] == TEXT.encode("utf-8")
    [item] = list(iter_items(["-"], stdin=io.BytesIO(TEXT.encode("utf-8"))))
    assert item["article_id"].startswith("stdin-")
    lines = io.BytesIO((json.dumps({"id": "s1", "text": TEXT}, ensure_ascii=False) + "\n").encode("utf-8"))
    [item] = list(iter_items(["-"], stdin=lines, stdin_format="jsonl"))
    assert (item["article_id"], item["text"]) == ("s1", TEXT)


def test_broken_csv_becomes_an_error_item_not_a_crash(tmp_path):
    path = tmp_path / "broken.csv"
    path.write_text('id,text\n1,"' + TEXT + '"\n2,"no closing quote\n', encoding="utf-8")
    items = list(iter_items([str(path)]))
    assert items[-1]["error"][0] == "bad_record" and "broken.csv" in items[-1]["error"][1]


# ---- each table row stands alone; a bad table file is one bad_record, never the end of the run

def _csv_bytes(rows, bad=()):
    """A CSV file (id,text) whose rows in ``bad`` (1-based) carry one byte that is not UTF-8."""
    out = [b"id,text\n"]
    for n, text in enumerate(rows, 1):
        field = text.encode("utf-8")
        if n in bad:
            field = field.replace(" ".encode(), b" \xff", 1)
        out.append(f"r{n},".encode() + b'"' + field + b'"\n')
    return b"".join(out)


@pytest.mark.parametrize("n_rows, bad_row", [(3000, 2500), (3, 2)])
def test_one_undecodable_byte_spoils_only_its_row(tmp_path, n_rows, bad_row):
    path = tmp_path / "big.csv"
    path.write_bytes(_csv_bytes([f"{TEXT} Dòng {n}." for n in range(1, n_rows + 1)], bad={bad_row}))
    items = list(iter_items([str(path)]))
    assert len(items) == n_rows
    assert [i["article_id"] for i in items] == [f"r{n}" for n in range(1, n_rows + 1)]
    for n, item in enumerate(items, 1):
        if n == bad_row:
            assert item["error"][0] == "bad_record" and f"row {bad_row}" in item["error"][1]
            assert "0xff" in item["error"][1]
        else:
            assert item["error"] is None and item["text"] == f"{TEXT} Dòng {n}."


def test_csv_rows_with_quoted_newlines_keep_their_numbers(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text('text,title\n"Dòng một.\nDòng hai.",A\n"' + TEXT + '",B\n', encoding="utf-8")
    items = list(iter_items([str(path)]))
    assert [(i["article_id"], i["text"], i["title"]) for i in items] == [
        ("t-1", "Dòng một.\nDòng hai.", "A"), ("t-2", TEXT, "B")]


def test_long_csv_field_is_read_whole(tmp_path):
    path = tmp_path / "long.csv"
    long_text = " ".join([TEXT] * 3000)  # over the csv module's default field limit (131,072)
    path.write_text("id,text\nx," + long_text + "\n", encoding="utf-8")
    [item] = list(iter_items([str(path)]))
    assert item["error"] is None and item["text"] == long_text


@pytest.mark.parametrize("encoding", ["utf-16", "utf-8-sig"])
def test_csv_with_a_byte_order_mark_is_decoded(tmp_path, encoding):
    path = tmp_path / "t.csv"
    path.write_bytes(f"id,text\nu1,{TEXT}\nu2,Hà Nội phấn đấu.\n".encode(encoding))
    items = list(iter_items([str(path)]))
    assert [(i["article_id"], i["text"], i["error"]) for i in items] == [
        ("u1", TEXT, None), ("u2", "Hà Nội phấn đấu.", None)]


def test_table_without_text_column_is_one_bad_record_not_a_stop(tmp_path):
    from pipeline.io.readers import check_sources
    path = tmp_path / "t.csv"
    pd.DataFrame({"id": [1], "body": [TEXT]}).to_csv(path, index=False)
    pq = tmp_path / "p.parquet"
    pd.DataFrame({"id": [1], "body": [TEXT]}).to_parquet(pq)
    assert check_sources([str(path), str(pq)], DEFAULT_FIELDS)[0] == 2  # no error before the run
    items = list(iter_items([str(path), str(pq)]))
    assert [i["article_id"] for i in items] == ["t", "p"]
    for item in items:
        kind, message = item["error"]
        assert kind == "bad_record" and "'text'" in message and "body" in message and "--text-field" in message


def test_truncated_parquet_is_one_bad_record(tmp_path):
    from pipeline.io.readers import check_sources
    whole = tmp_path / "whole.parquet"
    pd.DataFrame({"id": ["a", "b"], "text": [TEXT, TEXT]}).to_parquet(whole)
    cut = tmp_path / "cut.parquet"
    cut.write_bytes(whole.read_bytes()[: whole.stat().st_size // 2])
    check_sources([str(cut)], DEFAULT_FIELDS)
    [item] = list(iter_items([str(cut)]))
    assert item["article_id"] == "cut" and item["error"][0] == "bad_record" and "Parquet" in item["error"][1]


def test_jsonl_with_a_byte_order_mark_loses_no_record(tmp_path):
    path = tmp_path / "feed.jsonl"
    lines = "".join(json.dumps({"id": f"b{i}", "text": TEXT}, ensure_ascii=False) + "\n" for i in range(3))
    path.write_bytes(b"\xef\xbb\xbf" + lines.encode("utf-8"))
    items = list(iter_items([str(path)]))
    assert [(i["article_id"], i["text"], i["error"]) for i in items] == [(f"b{i}", TEXT, None) for i in range(3)]


def test_folders_give_html_pages_too_and_say_so(tmp_path):
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "b.html").write_text(f"<html><body><p>{TEXT}</p></body></html>", encoding="utf-8")
    (tmp_path / "c.HTM").write_text(f"<p>{TEXT}</p>", encoding="utf-8")
    (tmp_path / "d.json").write_text("{}", encoding="utf-8")
    items = list(iter_items([str(tmp_path)]))
    assert [(i["article_id"], i["markup"]) for i in items] == [("a", "auto"), ("b", "html"), ("c", "html")]
    items = list(iter_items([str(tmp_path)], text_format="text"))
    assert [i["markup"] for i in items] == ["text", "text", "text"]
