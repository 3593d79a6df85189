import pytest

from pipeline.text.sentences import split_sentences


def sentences(text):
    return [text[s:e] for s, e in split_sentences(text)]


@pytest.mark.parametrize("text, expected", [
    ("Tỉnh đạt 20%. Huyện đạt 30%.", ["Tỉnh đạt 20%.", "Huyện đạt 30%."]),
    ("Đến nay, tỉnh có 1.123 dịch vụ. Đạt 100%!", ["Đến nay, tỉnh có 1.123 dịch vụ.", "Đạt 100%!"]),
    ("TP. Hồ Chí Minh đạt 20,5% GRDP. Hết.", ["TP. Hồ Chí Minh đạt 20,5% GRDP.", "Hết."]),
    ("Ông nói: “Sẽ đạt 50%.” Sau đó ông rời đi.", ["Ông nói: “Sẽ đạt 50%.”", "Sau đó ông rời đi."]),
    ("Tiêu đề không có dấu chấm\nĐoạn một.", ["Tiêu đề không có dấu chấm", "Đoạn một."]),
    ("Gồm: a, b, c; và d.", ["Gồm: a, b, c; và d."]),
    ("Ông nhấn mạnh./. Phản hồi", ["Ông nhấn mạnh./.", "Phản hồi"]),
    ("Theo ThS. Nguyễn Văn A, tỷ lệ đạt 90%.", ["Theo ThS. Nguyễn Văn A, tỷ lệ đạt 90%."]),
    ("Doanh thu tăng…Ông Lợi cho biết.", ["Doanh thu tăng…", "Ông Lợi cho biết."]),
    ("", []),
    ("  \n\n  ", []),
])
def test_split(text, expected):
    assert sentences(text) == expected


@pytest.mark.parametrize("text", [
    "  Đầu dòng có khoảng trắng.  \n\n Dòng hai không dấu\n",
    "a.b.c. D. e",
    "…",
    "\t\r\n",
])
def test_spans_are_trimmed_ordered_and_inside_the_text(text):
    spans = split_sentences(text)
    last = 0
    for s, e in spans:
        assert last <= s < e <= len(text)
        assert text[s:e] == text[s:e].strip()
        last = e


def test_gold_commitment_sentences_are_found(seeds_dir, dev_dir):
    """Almost every gold commitment sentence is one of ours (overlap >= half, the scorer's rule)."""
    import json
    total = matched = 0
    for d in (seeds_dir, dev_dir):
        for line in open(d / "gold.jsonl", encoding="utf-8"):
            g = json.loads(line)
            text = (d / f"{g['article_id']}.txt").read_text(encoding="utf-8")
            spans = split_sentences(text)
            for c in g["commitments"]:
                gs, ge = c["sentence_start"], c["sentence_end"]
                total += 1
                matched += any(min(e, ge) - max(s, gs) >= 0.5 * (ge - gs) for s, e in spans)
    assert matched / total >= 0.98
