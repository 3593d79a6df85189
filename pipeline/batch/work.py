"""What a worker does with one input item: check it, run the extractor, always return records.

Used the same way by the local worker processes and by Dask workers.
"""
from ..io.validate import DEFAULT_MAX_CHARS, check_bytes, check_text, decode
from ..records import error_article_record
from .pool import CRASH, ERROR, OK, TIMEOUT


WARM_UP = "UBND tỉnh Bình Phước đặt mục tiêu đến năm 2025 tăng trưởng kinh tế đạt 8%."


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


def process_item(state, item):
    """(article record, commitment records) for one item; a bad input gives an error record."""
    if item.get("error"):
        return error_result(item, *item["error"])
    text = item.get("text")
    if item.get("data") is not None:
        problem = check_bytes(item["data"])
        if problem:
            return error_result(item, *problem)
        text = decode(item["data"])
    problem = check_text(text, state["max_chars"])
    if problem:
        return error_result(item, *problem)
    article = {"article_id": item["article_id"], "text": text, "title": item.get("title"),
               "published": item.get("published"), "url": item.get("url")}
    try:
        record, commitments = state["extractor"].process(article)
    except Exception as exc:  # process() should not raise; if it does, the article is still reported
        return error_result(item, "internal", f"{type(exc).__name__}: {exc}")
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
