"""Checks that tell why an input cannot be read as a Vietnamese news article.

Pure functions over bytes or text. Each check returns None when the input is
fine, or a ``(kind, message)`` pair that becomes an `error` article record.
Nothing is repaired here: a problem is detected and reported (decoding is decode.py's).
"""
import io
import re
import unicodedata
import zipfile

DEFAULT_MAX_CHARS = 2_000_000

# Letters only Vietnamese uses among Latin scripts (after NFC), plus the combining tone marks
# that decomposed text carries.
_VI_LETTERS = set("ăâđêôơưĂÂĐÊÔƠƯ")
_VI_TONE_MARKS = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
_VI_VOWELS_WITH_TONES = set(
    "àáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ"
)
_VI_SPECIFIC = _VI_LETTERS | _VI_VOWELS_WITH_TONES | {c.upper() for c in _VI_VOWELS_WITH_TONES}

_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")
_HTML_START = re.compile(r"\s*(?:<!doctype\s+html|<html[\s>]|<\?xml)", re.IGNORECASE)
_HTML_SKELETON = re.compile(r"<(?:html|head|body)[\s>]", re.IGNORECASE)
_WORD = re.compile(r"[^\W\d_]+")

_SNIFF = 8192  # bytes looked at for binary content


def check_bytes(data):
    """Problems visible in the raw bytes: empty, a Word or PDF file, binary content."""
    if len(data) == 0:
        return ("empty", "the input is empty (0 bytes)")
    office = check_document_file(data)
    if office:
        return office
    head = data[:_SNIFF]
    if b"\x00" in head and not _looks_utf16(head):
        return ("binary", "the input contains NUL bytes: a binary file, not text")
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    if controls > 0.1 * len(head):
        return ("binary", f"{controls} of the first {len(head)} bytes are control characters: a binary file, not text")
    return None


_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def check_document_file(data):
    """A Word document (.docx, .doc, RTF) or a PDF, recognised by its first bytes (magic), whatever its name."""
    if data.startswith(b"%PDF-"):
        return ("pdf", "the input is a PDF file, not text: extract its text first (e.g. pdftotext)")
    word = "the input is a Word document, not text: save it as plain text (UTF-8) or extract its text first"
    if data.startswith(b"{\\rtf"):
        return ("word_document", word + " (it is in Rich Text Format)")
    if data.startswith(_OLE2) and "WordDocument".encode("utf-16-le") in data[:1 << 20]:
        return ("word_document", word + " (.doc)")
    if data.startswith(b"PK\x03\x04"):
        try:
            names = zipfile.ZipFile(io.BytesIO(data)).namelist()
        except (zipfile.BadZipFile, ValueError, OSError):
            names = []
        if "word/document.xml" in names:
            return ("word_document", word + " (.docx)")
        return ("binary", "the input is a ZIP archive (a spreadsheet or other office file?), not text")
    return None


def decode(data):
    """The text of UTF-8 bytes (a leading byte-order mark dropped)."""
    return data.decode("utf-8-sig")


def _looks_utf16(head):
    return head[:2] in (b"\xff\xfe", b"\xfe\xff")


def guess_encoding(data):
    """A likely legacy encoding of non-UTF-8 bytes, named in the message when they cannot be decoded."""
    head = data[:65536]
    if _looks_utf16(head):
        return "UTF-16"
    try:
        text = head.decode("cp1258")
    except UnicodeDecodeError:
        text = None
    if text is not None:
        letters = [c for c in text if c.isalpha() or c in _VI_TONE_MARKS]
        vi = sum(1 for c in letters if c in _VI_LETTERS or c in _VI_TONE_MARKS)
        if letters and vi / len(letters) > 0.03:
            return "Windows-1258"
    try:
        head.decode("cp1252")
        return "Windows-1252 or Latin-1"
    except UnicodeDecodeError:
        return None


def check_text(text, max_chars=DEFAULT_MAX_CHARS, html=True):
    """Problems of a decoded text: empty, blank, too large, HTML markup (unless ``html`` is False: the
    caller has taken the text out of the markup, or was told it is plain text), not Vietnamese."""
    if text == "":
        return ("empty", "the text is empty")
    if not text.strip():
        return ("blank", f"the text is only whitespace ({len(text)} characters)")
    if "\x00" in text:
        return ("binary", "the text contains NUL characters")
    if max_chars and len(text) > max_chars:
        return ("too_large", f"the text has {len(text):,} characters, over the limit of {max_chars:,} (--max-chars)")
    if html:
        problem = check_html(text)
        if problem:
            return problem
    return check_vietnamese(text)


def check_html(text):
    """An HTML (or XML) document rather than plain article text."""
    if _HTML_START.match(text) or _HTML_SKELETON.search(text[:20000]):
        return ("html", "the input is an HTML document, not plain text; extract the article text first")
    tags = _TAG.findall(text[:200000])
    if len(tags) >= 10 and sum(map(len, tags)) > 0.1 * min(len(text), 200000):
        return ("html", f"the text is full of markup ({len(tags)} tags); extract the article text first")
    return None


def check_vietnamese(text):
    """Text that is not Vietnamese: no Latin words with Vietnamese letters or tone marks."""
    sample = unicodedata.normalize("NFC", text[:200000])
    words = _WORD.findall(sample)
    if not words:
        return ("not_vietnamese", "the text has no words (only digits or symbols)")
    latin = [w for w in words if _is_latin(w)]
    letters = sum(map(len, words))
    latin_letters = sum(map(len, latin))
    if latin_letters < 0.5 * letters:
        return ("not_vietnamese", "the text is mostly in a non-Latin script: not Vietnamese")
    vi = sum(1 for w in latin if any(c in _VI_SPECIFIC for c in w))
    if vi < max(1, 0.1 * len(latin)):
        return ("not_vietnamese",
                f"only {vi} of {len(latin)} words have Vietnamese letters or tone marks: not Vietnamese text "
                "(or Vietnamese written without diacritics)")
    return None


def _is_latin(word):
    c = word[0]
    return c < "\u0250" or "\u1e00" <= c <= "\u1eff"
