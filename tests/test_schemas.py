import json
import subprocess
import sys

import pytest
from jsonschema import Draft202012Validator

from pipeline.schemas import NAMES, load_schema, validator


@pytest.mark.parametrize("name", NAMES)
def test_schema_is_valid_draft_2020_12(name):
    Draft202012Validator.check_schema(load_schema(name))


@pytest.mark.parametrize("name", NAMES)
def test_camket_schema_prints_the_shipped_schema(name):
    out = subprocess.run([sys.executable, "-m", "pipeline.cli", "schema", name],
                         capture_output=True, text=True, check=True).stdout
    assert json.loads(out) == load_schema(name)


@pytest.mark.parametrize("record, ok", [
    ({"schema": "camket.article/1", "article_id": "a", "status": "ok", "entities": [], "n_commitments": 0}, True),
    ({"schema": "camket.article/1", "article_id": "a", "status": "error", "entities": [], "n_commitments": 0}, False),
    ({"schema": "camket.article/1", "article_id": "a", "status": "error", "entities": [], "n_commitments": 0,
      "error": {"kind": "empty", "message": "the file is empty"}}, True),
    ({"schema": "camket.article/1", "article_id": "a", "status": "maybe", "entities": [], "n_commitments": 0}, False),
])
def test_article_schema_accepts_and_rejects(record, ok):
    assert validator("article").is_valid(record) is ok


def test_commitment_schema_rejects_an_unknown_unit():
    rec = {"schema": "camket.commitment/1", "id": "c_" + "0" * 20, "article_id": "a", "type": "target",
           "sentence": {"text": "x", "start": 0, "end": 1}, "deadline": None,
           "metrics": [{"value": 1, "unit": "furlong", "text": "1", "start": 0, "end": 1}],
           "actor": None, "speaker": None, "confidence": 0.5}
    assert not validator("commitment").is_valid(rec)
    rec["metrics"][0]["unit"] = "other"
    assert validator("commitment").is_valid(rec)
