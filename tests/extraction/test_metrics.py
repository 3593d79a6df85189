"""pipeline.extraction.metrics: every measurable value of a sentence (annotation guide 1, metrics)."""
import json
from collections import defaultdict

import pytest

from pipeline.extraction.metrics import find_metrics

# (sentence, expected metrics as (value, unit, extras)) -- short sentences written for these tests
CASES = [
    ("Tỉnh phấn đấu đến năm 2025 kinh tế số chiếm 20% GRDP.", [(20, "percent", {})]),
    ("Tỷ lệ này đạt 20 phần trăm.", [(20, "percent", {})]),
    ("Tốc độ tăng trưởng đạt 10,5%/năm.", [(10.5, "percent", {})]),
    ("Tỉnh phấn đấu thuộc top 15 tỉnh dẫn đầu cả nước.", [(15, "rank", {})]),
    ("Thành phố nằm trong nhóm 10 tỉnh, thành phố dẫn đầu.", [(10, "rank", {})]),
    ("Năm nay tỉnh xếp thứ 5 về chỉ số PCI.", [(5, "rank", {})]),
    ("Huyện phấn đấu dẫn đầu về xây dựng nông thôn mới.", [(1, "rank", {})]),
    ("Tỉnh luôn nằm trong số 5 địa phương dẫn đầu cả nước.", [(5, "rank", {})]),
    ("Đến năm 2020 đạt thứ hạng tối thiểu thứ 70 trên thế giới.", [(70, "rank", {"comparator": "at_least"})]),
    ("Cung cấp dịch vụ công trực tuyến mức độ 3, 4 cho người dân.", [(3, "level", {}), (4, "level", {})]),
    ("Triển khai dịch vụ công mức 3,4 đến người dân.", [(3, "level", {}), (4, "level", {})]),
    ("Tăng trưởng quý I chỉ ở mức 5,1%, thấp hơn mức 5,5% cùng kỳ.", [(5.1, "percent", {}), (5.5, "percent", {})]),
    ("Đã hoàn thành cổ phần hóa 6/30 DNNN.", [(6, "count", {})]),
    ("Bệnh viện được xếp cấp III và trường đạt loại II.", [(3, "level", {}), (2, "level", {})]),
    ("Đạt bậc 4 và cấp độ 3 về an toàn thông tin.", [(4, "level", {}), (3, "level", {})]),
    ("Tỉnh có 1.123 dịch vụ công trực tuyến.", [(1123, "count", {})]),
    ("Đã có 82/97 xã đạt chuẩn.", [(82, "count", {})]),
    ("Thành phố có 3 Trung tâm điều hành thông minh.", [(3, "count", {})]),
    ("Phấn đấu đạt tối thiểu 25 nghìn doanh nghiệp.", [(25000, "count", {"comparator": "at_least"})]),
    ("Chương trình giới thiệu 390 lượt doanh nghiệp.", [(390, "count", {})]),
    ("Tổng mức đầu tư là 1,5 tỷ đồng.", [(1500000000, "money", {"currency": "VND"})]),
    ("Vốn đăng ký đạt 1.740 triệu USD.", [(1740000000, "money", {"currency": "USD"})]),
    ("Nguồn lực đạt 90.000 tỷ/năm.", [(90000000000000, "money", {"currency": "VND"})]),
    ("Giá nhà từ 10 đến 15 tỷ đồng.", [(10000000000, "money", {"currency": "VND", "value_max": 15000000000})]),
    ("Thu nhập bình quân đạt 33,8 triệu đồng/người/năm.", [(33800000, "money", {"currency": "VND"})]),
    ("Trên 49.000 ha đất đã được chuyển đổi.", [(49000, "other", {"word": "ha", "comparator": "more_than"})]),
    ("Khai thác 5,25 tỷ m 3 khí.", [(5250000000, "other", {"word": "m3"})]),
    ("Toàn tỉnh có 540.642 học sinh.", [(540642, "other", {"word": "học sinh"})]),
    ("Thu hút gần 3 triệu lượt người.", [(3000000, "other", {"comparator": "about"})]),
    ("Năng suất tăng gấp 3 lần.", [(3, "other", {"word": "lần"})]),
    ("Số doanh nghiệp tăng gấp đôi.", [(2, "other", {"word": "lần"})]),
    ("Rút ngắn thời gian nộp thuế không quá 168 giờ/năm.", [(168, "other", {"word": "giờ/năm", "comparator": "at_most"})]),
    ("Chi phí giảm 1,2%-1,5% GRDP.", [(1.2, "percent", {"value_max": 1.5})]),
    ("Mức tăng trưởng đạt 25-30% mỗi năm.", [(25, "percent", {"value_max": 30})]),
    ("Thu hút 15-16 triệu lượt khách.", [(15000000, "other", {"value_max": 16000000})]),
    ("Đạt 70% trở lên so với kế hoạch.", [(70, "percent", {"comparator": "at_least"})]),
    ("Tỷ lệ hộ nghèo dưới 3%.", [(3, "percent", {"comparator": "less_than"})]),
    ("Tỷ lệ bao phủ đạt khoảng 90%.", [(90, "percent", {"comparator": "about"})]),
    ("Tỷ lệ hội viên từ 40% lên 60%.", [(60, "percent", {})]),
    ("Miễn thị thực cần ổn định trong 5 năm.", [(5, "other", {"word": "năm"})]),
    ("Đối thoại 6 tháng/1 lần với doanh nghiệp.", [(6, "other", {"word": "tháng/lần"})]),
    ("Chỉ số PCI đạt 65,5 điểm, xếp thứ 10/63 tỉnh, thành phố.", [(65.5, "other", {"word": "điểm"}), (10, "rank", {})]),
    ("Năng suất đạt 6,5 tấn/ha; kim ngạch xuất khẩu đạt 1,2 tỷ USD.",
     [(6.5, "other", {"word": "tấn/ha"}), (1200000000, "money", {"currency": "USD"})]),
    ("Tỉnh có 15.000 lao động và 20 hộ dân.", [(15000, "other", {}), (20, "other", {})]),
    ("Sản xuất điện đạt 11,11 tỷ kWh và 600 MW.", [(11110000000, "other", {"word": "kWh"}), (600, "other", {"word": "MW"})]),
    # not metrics: years, dates, documents, ordinal names, phone numbers, durations, bases, clock times
    ("Hội nghị khai mạc lúc 14 giờ 30 phút.", []),
    ("Nghị định 15/2020/NĐ-CP có hiệu lực.", []),
    ("Liên hệ số 0912.345.678 để được hỗ trợ.", []),
    ("Trong 2-3 năm trở lại đây, du lịch phát triển.", []),
    ("Thực hiện Nghị quyết 02-NQ/TU của Tỉnh ủy.", []),
    ("Theo Quyết định số 123/QĐ-UBND ngày 26/5/2020.", []),
    ("Chào mừng Đại hội XIII của Đảng.", []),
    ("Hội nghị lần thứ Năm Ban Chấp hành khóa VII.", []),
    ("Khai trương Tổng đài 1022 của tỉnh.", []),
    ("Cách mạng công nghiệp 4.0 đang diễn ra.", []),
    ("Ngày 26/5, tỉnh tổ chức hội nghị.", []),
    ("Năm 2017 tỉnh tập trung phát triển du lịch.", []),
    ("Trong 6 tháng đầu năm, tỉnh tiếp tục cải cách.", []),
    ("Qua 5 năm thực hiện, kết quả rất tốt.", []),
    ("Đạt điểm số trung bình của nhóm nước ASEAN 4.", []),
    ("Trong tổng số 28 chỉ tiêu có nhiều chỉ tiêu vượt.", []),
    ("Cấp 34.103 tài khoản cho giáo viên.", [(34103, "count", {})]),
    ("Người đứng đầu cơ quan phải xử lý kịp thời.", []),
    ("Tỉnh nằm trong tốp dẫn đầu cả nước.", []),
]


@pytest.mark.parametrize("sentence, expected", CASES)
def test_find_metrics(sentence, expected):
    got = find_metrics(sentence)
    for m in got:
        assert sentence[m["start"]:m["end"]] == m["text"]
    assert [(m["value"], m["unit"]) for m in got] == [(v, u) for v, u, _ in expected]
    for m, (_, _, extras) in zip(got, expected):
        for k, v in extras.items():
            assert m.get(k) == v, (k, m)


def test_offsets_into_the_original_with_a_window_and_exclusions():
    text = "Mở đầu. Tỉnh  đặt mục tiêu đến năm 2025 có 20%  hồ sơ uỷ quyền; 3 dự án khác."
    start = text.index("Tỉnh")
    end = text.index(";")
    year = text.index("2025")
    got = find_metrics(text, start, end, exclude=[{"start": year - 4, "end": year + 4}])
    assert [(m["value"], m["unit"]) for m in got] == [(20, "percent")]
    assert text[got[0]["start"]:got[0]["end"]] == got[0]["text"] == "20%"
    # an excluded span is never a metric
    pct = text.index("20%")
    assert find_metrics(text, start, end, exclude=[{"start": pct, "end": pct + 3}]) == []


def test_decomposed_and_old_style_text_keeps_offsets():
    import unicodedata
    text = unicodedata.normalize("NFD", "Đạt 1.030 dịch vụ công mức độ 4.")
    got = find_metrics(text)
    assert [(m["value"], m["unit"]) for m in got] == [(1030, "count"), (4, "level")]
    for m in got:
        assert text[m["start"]:m["end"]] == m["text"]


def _key(value, unit):
    """As /work/shared/tools/score.py compares metrics (values equal to 1e-6 relative)."""
    v = float(value)
    return (round(v, 6) if abs(v) < 1e6 else float(f"{v:.6g}"), unit)


def gold_metric_counts(corpus_dir):
    """(tp, fp, fn) of (value, unit) sets per gold commitment sentence, as the reference scorer counts."""
    tp = fp = fn = 0
    with open(corpus_dir / "gold.jsonl", encoding="utf-8") as f:
        rows = [json.loads(line) for line in f if line.strip()]
    for g in rows:
        text = (corpus_dir / f"{g['article_id']}.txt").read_text(encoding="utf-8")
        dates = [e for e in g["entities"] if e["label"] == "DATE"]
        sents = defaultdict(set)
        for c in g["commitments"]:
            sents[(c["sentence_start"], c["sentence_end"])] |= {_key(m["value"], m["unit"]) for m in c["metrics"]}
        for (a, b), gold in sents.items():
            found = find_metrics(text, a, b, exclude=dates)
            for m in found:
                assert text[m["start"]:m["end"]] == m["text"]
            pred = {_key(m["value"], m["unit"]) for m in found}
            tp += len(gold & pred)
            fp += len(pred - gold)
            fn += len(gold - pred)
    return tp, fp, fn


def test_metrics_against_gold(seeds_dir, dev_dir):
    tp = fp = fn = 0
    for d in (seeds_dir, dev_dir):
        a, b, c = gold_metric_counts(d)
        tp, fp, fn = tp + a, fp + b, fn + c
    p, r = tp / (tp + fp), tp / (tp + fn)
    f1 = 2 * p * r / (p + r)
    assert f1 >= 0.9, (p, r, f1)
