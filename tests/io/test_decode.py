"""Decoding input bytes: UTF-8 (with or without BOM), UTF-16/32 by BOM, Windows-1258 when detection is
confident or asked for, and the kinds of files that are not text (Word, PDF)."""
import importlib.util
import io
import json
import random
import time
import unicodedata
import zipfile

import pytest

from pipeline.io.decode import decode_bytes

GOOD = "UBND tỉnh Bình Phước đặt mục tiêu đến năm 2025 kinh tế số chiếm 20% GRDP."


def _nasty(shared_dir):
    """../shared/tools/nasty.py as a module: its windows1258() writes Vietnamese as Windows-1258 does."""
    spec = importlib.util.spec_from_file_location("nasty", shared_dir / "tools" / "nasty.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.mark.parametrize("data, encoding, stored", [
    (GOOD.encode("utf-8"), "utf-8", False),
    (b"\xef\xbb\xbf" + GOOD.encode("utf-8"), "utf-8-sig", False),
    (GOOD.encode("utf-16"), "utf-16", False),
    (b"\xfe\xff" + GOOD.encode("utf-16-be"), "utf-16", False),
    (GOOD.encode("utf-32"), "utf-32", False),
])
def test_unicode_inputs_are_decoded(data, encoding, stored):
    d = decode_bytes(data)
    assert d.problem is None and d.text == GOOD and d.encoding == encoding
    assert data.decode(encoding) == GOOD  # the input decoded as the record says is the text offsets index
    assert d.transformed is stored


def _pool_articles(shared_dir, n, paragraphs=4, seed=5):
    """n articles of a few real paragraphs each (read at test time, never copied into the repository)."""
    paras = []
    for name in ("baomoi-2017.jsonl", "dantri-2020-2021.jsonl"):
        path = shared_dir / "corpus" / "pool" / name
        if not path.exists():
            continue
        with open(path, encoding="utf-8") as f:
            for i, line in enumerate(f):
                if i >= 300:
                    break
                for p in json.loads(line)["text"].split("\n"):
                    p = unicodedata.normalize("NFC", p.strip())
                    try:
                        p.encode("cp1258")  # only what the code page can hold (after tone marks are split)
                    except UnicodeEncodeError:
                        if any(ord(c) > 0x1EFF and c not in "–—‘’“”…•€" for c in p):
                            continue
                    if len(p) > 60:
                        paras.append(p)
    if len(paras) < 50:
        pytest.skip("the pool texts are absent")
    rnd = random.Random(seed)
    return ["\n".join(rnd.sample(paras, paragraphs)) for _ in range(n)]


def test_windows_1258_real_vietnamese_is_detected_and_recomposed(shared_dir):
    nasty = _nasty(shared_dir)
    articles = _pool_articles(shared_dir, 60)
    missed = []
    for text in articles:
        data = nasty.windows1258(text)
        d = decode_bytes(data)
        expected = unicodedata.normalize("NFC", data.decode("cp1258"))
        if d.problem is not None or d.encoding != "cp1258":
            missed.append(d.problem)
            continue
        assert d.text == expected and d.transformed  # NFC: tone marks recomposed; the record stores the text
        assert unicodedata.is_normalized("NFC", d.text)
    assert not missed, missed


def test_windows_1258_seed_article_matches_the_utf8_text(shared_dir, seeds_dir):
    nasty = _nasty(shared_dir)
    text = (seeds_dir / "004_a4e2f9994ddd3526.txt").read_text(encoding="utf-8")
    d = decode_bytes(nasty.windows1258(text))
    assert d.encoding == "cp1258" and d.text == unicodedata.normalize("NFC", text)


@pytest.mark.parametrize("data", [
    GOOD.encode("utf-8").replace(b" ", b" \xff", 1),  # UTF-8 with one bad byte: never guessed
    ("Le conseil a décidé d'augmenter les dépenses de 20% d'ici à 2025; très élevé, déjà prévu. " * 3)
    .encode("cp1252"),
    "Tỉnh ủy Bình Phước đặt mục tiêu".encode("utf-8")[:-1] + b"\x81\x8d",
])
def test_bytes_that_are_not_confidently_windows_1258_stay_undecodable(data):
    d = decode_bytes(data)
    assert d.problem is not None and d.problem[0] == "undecodable", d
    assert "not UTF-8" in d.problem[1] and "--encoding" in d.problem[1]


def test_an_undecodable_message_says_where():
    data = GOOD.encode("utf-8").replace(b" ", b" \xff", 1)
    kind, message = decode_bytes(data).problem
    offset = data.index(b"\xff")
    assert f"0xff at offset {offset}" in message


def _to_cp1258(text):
    """Vietnamese as Windows-1258 holds it: base letters precomposed, tone marks combining."""
    tones = "\u0300\u0301\u0303\u0309\u0323"
    out = []
    for ch in text:
        parts = unicodedata.normalize("NFD", ch)
        out.append(unicodedata.normalize("NFC", "".join(c for c in parts if c not in tones))
                   + "".join(c for c in parts if c in tones))
    return "".join(out).encode("cp1258")


def test_a_short_line_detection_misses_decodes_with_the_encoding_option():
    raw = _to_cp1258("Ôn luyện môn Sinh")  # too short for a confident guess
    assert decode_bytes(raw).problem[0] == "undecodable"
    forced = decode_bytes(raw, "cp1258")
    assert forced.problem is None and forced.encoding == "cp1258" and forced.text == "Ôn luyện môn Sinh"
    d = decode_bytes("Le conseil a décidé".encode("cp1252"), "latin-1")
    assert (d.text, d.encoding, d.transformed) == ("Le conseil a décidé", "iso8859-1", False)


def test_the_encoding_option_reports_bytes_it_cannot_decode():
    d = decode_bytes(b"Ha \x90 Noi", "cp1258")  # 0x90 is not assigned in Windows-1258
    assert d.problem[0] == "undecodable" and "cp1258" in d.problem[1] and "offset 3" in d.problem[1]


def _docx():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", f"<w:document><w:t>{GOOD}</w:t></w:document>")
    return buf.getvalue()


@pytest.mark.parametrize("data, kind, word", [
    (_docx(), "word_document", "Word"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512 + "WordDocument".encode("utf-16-le"), "word_document",
     "Word"),
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n", "pdf", "PDF"),
])
def test_word_and_pdf_files_get_their_own_kind(data, kind, word):
    d = decode_bytes(data)
    assert d.problem[0] == kind and word in d.problem[1] and "text" in d.problem[1]


def test_detection_is_fast_on_a_large_input():
    data = (GOOD + "\n").encode("utf-8") * 20000 + b"\xff"
    started = time.monotonic()
    d = decode_bytes(data)
    assert time.monotonic() - started < 5
    assert d.problem[0] == "undecodable"  # long UTF-8 with one bad byte is never taken for Windows-1258
