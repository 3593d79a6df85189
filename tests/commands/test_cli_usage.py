"""Usage errors: no option prefixes, the subcommand's own usage, and a "did you mean" for a misspelling."""
import argparse
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.cli import build_parser

REPO = Path(__file__).resolve().parents[2]


def cli(*args):
    return subprocess.run([sys.executable, "-m", "pipeline.cli", *map(str, args)], cwd=REPO,
                          capture_output=True, text=True, timeout=300)


def _parsers(parser):
    yield parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub in action.choices.values():
                yield from _parsers(sub)


def test_no_parser_accepts_abbreviations():
    parsers = list(_parsers(build_parser()))
    assert len(parsers) > 8
    assert all(p.allow_abbrev is False for p in parsers), [p.prog for p in parsers if p.allow_abbrev]


@pytest.mark.parametrize("args, usage, suggestion", [
    (["extract", "x.txt", "-o", "o.jsonl", "--job", "2"], "usage: camket extract", "did you mean --jobs?"),
    (["extract", "x.txt", "-o", "o.jsonl", "--shardsize", "2"], "usage: camket extract", "did you mean --shard-size?"),
    (["extract", "x.txt", "--ouput", "o.jsonl"], "usage: camket extract", "did you mean --output?"),
    (["export", "c.jsonl", "--to", "csv", "-o", "x.csv", "--article", "a.jsonl"], "usage: camket export",
     "did you mean --articles?"),
    (["reviews", "export", "-o", "out/", "--dbb", "r.sqlite"], "usage: camket reviews export", "did you mean --db?"),
    (["extrct", "x.txt"], "usage: camket", "did you mean extract?"),
    (["eval", "g.jsonl", "--mises", "3"], "usage: camket eval", "did you mean --misses?"),
])
def test_a_misspelled_option_shows_the_subcommand_usage_and_a_suggestion(args, usage, suggestion):
    r = cli(*args)
    assert r.returncode == 2
    assert r.stderr.startswith(usage) and suggestion in r.stderr, r.stderr
    assert "Traceback" not in r.stderr


def test_a_prefix_is_not_taken_for_the_option(tmp_path):
    (tmp_path / "a.txt").write_text("Tỉnh phấn đấu đạt 20% năm 2025.", encoding="utf-8")
    r = cli("extract", tmp_path / "a.txt", "-o", tmp_path / "o.jsonl", "--job", "2")
    assert r.returncode == 2 and "unrecognized arguments: --job" in r.stderr
    assert not (tmp_path / "o.jsonl").exists()


def test_the_readme_repeats_repeatable_flags():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert "--texts DIR|FILE.jsonl ..." not in readme
    assert "--texts DIR --texts FILE.jsonl" in readme
