"""Reading the review's inputs: commitment records, article records, and article texts.

Article records carry no text, so texts come from a folder of .txt files
(article_id = file stem) or from JSONL rows with `article_id` and `text`.
"""
import json
from pathlib import Path

from ..errors import CamketError
from ..io.jsonl import read_jsonl as _read_jsonl


def read_jsonl(path, what="records"):
    """The JSON objects of a JSONL file (blank lines skipped); a human error when unreadable."""
    return _read_jsonl(path, what=f"{what} file")


def read_commitments(path):
    """Commitment records (rows without an `id` or `sentence` are refused with a human error)."""
    rows = read_jsonl(path, "commitments")
    for n, row in enumerate(rows, 1):
        if not isinstance(row.get("id"), str) or not isinstance(row.get("sentence"), dict):
            raise CamketError(f"{path}: record {n} is not a commitment record (needs `id` and `sentence`)")
    return rows


def read_articles(path):
    """Article records by article_id (None path gives {})."""
    if path is None:
        return {}
    return {row["article_id"]: row for row in read_jsonl(path, "articles") if "article_id" in row}


def texts_from_rows(rows):
    """{article_id: text} from rows that carry a `text` string (article or input rows)."""
    out = {}
    for row in rows:
        key = row.get("article_id") or row.get("id")
        if isinstance(key, str) and isinstance(row.get("text"), str):
            out[key] = row["text"]
    return out


def read_texts(paths):
    """{article_id: text} from folders of .txt files and/or JSONL files with a `text` field."""
    out = {}
    for path in paths or []:
        path = Path(path)
        if path.is_dir():
            for txt in sorted(path.glob("*.txt")):
                out[txt.stem] = txt.read_text(encoding="utf-8")
        elif path.is_file():
            out.update(texts_from_rows(read_jsonl(path, "texts")))
        else:
            raise CamketError(f"texts not found: {path} (give a folder of .txt files or a JSONL file)")
    return out
