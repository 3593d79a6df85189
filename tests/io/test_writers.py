"""Atomic writing: a failure mid-way keeps the old file and leaves no temporary file."""
import json
import os

import pytest

from pipeline.io.writers import atomic_write, dumps_record, write_jsonl


def test_failure_keeps_old_file_and_leaves_no_temp(tmp_path):
    target = tmp_path / "out.jsonl"
    target.write_text("old\n", encoding="utf-8")
    with pytest.raises(RuntimeError):
        with atomic_write(target) as f:
            f.write("half a line")
            raise RuntimeError("crash")
    assert target.read_text(encoding="utf-8") == "old\n"
    assert os.listdir(tmp_path) == ["out.jsonl"]


def test_records_are_utf8_lines_in_key_order(tmp_path):
    rec = {"schema": "camket.commitment/1", "id": "c_1", "article_id": "a", "sentence": {"text": "Hà Nội"}}
    assert dumps_record(rec) == json.dumps(rec, ensure_ascii=False) + "\n"
    write_jsonl(tmp_path / "x.jsonl", [rec, rec])
    lines = (tmp_path / "x.jsonl").read_text(encoding="utf-8").splitlines()
    assert lines == [json.dumps(rec, ensure_ascii=False)] * 2 and "Hà Nội" in lines[0]
