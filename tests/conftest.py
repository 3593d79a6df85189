"""Shared fixtures: where ../shared is (tests needing it skip cleanly when absent)."""
import json
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


def _need(path):
    if not path.exists():
        pytest.skip(f"{path} is absent (article texts stay in ../shared)")
    return path


@pytest.fixture(scope="session")
def shared_dir():
    """The ../shared folder beside the repository."""
    return _need(SHARED)


@pytest.fixture(scope="session")
def seeds_dir():
    return _need(SHARED / "corpus" / "seeds")


@pytest.fixture(scope="session")
def dev_dir():
    return _need(SHARED / "corpus" / "dev")


def load_jsonl(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]
