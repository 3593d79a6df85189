"""HTML inputs: recognise a page or fragment, and take its main text, title and date with trafilatura.

Scripts, styles, navigation and other boilerplate never reach the text. The date comes from the
page's metadata only (never guessed from dates written in the text, which are often deadlines).
"""
import collections
import functools
import re

from .validate import check_html

HTML_SUFFIXES = (".html", ".htm", ".xhtml")

Page = collections.namedtuple("Page", "text title published")

_ELEMENTS = ("p|div|article|section|main|header|footer|nav|aside|h[1-6]|span|table|thead|tbody|tr|td|th|ul|ol|li|"
             "br|hr|b|strong|em|i|u|a|img|figure|figcaption|blockquote|pre|font|center|body|head|html|meta|title|"
             "script|style|link|iframe|form|input|button|label|small|sub|sup|time|picture|source|video|audio")
_FRAGMENT_START = re.compile(rf"\s*<(?:{_ELEMENTS})(?:\s[^<>]*)?/?>", re.IGNORECASE)
_CLOSING = re.compile(rf"</(?:{_ELEMENTS})\s*>|<(?:br|hr|img|meta|link|input)\b[^<>]*>", re.IGNORECASE)
_DOCUMENT = re.compile(r"<(?:html|body)[\s>]", re.IGNORECASE)


def looks_like_html(text):
    """True for an HTML document, or text that starts with an HTML element and is marked up."""
    if check_html(text):
        return True
    head = text[:20000]
    return bool(_FRAGMENT_START.match(head) and _CLOSING.search(head))


@functools.lru_cache(maxsize=1)
def _config():
    """trafilatura settings for pages read from files: no size floors, no signal-based timeout (the batch
    has its own), no date guessed from the content."""
    from trafilatura.settings import use_config
    cfg = use_config()
    for key, value in (("min_extracted_size", "1"), ("min_output_size", "1"), ("min_file_size", "1"),
                       ("extraction_timeout", "0"), ("extensive_date_search", "off")):
        cfg.set("DEFAULT", key, value)
    return cfg


def extract_html(html):
    """The page's main text (paragraphs one per line), title and publication date, or None when the page
    holds no text."""
    import trafilatura
    if not _DOCUMENT.search(html[:50000]):
        html = f"<html><body>{html}</body></html>"  # a fragment: trafilatura reads whole documents
    doc = trafilatura.bare_extraction(
        html, with_metadata=True, include_comments=False, include_tables=True, favor_recall=True,
        deduplicate=False, config=_config(),
        date_extraction_params={"extensive_search": False, "original_date": True})
    text = (getattr(doc, "text", None) or "").strip() if doc is not None else ""
    if not text:
        return None
    title = (getattr(doc, "title", None) or "").strip() or None
    return Page(text, title, getattr(doc, "date", None) or None)
