"""Where a claim's parts sit in its article: every mark is a slice of the text, degradation without text."""
import pytest

from review_samples import ARTICLES, make_record, sample_records
from pipeline.review.marks import claim_view, drop_overlaps, indicator_of, segments

RECORDS = sample_records()


def _marks(view):
    return [(s["label"], s["text"]) for s in view["sentence"] if s["label"]]


@pytest.mark.parametrize("record", RECORDS, ids=[r["article_id"] + r["type"] for r in RECORDS])
def test_view_rebuilds_the_article_and_marks_are_slices(record):
    text = ARTICLES[record["article_id"]]
    view = claim_view(record, text)
    assert view["has_text"] is True
    assert view["before"] + "".join(s["text"] for s in view["sentence"]) + view["after"] == text
    assert view["sentence_text"] == record["sentence"]["text"]
    start = len(view["before"])
    for seg in view["sentence"]:
        assert text[start:start + len(seg["text"])] == seg["text"]
        start += len(seg["text"])
    for metric in record["metrics"]:
        assert ("METRIC", text[metric["start"]:metric["end"]]) in _marks(view)
    if record["deadline"]:
        assert ("DEADLINE", record["deadline"]["text"]) in _marks(view)


@pytest.mark.parametrize("sentence, expected", [
    ("UBND tỉnh Bình Phước đặt mục tiêu đến năm 2025 kinh tế số chiếm 20% GRDP.",
     [("ACTOR", "UBND tỉnh Bình Phước"), ("DEADLINE", "năm 2025"), ("METRIC", "20%")]),
    ("Chủ tịch UBND tỉnh Trần Tuệ Hiền cho biết năm 2022 tỉnh đã cung cấp 1.200 dịch vụ công trực tuyến mức độ 4.",
     [("SPEAKER", "Trần Tuệ Hiền"), ("DEADLINE", "năm 2022"), ("METRIC", "1.200"), ("METRIC", "mức độ 4")]),
])
def test_marks_in_reading_order(sentence, expected):
    record = next(r for r in RECORDS if r["sentence"]["text"] == sentence)
    got = [m for m in _marks(claim_view(record, ARTICLES[record["article_id"]])) if m[0] != "ACTOR" or
           m[1] != "tỉnh"]
    assert got == expected


def test_without_text_the_sentence_alone_is_shown_with_its_marks():
    record = RECORDS[0]
    view = claim_view(record, None)
    assert view["has_text"] is False
    assert (view["before"], view["after"]) == ("", "")
    assert view["sentence_text"] == record["sentence"]["text"]
    assert _marks(view) == [("ACTOR", "UBND tỉnh Bình Phước"), ("DEADLINE", "năm 2025"), ("METRIC", "20%")]


def test_shifted_text_still_finds_the_sentence():
    record = RECORDS[0]
    text = "Tin mới. " + ARTICLES["bp01"]
    view = claim_view(record, text)
    assert view["has_text"] is True
    assert view["sentence_text"] == record["sentence"]["text"]
    assert ("METRIC", "20%") in _marks(view)


def test_text_of_another_article_degrades_to_the_sentence():
    view = claim_view(RECORDS[0], ARTICLES["dn02"])
    assert view["has_text"] is False and view["sentence_text"] == RECORDS[0]["sentence"]["text"]


def test_bad_offsets_are_not_marked_wrongly():
    record = make_record("bp01", "UBND tỉnh Bình Phước đặt mục tiêu đến năm 2025 kinh tế số chiếm 20% GRDP.",
                         "target", metrics=[("20%", 20, "percent")])
    record["metrics"][0]["start"] += 1
    record["metrics"][0]["end"] += 1
    view = claim_view(record, ARTICLES["bp01"])
    assert ("METRIC", "20%") in _marks(view)  # found again by its text


def test_overlaps_keep_the_first_longest_span():
    assert drop_overlaps([(5, 8, "B", ""), (0, 6, "A", ""), (0, 3, "C", ""), (8, 9, "D", "")]) == \
        [(0, 6, "A", ""), (8, 9, "D", "")]
    assert segments("abcdefghi", 0, 9, [(0, 6, "A", "t")]) == [
        {"text": "abcdef", "label": "A", "title": "t"}, {"text": "ghi", "label": None, "title": None}]


@pytest.mark.parametrize("record, expected", [
    ({"indicator": "DTI", "metrics": [{"unit": "rank"}]}, "DTI"),
    ({"metrics": [{"unit": "other", "word": "dịch vụ"}]}, "dịch vụ"),
    ({"metrics": [{"unit": "percent"}]}, "percent"),
    ({"indicator": "  ", "metrics": []}, None),
    ({"indicator": {"key": "poverty_rate", "text": "tỷ lệ hộ nghèo"}}, "Tỷ lệ hộ nghèo"),
    ({"indicator": {"key": None, "text": "cây xanh"}, "metrics": [{"unit": "other", "word": "cây"}]}, "cây xanh"),
    ({"indicator": {"key": None, "text": None}, "metrics": [{"unit": "percent"}]}, "percent"),
])
def test_indicator_falls_back_to_the_unit(record, expected):
    assert indicator_of(record) == expected
