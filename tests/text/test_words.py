import pytest

from pipeline.document import build_document
from pipeline.text.sentences import split_sentences
from pipeline.text.words import align_tokens, segment

# strings that break naive tokenizers: odd spaces, old tone marks, decomposed accents, emoji, markup, RTL
NAUGHTY = [
    "Bí thư Tỉnh uỷ  Phạm Viết Thanh cho biết, BR-VT đạt 20,5%.",
    "Kho\u0301a VII\u00a0nhiệm kỳ 2020-2025",
    "Ảnh: Dương Hà\r\n\r\nTP.HCM  đạt 1.123 dịch vụ.",
    "🙂 Hà Nội 👍🏽 đạt 100% ✔",
    "<b>Đậm</b> &amp; \"ngoặc\" 'đơn' «kép»",
    "\u202eRTL\u202c và \u200bzero\u200dwidth",
    "",
    " ",
    "\n\n\n",
    "x" * 300,
    "1/2/3/4/5 ... --- ,,,",
    "Tỉnh\tuỷ\tBến\tTre",
]


@pytest.mark.parametrize("text", NAUGHTY)
def test_document_spans_slice_the_input(text):
    doc = build_document(text)
    assert doc.text == text
    for s, e in doc.sentences + doc.words:
        assert 0 <= s < e <= len(text) and text[s:e].strip() == text[s:e]


@pytest.mark.parametrize("text", NAUGHTY)
def test_words_cover_every_visible_character(text):
    spans = split_sentences(text)
    words = segment(text, spans)
    covered = set()
    for s, e in words:
        assert text[s:e] == text[s:e].strip() and s < e
        covered.update(range(s, e))
    inside = {i for s, e in spans for i in range(s, e) if not text[i].isspace()}
    assert inside <= covered


@pytest.mark.parametrize("text, tokens, expected", [
    ("Phạm Viết Thanh cho biết", ["Phạm Viết Thanh", "cho", "biết"], ["Phạm Viết Thanh", "cho", "biết"]),
    ("Phạm  Viết Thanh", ["Phạm Viết Thanh"], ["Phạm  Viết Thanh"]),
    ("Tỉnh uỷ", ["Tỉnh ủy"], []),  # a rewritten token is not forced onto the text
])
def test_align_tokens(text, tokens, expected):
    assert [text[s:e] for s, e in align_tokens(text, tokens)] == expected


def test_names_stay_one_word():
    text = "Bí thư Tỉnh uỷ Phạm Viết Thanh phát biểu."
    words = [text[s:e] for s, e in segment(text, split_sentences(text))]
    assert "Phạm Viết Thanh" in words
