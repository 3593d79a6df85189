"""The item every reader yields (one input article), and how a table row or JSON object becomes one."""
import os
import unicodedata
from collections import namedtuple

Fields = namedtuple("Fields", "id text title published url")
DEFAULT_FIELDS = Fields("id", "text", "title", "published", "url")


def new_item(article_id, source, text=None, data=None, title=None, published=None, url=None, error=None,
             encoding=None, normalized=False):
    """The item dict every reader yields."""
    return {"article_id": article_id, "text": text, "data": data, "title": title,
            "published": published, "url": url, "source": source, "error": error,
            "markup": "auto", "encoding": encoding, "decode_as": None, "normalized": normalized}


def article_id_of_path(path):
    """A file's article id: its name without the extension (h001.txt -> h001)."""
    return os.path.splitext(os.path.basename(path))[0]


def row_item(row, fields, default_id, where, strict=False, encoding=None):
    """An item from one table row or JSON object, using the configured field names."""
    aid = scalar(row.get(fields.id))
    aid = aid if aid else default_id
    meta = {k: scalar(row.get(getattr(fields, k))) for k in ("title", "url")}
    published = row.get(fields.published)
    meta["published"] = published if hasattr(published, "isoformat") else scalar(published)
    text = row.get(fields.text)
    if strict and fields.text not in row:
        return new_item(aid, where, error=["bad_record", f"{where}: no {fields.text!r} field (--text-field)"], **meta)
    if text is None:
        text = ""
    if not isinstance(text, str):
        return new_item(aid, where, error=["bad_record", f"{where}: the {fields.text!r} field is a "
                                                         f"{type(text).__name__}, not a string"], **meta)
    normalized = encoding == "cp1258"
    if normalized:
        text = unicodedata.normalize("NFC", text)
        meta = {k: unicodedata.normalize("NFC", v) if isinstance(v, str) else v for k, v in meta.items()}
        aid = unicodedata.normalize("NFC", aid)
    return new_item(aid, where, text=text, encoding=encoding, normalized=normalized, **meta)


def scalar(value):
    """A metadata value as a string (ids, dates, URLs), or None when absent."""
    if value is None or value == "":
        return None
    if isinstance(value, str):
        return value
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)
