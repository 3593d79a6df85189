"""What a worker does with one input item: decode it, take the text out of HTML, check it, run the
extractor, and always return records.

Used the same way by the local worker processes and by Dask workers. The article record says how
the input was read: ``encoding``, ``published`` (the checked date the extractor used), ``text``
(when the offsets index a text that is not the input decoded with ``encoding``: the main text of an
HTML page, or Windows-1258 recomposed to NFC) and ``warnings`` (e.g. a publication date ignored).
"""
from ..io.decode import decode_bytes
from ..io.html import extract_html, looks_like_html
from ..io.published import parse_published
from ..io.validate import DEFAULT_MAX_CHARS, check_text
from ..records import error_article_record
from .pool import CRASH, ERROR, OK, TIMEOUT


WARM_UP = "UBND tỉnh Bình Phước đặt mục tiêu đến năm 2025 tăng trưởng kinh tế đạt 8%."
NO_HTML_TEXT = ("html", "an HTML page with no article text to extract (only markup, scripts or styles)")


def load_state(model_path=None, max_chars=DEFAULT_MAX_CHARS):
    """Loaded once per worker: the extractor (warmed up) and the settings the checks need.

    The warm-up article makes lazily loaded models load now, so that their loading time
    never counts against an article's --timeout.
    """
    from ..extractor import Extractor
    extractor = Extractor.load(model_path)
    extractor.process({"article_id": "warm-up", "text": WARM_UP, "title": None, "published": None, "url": None})
    return {"extractor": extractor, "max_chars": max_chars}


def error_result(item, kind, message):
    """The (article record, commitments) pair of an input that gave no result."""
    return error_article_record(item["article_id"], kind, message, source=item.get("source")), []


def read_article(item, max_chars=DEFAULT_MAX_CHARS):
    """(article dict for the extractor, fields for the article record) of an item, or (None, (kind, message)).

    The article dict has ``article_id``, ``text``, ``title``, ``published``, ``url``; the record
    fields are ``encoding``, ``published``, and ``text``/``warnings`` where they apply.
    """
    if item.get("error"):
        return None, tuple(item["error"])
    text, encoding = item.get("text"), item.get("encoding")
    stored = bool(item.get("normalized"))
    if item.get("data") is not None:
        decoded = decode_bytes(item["data"], item.get("decode_as"))
        if decoded.problem:
            return None, decoded.problem
        text, encoding, stored = decoded.text, decoded.encoding, decoded.transformed
    title, page_date = item.get("title"), None
    markup = item.get("markup") or "auto"
    if markup == "html" or (markup == "auto" and text and looks_like_html(text)):
        if max_chars and len(text) > max_chars:
            return None, ("too_large", f"the page has {len(text):,} characters, over the limit of "
                                       f"{max_chars:,} (--max-chars)")
        page = extract_html(text)
        if page is None:
            return None, NO_HTML_TEXT
        text, stored = page.text, True
        title, page_date = title or page.title, page.published
    problem = check_text(text, max_chars, html=False)
    if problem:
        return None, problem
    published, warning = parse_published(item.get("published"))
    if published is None:
        published = parse_published(page_date)[0]
    fields = {"encoding": encoding, "published": published}
    if stored:
        fields["text"] = text
    if warning:
        fields["warnings"] = [warning]
    article = {"article_id": item["article_id"], "text": text, "title": title, "published": published,
               "url": item.get("url")}
    return article, fields


def process_item(state, item):
    """(article record, commitment records) for one item; a bad input gives an error record."""
    article, fields = read_article(item, state["max_chars"])
    if article is None:
        return error_result(item, *fields)
    try:
        record, commitments = state["extractor"].process(article)
    except Exception as exc:  # process() should not raise; if it does, the article is still reported
        return error_result(item, "internal", f"{type(exc).__name__}: {exc}")
    if record.get("status") == "ok":
        if article["title"] and "title" not in record:
            record["title"] = article["title"]
        record.update({k: v for k, v in fields.items() if v is not None or k == "published"})
    return record, list(commitments)


def outcome_result(outcome, article_id, source):
    """Turn a pool outcome into (article record, commitments), an error record when the task failed."""
    status, value = outcome
    item = {"article_id": article_id, "source": source}
    if status == OK:
        return value
    if status == TIMEOUT:
        return error_result(item, "timeout", f"processing took longer than {value:g} s (--timeout); "
                                             "the worker was stopped")
    if status == CRASH:
        return error_result(item, "internal", value)
    assert status == ERROR
    return error_result(item, "internal", value)
