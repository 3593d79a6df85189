"""Loads the rule tables kept as data in pipeline/data (one file per table)."""
import json
from functools import lru_cache
from importlib import resources


@lru_cache(maxsize=None)
def load_table(name):
    """Return the parsed JSON table ``pipeline/data/<name>.json``."""
    with resources.files("pipeline.data").joinpath(f"{name}.json").open(encoding="utf-8") as f:
        return json.load(f)
