"""Shared fixtures: where ../shared is. Tests needing it skip when it is absent on a developer's machine,
and FAIL in CI (`CAMKET_REQUIRE_SHARED=1`, set by .ci/run): a quality test must never pass by skipping."""
import json
import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


def _need(path):
    if not path.exists():
        message = f"{path} is absent (article texts stay in ../shared)"
        if os.environ.get("CAMKET_REQUIRE_SHARED") == "1":
            pytest.fail(message + "; CAMKET_REQUIRE_SHARED=1 requires it")
        pytest.skip(message)
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


@pytest.fixture(scope="session")
def pool_dir():
    return _need(SHARED / "corpus" / "pool")


def load_jsonl(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]
