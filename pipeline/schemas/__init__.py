"""The JSON Schemas (draft 2020-12) of the records, shipped in the package."""
import json
from functools import lru_cache
from importlib import resources

NAMES = ("commitment", "article", "track")


@lru_cache(maxsize=None)
def load_schema(name):
    """The parsed schema ``commitment``, ``article`` or ``track``."""
    if name not in NAMES:
        raise ValueError(f"unknown schema {name!r}; choose from {', '.join(NAMES)}")
    with resources.files("pipeline.schemas").joinpath(f"{name}.schema.json").open(encoding="utf-8") as f:
        return json.load(f)


def validator(name):
    """A jsonschema validator for the named record schema."""
    from jsonschema import Draft202012Validator
    return Draft202012Validator(load_schema(name))
