"""Errors the CLI turns into one human line (never a traceback), and the error kinds of article records."""

# Every `error.kind` an article record can have (the article schema lists exactly these).
ERROR_KINDS = {
    "empty": "the input is empty (0 bytes, or an empty text field)",
    "blank": "only whitespace",
    "binary": "not text: NUL bytes, control characters, an archive",
    "word_document": "a Word document (.docx, .doc, RTF), recognised by its bytes",
    "pdf": "a PDF file, recognised by its bytes",
    "undecodable": "bytes that are not UTF-8 and no confident guess (the message names the likely encoding)",
    "html": "an HTML page from which no article text can be extracted",
    "not_vietnamese": "text that is not Vietnamese (or has no diacritics)",
    "too_large": "over --max-chars",
    "bad_record": "a JSONL line or table row that cannot be read, or a table file that cannot be read at all",
    "unreadable": "a file that cannot be opened or read",
    "duplicate_id": "an article id seen earlier in the run (the later input gets the error)",
    "timeout": "over --timeout seconds (the worker was stopped)",
    "internal": "a failure inside the pipeline",
}


class CamketError(Exception):
    """A user-facing failure: bad arguments, missing files, unusable input."""

    exit_code = 2


def plural(n, word, words=None):
    """'1 article', '2 articles' (``words``: an irregular plural)."""
    return f"{n} {word if n == 1 else (words or word + 's')}"
