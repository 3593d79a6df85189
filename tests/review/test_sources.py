"""Reading review inputs: commitments, article records, texts from folders or JSONL."""
import pytest

from review_samples import ARTICLES, review_files, write_jsonl  # noqa: F401 (review_files is a fixture)
from pipeline.errors import CamketError
from pipeline.review.sources import read_articles, read_commitments, read_texts, texts_from_rows


def test_texts_from_a_folder_and_from_jsonl(review_files, tmp_path):
    rows = write_jsonl(tmp_path / "inputs.jsonl", [{"id": "extra", "text": "Hà Nội phấn đấu."},
                                                   {"article_id": "bp01", "text": ARTICLES["bp01"]}])
    texts = read_texts([review_files["texts"], rows])
    assert texts == {**ARTICLES, "extra": "Hà Nội phấn đấu."}


def test_articles_and_commitments_round_trip(review_files):
    assert [r["id"] for r in read_commitments(review_files["commitments"])] == \
        [r["id"] for r in review_files["records"]]
    assert set(read_articles(review_files["articles"])) == set(ARTICLES)
    assert read_articles(None) == {}


@pytest.mark.parametrize("content, message", [
    ('{"id": "c1", "sentence": {}}\nnot json\n', ":2: not JSON"),
    ('[1, 2]\n', "JSON object"),
    ('{"article_id": "a"}\n', "not a commitment record"),
])
def test_bad_inputs_are_human_errors(tmp_path, content, message):
    path = tmp_path / "c.jsonl"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(CamketError, match=message):
        read_commitments(path)


@pytest.mark.parametrize("missing", ["nope.jsonl", "nodir/"])
def test_missing_files_are_human_errors(tmp_path, missing):
    with pytest.raises(CamketError, match="not found"):
        read_texts([tmp_path / missing])
    with pytest.raises(CamketError, match="not found"):
        read_commitments(tmp_path / missing)


def test_text_field_in_article_records_is_used():
    rows = [{"article_id": "bp01", "status": "ok", "text": ARTICLES["bp01"]}, {"article_id": "x", "text": None}]
    assert texts_from_rows(rows) == {"bp01": ARTICLES["bp01"]}
