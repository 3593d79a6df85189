"""Input bytes to text: UTF-8 (BOM or not), UTF-16/32 by their BOM, Windows-1258 when detection is
confident (or ``--encoding``), and a clear kind for what is no text at all (Word, PDF, binary).

Windows-1258 writes Vietnamese tone marks as combining characters; the decoded text is NFC-normalised
so it reads like any other Vietnamese text. Then ``transformed`` is set: the text is not the input
decoded with ``encoding``, and the article record carries the text its offsets index.
"""
import codecs
import dataclasses
import unicodedata

from .validate import check_bytes, guess_encoding

_BOMS = (  # longest first: the UTF-32 LE BOM starts with the UTF-16 LE one
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
)
_DETECT_BYTES = 1 << 16   # detection looks at the first 64 KiB
_RECOMPOSED = ("cp1258",)  # code pages whose Vietnamese carries combining tone marks


@dataclasses.dataclass
class Decoded:
    """The outcome of decoding: ``text`` and ``encoding``, or a ``problem`` (kind, message)."""
    text: str = None
    encoding: str = None
    problem: tuple = None
    transformed: bool = False  # the text differs from the input decoded with `encoding`: the record stores it


def bom_encoding(head):
    """The encoding a byte-order mark at the start of ``head`` announces, or None."""
    for bom, name in _BOMS:
        if head.startswith(bom):
            return name
    return None


def codec_name(encoding):
    """The canonical name of an encoding (``cp1258``, ``utf-8``, ``iso8859-1``); ValueError if unknown."""
    try:
        return codecs.lookup(encoding).name
    except LookupError:
        raise ValueError(f"unknown encoding {encoding!r}") from None


def decode_bytes(data, encoding=None):
    """Decode an input's bytes; ``encoding`` (the --encoding option) skips detection."""
    if encoding:
        return _decode_as(data, codec_name(encoding), "--encoding")
    bom = bom_encoding(data[:4])
    if bom:
        return _decode_as(data, bom, "its byte-order mark")
    problem = check_bytes(data)
    if problem:
        return Decoded(problem=problem)
    try:
        return Decoded(text=data.decode("utf-8"), encoding="utf-8")
    except UnicodeDecodeError as exc:
        first_error = exc
    if detect_legacy(data):
        try:
            return _decoded(data.decode("cp1258"), "cp1258")
        except UnicodeDecodeError:  # past the part detection looked at
            pass
    return Decoded(problem=("undecodable", _undecodable_message(data, first_error)))


def _decode_as(data, name, why):
    """Decode with a known encoding (from a BOM or the option); a failure says where."""
    if name == "utf-8" and data.startswith(codecs.BOM_UTF8):
        name = "utf-8-sig"
    if not name.startswith(("utf-16", "utf-32")):  # NUL bytes are text only in these
        problem = check_bytes(data)
        if problem:
            return Decoded(problem=problem)
    try:
        text = data.decode(name)
    except UnicodeDecodeError as exc:
        where = f"invalid byte 0x{data[exc.start]:02x} at offset {exc.start}"
        return Decoded(problem=("undecodable", f"not valid {name} ({why}): {where}"))
    if not text:
        return Decoded(problem=("empty", "the input holds only a byte-order mark"))
    return _decoded(text, name)


def _decoded(text, name):
    if name in _RECOMPOSED:
        text = unicodedata.normalize("NFC", text)
    return Decoded(text=text, encoding=name, transformed=name in _RECOMPOSED)


def detect_legacy(data):
    """``cp1258`` when the bytes are confidently Vietnamese in Windows-1258, else None.

    charset-normalizer must rank Windows-1258 first, and the decoded text must read as Vietnamese
    (tone marks after vowels, Vietnamese letters in the words): both, or no guess.
    """
    head = data[:_DETECT_BYTES]
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # pragma: no cover - a dependency
        return None
    best = from_bytes(head).best()
    if best is None or best.encoding != "cp1258":
        return None
    try:
        text = head.decode("cp1258")
    except UnicodeDecodeError:
        return None
    return "cp1258" if reads_as_vietnamese(text) else None


_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
_VOWELS = set("aăâeêioôơuưyAĂÂEÊIOÔƠUƯY")
_VI_LETTERS = set("ăâđêôơưĂÂĐÊÔƠƯ")


def reads_as_vietnamese(text):
    """True when Windows-1258 text looks like Vietnamese: tone marks follow vowels, and many words
    carry a tone mark or a Vietnamese letter."""
    marks = [i for i, c in enumerate(text) if c in _TONES]
    if not marks:
        return False
    if sum(1 for i in marks if i > 0 and text[i - 1] in _VOWELS) < 0.95 * len(marks):
        return False
    words = text.split()
    vi = sum(1 for w in words if any(c in _TONES or c in _VI_LETTERS for c in w))
    return vi >= 0.25 * len(words)


def _undecodable_message(data, exc):
    """Where UTF-8 decoding fails and which encoding the bytes look like."""
    where = f"invalid byte 0x{data[exc.start]:02x} at offset {exc.start}"
    guess = guess_encoding(data)
    hint = f" (looks like {guess}?)" if guess else ""
    return (f"not UTF-8{hint}: {where}; give --encoding (e.g. --encoding cp1258) or convert the file to UTF-8 "
            "(e.g. iconv -f CP1258 -t UTF-8)")
