"""Outputs never overwrite an input, nor land where the next run would read them as an article."""
import os

import pytest

from pipeline.errors import CamketError
from pipeline.io.outputs import check_outputs_apart

TEXT = "Tỉnh Đồng Nai phấn đấu giảm tỷ lệ hộ nghèo xuống dưới 1% vào cuối năm 2025."


@pytest.fixture
def news(tmp_path):
    (tmp_path / "news" / "sub").mkdir(parents=True)
    (tmp_path / "news" / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "news" / "sub" / "b.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "feed.jsonl").write_text('{"id": "x", "text": "%s"}\n' % TEXT, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("inputs, output, why", [
    (["feed.jsonl"], "feed.jsonl", "is also an input"),
    (["news"], "news/a.txt", "is also an input"),
    (["news"], "news/out.txt", "would be read as an article"),
    (["news"], "news/sub/new.html", "would be read as an article"),
    (["news/**/*.txt"], "news/sub/b.txt", "is also an input"),
    (["news/**/*.txt"], "news/sub/c.txt", "would be read as an article"),
    (["news/*"], "news/out.jsonl", "would be read as an article"),
    (["news/a.txt", "feed.jsonl"], "./news/../feed.jsonl", "is also an input"),
])
def test_outputs_that_collide_with_inputs_are_refused(news, monkeypatch, inputs, output, why):
    monkeypatch.chdir(news)
    with pytest.raises(CamketError, match=why):
        check_outputs_apart(inputs, [("output", output)])


def test_a_symlink_to_an_input_is_the_input(news, monkeypatch):
    monkeypatch.chdir(news)
    os.symlink("feed.jsonl", "link.jsonl")
    with pytest.raises(CamketError, match="is also an input"):
        check_outputs_apart(["feed.jsonl"], [("articles", "link.jsonl")])


@pytest.mark.parametrize("inputs, output", [
    (["news"], "news/out.jsonl"),          # folders are read for .txt and .html only
    (["news"], "out.txt"),
    (["news/*.txt"], "news/sub/c.txt"),    # * does not cross folders
    (["news"], "news/.cache/out.txt"),     # hidden folders are not read
    (["feed.jsonl", "-"], "/dev/null"),
])
def test_outputs_apart_from_the_inputs_are_fine(news, monkeypatch, inputs, output):
    monkeypatch.chdir(news)
    check_outputs_apart(inputs, [("output", output)])
