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


def test_table_without_text_column_is_a_usage_error(tmp_path):
    from pipeline.io.readers import check_sources
    path = tmp_path / "t.csv"
    pd.DataFrame({"id": [1], "body": [TEXT]}).to_csv(path, index=False)
    with pytest.raises(CamketError, match="text"):
        check_sources([str(path)], DEFAULT_FIELDS)


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
