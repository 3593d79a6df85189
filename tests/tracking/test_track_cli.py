"""`camket track`: reads commitment and article records, writes schema-valid track records atomically."""
import json

import pytest

from pipeline.cli import main
from pipeline.schemas import validator
from tracking_samples import corpus, write_files

ROWS = [
    ("t1", "2021-03-01", "Bình Phước phấn đấu đến năm 2025 kinh tế số chiếm 20% GRDP.", "target", 2025),
    ("r1", "2023-12-30", "Năm 2023, kinh tế số chiếm 13% GRDP của tỉnh.", "achievement", 2023),
    ("r2", "2024-01-15", "Năm 2023, kinh tế số chiếm 15% GRDP của tỉnh.", "achievement", 2023),
    ("t2", "2021-03-01", "Tỉnh phấn đấu đến năm 2025 giảm tỷ lệ hộ nghèo xuống dưới 2%.", "target", 2025),
]


@pytest.fixture
def files(tmp_path):
    return write_files(tmp_path, *corpus(ROWS))


def test_track_writes_valid_records_and_a_summary(files, tmp_path, capsys):
    commitments, articles = files
    out = tmp_path / "tracks.jsonl"
    assert main(["track", str(commitments), "--articles", str(articles), "-o", str(out)]) == 0
    tracks = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    check = validator("track")
    for t in tracks:
        assert not list(check.iter_errors(t)), list(check.iter_errors(t))[:1]
    by_key = {t["indicator"]["key"]: t for t in tracks}
    assert by_key["poverty_rate"]["status"] == "no_evidence"
    assert [e["article_id"] for e in by_key["digital_economy_share"]["evidence"]] == ["r1", "r2"]
    assert by_key["digital_economy_share"]["conflicts"][0]["year"] == 2023   # 13% and 15% for 2023
    err = capsys.readouterr().err
    assert "2 tracked" in err and "1 conflicting figures" in err and "as of 2024-01-15 (published)" in err
    assert not list(tmp_path.glob(".tracks.jsonl.*"))  # no temporary file left behind


def test_as_of_option_and_stdout(files, capsys):
    commitments, articles = files
    assert main(["track", str(commitments), "--articles", str(articles), "--as-of", "2026", "-o", "-",
                 "--quiet"]) == 0
    captured = capsys.readouterr()
    tracks = [json.loads(line) for line in captured.out.splitlines()]
    assert {t["as_of"]["source"] for t in tracks} == {"option"} and captured.err == ""


@pytest.mark.parametrize("argv, message", [
    (["--as-of", "next year"], "--as-of must be"),
    (["--articles", "missing.jsonl"], "no such file"),
])
def test_bad_arguments_are_one_human_line(files, tmp_path, capsys, argv, message):
    commitments, _ = files
    assert main(["track", str(commitments), "-o", str(tmp_path / "t.jsonl")] + argv) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


def test_schema_command_prints_the_track_schema(capsys):
    assert main(["schema", "track"]) == 0
    assert json.loads(capsys.readouterr().out)["properties"]["schema"]["const"] == "camket.track/1"
