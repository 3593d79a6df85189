import pytest

from pipeline.document import make_doc, tokens_and_spaces, write_spans


@pytest.mark.parametrize("text, words, expected", [
    ("a b", [(0, 1), (2, 3)], (["a", "b"], [True, False])),
    ("a  b", [(0, 1), (3, 4)], (["a", "  ", "b"], [False, False, False])),
    (" a", [(1, 2)], ([" ", "a"], [False, False])),
    ("a\nb ", [(0, 1), (2, 3)], (["a", "\n", "b", " "], [False, False, False, False])),
])
def test_tokens_and_spaces_cover_the_text(text, words, expected):
    toks, spaces = tokens_and_spaces(text, words)
    assert (toks, spaces) == expected
    assert "".join(t + (" " if s else "") for t, s in zip(toks, spaces)) == text


def test_gate_leaves_unsegmented_sentences_whitespace_split():
    text = "Hội nghị diễn ra sôi nổi. Tỉnh Bình Dương đạt 20% kế hoạch."
    doc = make_doc(text, gate=lambda s: any(ch.isdigit() for ch in s))
    assert doc._.segmented == [False, True]
    assert doc.text == text
    assert [s.text for s in doc.sents] == ["Hội nghị diễn ra sôi nổi.", "Tỉnh Bình Dương đạt 20% kế hoạch."]
    words = [t.text for t in doc if not t.is_space]
    assert "Hội" in words and "Bình Dương" in words


def test_write_spans_expands_to_token_edges():
    text = "Bí thư Tỉnh ủy Phạm Viết Thanh phát biểu."
    doc = make_doc(text)
    start = text.index("Phạm")
    write_spans(doc, "entities", [{"start": start, "end": start + 4, "label": "PER"}])
    assert [(s.text, s.label_) for s in doc.spans["entities"]] == [("Phạm Viết Thanh", "PER")]
