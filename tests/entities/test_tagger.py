"""Tagger: merges PER, PROVINCE, DATE and ORG; PROVINCE nested in ORG stays, otherwise the longer mention wins."""
import pytest

from pipeline.entities import tagger
from pipeline.entities.tagger import resolve_overlaps, tag_entities


def _ent(label, start, end, text="x" * 200):
    return {"label": label, "start": start, "end": end, "text": text[start:end]}


@pytest.fixture
def no_people(monkeypatch):
    """The tagger with a PER finder that finds nobody (to see the other labels merged alone)."""
    monkeypatch.setattr(tagger, "find_people", lambda text: [])
    return None  # the PER rules alone (people_model=None), which find nobody here


def _check(text, found):
    for e in found:
        assert text[e["start"]:e["end"]] == e["text"]
    assert [(e["start"], -e["end"]) for e in found] == sorted((e["start"], -e["end"]) for e in found)


def test_all_labels_merged_without_people(no_people):
    text = "Ngày 26/5, UBND tỉnh Bình Phước và Sở Y tế TP.HCM đặt mục tiêu đến năm 2025."
    found = tag_entities(text, people_model=no_people)
    _check(text, found)
    assert [(e["label"], e["text"]) for e in found] == [
        ("DATE", "Ngày 26/5"),
        ("ORG", "UBND tỉnh Bình Phước"), ("PROVINCE", "Bình Phước"),
        ("ORG", "Sở Y tế TP.HCM"), ("PROVINCE", "TP.HCM"),
        ("DATE", "năm 2025"),
    ]
    assert found[1]["province"] == "Bình Phước" and found[2]["province_2025"] == "Đồng Nai"


def test_publication_date_reaches_dates(no_people):
    found = tag_entities("Ngày 26/5 năm nay.", published="2024-06-01", people_model=no_people)
    assert [e["value"] for e in found] == ["2024-05-26", "2024"]


def test_people_merged_and_org_trimmed_before_a_name(monkeypatch):
    text = "Giám đốc Công ty Cổ phần Sao Mai Nguyễn Văn An cho biết."
    start = text.index("Nguyễn")
    person = {"label": "PER", "text": "Nguyễn Văn An", "start": start, "end": start + len("Nguyễn Văn An"),
              "value": "Nguyễn Văn An"}
    monkeypatch.setattr(tagger, "find_people", lambda t: [dict(person)])
    found = tag_entities(text, people_model=None)
    _check(text, found)
    assert [(e["label"], e["text"]) for e in found] == [("ORG", "Công ty Cổ phần Sao Mai"), ("PER", "Nguyễn Văn An")]


@pytest.mark.parametrize("entities, kept", [
    ([_ent("ORG", 0, 20), _ent("PROVINCE", 10, 20)], [("ORG", 0, 20), ("PROVINCE", 10, 20)]),
    ([_ent("PROVINCE", 0, 8), _ent("PER", 0, 8)], [("PER", 0, 8)]),
    ([_ent("DATE", 5, 9), _ent("ORG", 0, 20)], [("ORG", 0, 20)]),
    ([_ent("PER", 0, 12), _ent("PROVINCE", 5, 12)], [("PER", 0, 12)]),
    ([_ent("ORG", 0, 10), _ent("PROVINCE", 8, 14)], [("ORG", 0, 10)]),
    ([_ent("DATE", 30, 34), _ent("PER", 0, 5)], [("PER", 0, 5), ("DATE", 30, 34)]),
])
def test_overlap_rules(entities, kept):
    assert [(e["label"], e["start"], e["end"]) for e in resolve_overlaps(entities)] == kept
