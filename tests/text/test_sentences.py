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


@pytest.mark.parametrize("text, expected", [
    # a credit run into the next sentence ends the caption's sentence
    ("Cây cầu mới. Ảnh: AFP Theo kế hoạch, cầu thông xe năm sau.",
     ["Cây cầu mới.", "Ảnh: AFP", "Theo kế hoạch, cầu thông xe năm sau."]),
    ("Ảnh: TTXVN/Minh Hà Tại buổi lễ, ông phát biểu.", ["Ảnh: TTXVN/Minh Hà", "Tại buổi lễ, ông phát biểu."]),
    ("Đội mừng chiến thắng. (Ảnh: Lan Anh) Sau trận, HLV nói.", ["Đội mừng chiến thắng.", "(Ảnh: Lan Anh)", "Sau trận, HLV nói."]),
    ("Ảnh: LÊ MINH Nhiều hộ dân đã được hỗ trợ.", ["Ảnh: LÊ MINH", "Nhiều hộ dân đã được hỗ trợ."]),
    ("Ảnh: Quốc Tuấn - TTXVN Phó Chủ tịch tỉnh dự lễ.", ["Ảnh: Quốc Tuấn - TTXVN", "Phó Chủ tịch tỉnh dự lễ."]),
    # a caption without a stop before a sentence that opens with a date
    ("Học sinh trong giờ ra chơi Sáng 12.9, trường tổ chức khai giảng.",
     ["Học sinh trong giờ ra chơi", "Sáng 12.9, trường tổ chức khai giảng."]),
    ("Người dân đi làm sớm Chiều cùng ngày, đoàn kiểm tra đến xã.",
     ["Người dân đi làm sớm", "Chiều cùng ngày, đoàn kiểm tra đến xã."]),
    # a headline glued to the lead: a word that only opens a sentence, capitalised after a lower-case word
    ("Xã về đích nông thôn mới Theo ông Hải, xã đã đạt 19 tiêu chí.",
     ["Xã về đích nông thôn mới", "Theo ông Hải, xã đã đạt 19 tiêu chí."]),
    ("Ảnh: Thu Hà Ông Trần Văn Lộc cho biết xã đạt chuẩn.", ["Ảnh: Thu Hà", "Ông Trần Văn Lộc cho biết xã đạt chuẩn."]),
    # not cut: a date inside the sentence, a list after a colon, a credit that cannot be told apart,
    # a capitalised word that is a name ("Các Mác", "Bà Rịa")
    ("Học thuyết của Các Mác được giảng dạy tại tỉnh Bà Rịa - Vũng Tàu.",
     ["Học thuyết của Các Mác được giảng dạy tại tỉnh Bà Rịa - Vũng Tàu."]),
    ("Tỉnh trích Quỹ Vì người nghèo hỗ trợ 30 hộ.", ["Tỉnh trích Quỹ Vì người nghèo hỗ trợ 30 hộ."]),
    ("Các đơn vị kỷ niệm Ngày 27/7, dâng hương tại nghĩa trang.", ["Các đơn vị kỷ niệm Ngày 27/7, dâng hương tại nghĩa trang."]),
    ("Kế hoạch gồm: Ngày 5/9, khai giảng; ngày 6/9, học.", ["Kế hoạch gồm: Ngày 5/9, khai giảng; ngày 6/9, học."]),
    ("Ảnh: Minh Hà Nội thất đẹp.", ["Ảnh: Minh Hà Nội thất đẹp."]),
])
def test_captions_and_credits_are_not_merged(text, expected):
    assert sentences(text) == expected


@pytest.mark.parametrize("text", [
    "  Đầu dòng có khoảng trắng.  \n\n Dòng hai không dấu\n",
    "Ảnh: AFP Theo đó. Sáng 1.2, họp Chiều nay (3-4), nghỉ.",
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
