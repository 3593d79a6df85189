"""JSON Lines: the one reader of the project's own JSONL files (records, gold, corpora, reviews).

Blank lines are skipped, a byte-order mark is tolerated, and a line that is not a JSON object is a
human error naming the file and line. (Input articles are read by `tables`, where a bad line becomes a
`bad_record` article instead of an error.) Writing goes through `writers.write_jsonl` (atomic).
"""
import json
from pathlib import Path

from ..errors import CamketError


def iter_jsonl(source, name=None, what="file"):
    """The JSON objects of a JSONL file (a path) or of an iterable of lines, one at a time."""
    if isinstance(source, (str, Path)):
        path = Path(source)
        try:
            f = open(path, encoding="utf-8-sig")
        except FileNotFoundError:
            raise CamketError(f"{what} not found: {path}") from None
        except IsADirectoryError:
            raise CamketError(f"{what} is a folder, not a JSONL file: {path}") from None
        except OSError as exc:
            raise CamketError(f"cannot read {path}: {exc.strerror}") from None
        with f:
            yield from _objects(f, name or str(path))
    else:
        yield from _objects(source, name or "stdin")


def read_jsonl(source, name=None, what="file"):
    """All the JSON objects of a JSONL file or of lines, as a list."""
    return list(iter_jsonl(source, name, what))


def _objects(lines, name):
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise CamketError(f"{name}:{n}: not JSON ({exc.msg})") from None
        if not isinstance(obj, dict):
            raise CamketError(f"{name}:{n}: expected a JSON object per line")
        yield obj
