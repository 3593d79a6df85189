"""The CLI: every command is documented, errors are one human line."""
import re
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.cli import COMMANDS, build_parser

README = Path(__file__).resolve().parents[1] / "README.md"


def test_every_command_is_registered():
    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    assert sorted(sub.choices) == sorted(COMMANDS)


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_is_documented_in_the_readme(name):
    text = README.read_text(encoding="utf-8")
    assert re.search(rf"^#+ .*`camket {name}\b", text, re.M), f"README has no section for `camket {name}`"


def test_readme_opens_with_the_two_commands():
    lines = README.read_text(encoding="utf-8").split("```")[1].strip().splitlines()
    commands = [ln for ln in lines if ln.strip() and not ln.startswith("bash")]
    assert len(commands) == 2
    assert "camket extract corpus/samples" in commands[0] and "pip install" in commands[0]
    assert "pytest" in commands[1] and "pip install" in commands[1]


def test_unknown_file_is_a_human_error_not_a_traceback(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "pipeline.cli", "eval", str(tmp_path / "missing.jsonl")],
                          capture_output=True, text=True)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert "missing.jsonl" in proc.stderr
