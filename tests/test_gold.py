"""pipeline.gold: draft resolution (as ../shared/tools/gold.py), corrections, stand-off gold."""
import json
import re
from pathlib import Path

import pytest

from pipeline.errors import CamketError
from pipeline.gold import (STANDOFF_FORMAT, apply_corrections, build, load_gold, quote, read_jsonl, resolve,
                           span_hash, to_standoff, trim_quotes, word_occurrences)

REPO = Path(__file__).resolve().parents[1]

TEXT = ("Bình Phước phấn đấu đến năm 2025, kinh tế số chiếm 20% GRDP. "
        "Ngày 26/5, UBND tỉnh Bình Phước tổ chức hội nghị. "
        "Bình Phước phấn đấu đến năm 2025, kinh tế số chiếm 20% GRDP. "
        "Ông Phước phát biểu. Ảnh: Minh Hà")


@pytest.mark.parametrize("text, snippet, expected", [
    ("Hà Nội và Hà Nam", "Hà N", []),                 # cuts a word on the right
    ("Hà Nội và Hà Nam", "Hà Nội", [0]),
    ("năm 2025, năm 20251", "năm 2025", [0]),        # a longer number is not the year
    ("(TP.HCM) TP.HCM.", "TP.HCM", [1, 9]),
    ("ông Lợi, Lợi.", "Lợi", [4, 9]),
    ("BR- VT", "BR- VT", [0]),
    ("", "x", []),
])
def test_word_occurrences(text, snippet, expected):
    assert word_occurrences(text, snippet) == expected


def test_resolve_sentences_entities_and_skips():
    draft = {"article_id": "t", "commitments": [
        {"sentence": "Bình Phước phấn đấu đến năm 2025, kinh tế số chiếm 20% GRDP.", "occurrence": 1,
         "type": "target", "deadline": 2025, "metrics": [[20, "percent"], [1.2, "percent", {"value_max": 1.5}],
                                                          [1500000000, "money", "VND"], [3, "other", "lần"]],
         "actor": "Bình Phước"}],
        "entities": [["PROVINCE", "Bình Phước", "Bình Phước", {"skip": [0]}], ["PER", "Phước"],
                     ["PER", "Minh Hà"], ["DATE", "26/5", "XXXX-05-26"], ["DATE", "Ngày 26/5", "XXXX-05-26"]]}
    (row,), problems = resolve([draft], {"t": TEXT})
    assert problems == []
    c = row["commitments"][0]
    assert TEXT[c["sentence_start"]:c["sentence_end"]] == c["sentence"]
    assert c["sentence_start"] == TEXT.rindex("Bình Phước phấn đấu")
    assert c["metrics"] == [{"value": 20, "unit": "percent"}, {"value": 1.2, "unit": "percent", "value_max": 1.5},
                            {"value": 1500000000, "unit": "money", "currency": "VND"},
                            {"value": 3, "unit": "other", "word": "lần"}]
    for e in row["entities"]:
        assert TEXT[e["start"]:e["end"]] == e["text"]
    spans = [(e["label"], e["text"]) for e in row["entities"]]
    # skip [0] drops the first "Bình Phước" (so its "Phước" stands as a PER); inside the kept ones
    # the shorter PER "Phước" loses; "Ngày 26/5" beats "26/5"; "Ông Phước" keeps its PER.
    assert spans == [("PER", "Phước"), ("DATE", "Ngày 26/5"), ("PROVINCE", "Bình Phước"), ("PROVINCE", "Bình Phước"),
                     ("PER", "Phước"), ("PER", "Minh Hà")]
    assert row["entities"][1]["value"] == "XXXX-05-26" and row["entities"][0]["value"] is None


def test_resolve_reports_what_it_cannot_find():
    draft = {"article_id": "t", "commitments": [{"sentence": "Câu không có.", "type": "target"},
                                                {"sentence": "Bình Phước phấn đấu", "type": "target"}],
             "entities": [["PER", "Nguyễn Văn A"]]}
    (row,), problems = resolve([draft], {"t": TEXT})
    assert len(row["commitments"]) == 1
    assert any("sentence not found" in p for p in problems)
    assert any("found 2 times" in p for p in problems)
    assert any("entity not found" in p for p in problems)


def test_same_output_as_reference_resolver(shared_dir):
    for corpus in ("dev", "seeds"):
        folder = shared_dir / "corpus" / corpus
        drafts = read_jsonl(folder / "gold.draft.jsonl")
        texts = {d["article_id"]: (folder / f"{d['article_id']}.txt").read_text(encoding="utf-8") for d in drafts}
        rows, problems = resolve(drafts, texts)
        assert problems == []
        assert rows == read_jsonl(folder / "gold.jsonl")


SENT = "Bình Phước phấn đấu đến năm 2025, kinh tế số chiếm 20% GRDP."
DRAFT = {"article_id": "t", "commitments": [
    {"sentence": SENT, "occurrence": 0, "type": "target", "deadline": 2025, "metrics": [[20, "percent"]],
     "actor": "Bình Phước"}],
    "entities": [["PROVINCE", "Bình Phước", "Bình Phước"], ["PER", "Phước"]]}
NEW = {"sentence": "Ngày 26/5, UBND tỉnh Bình Phước tổ chức hội nghị.", "type": "target", "deadline": None,
       "metrics": [], "actor": "Bình Phước"}


@pytest.mark.parametrize("corr, ok, check", [
    ({"op": "remove_commitment", "sentence": SENT}, True, lambda d: d["commitments"] == []),
    ({"op": "remove_commitment", "sentence": "Không có."}, False, None),
    ({"op": "add_commitment", "commitment": NEW}, True, lambda d: len(d["commitments"]) == 2),
    ({"op": "add_commitment", "commitment": dict(DRAFT["commitments"][0])}, False, None),   # already there
    ({"op": "add_commitment", "commitment": {**NEW, "sentence": "Câu không có trong bài."}}, False, None),
    ({"op": "replace_commitment", "sentence": SENT, "commitment": {**DRAFT["commitments"][0], "deadline": 2030}},
     True, lambda d: d["commitments"][0]["deadline"] == 2030),
    ({"op": "add_entity", "entity": ["PER", "Minh Hà"]}, True, lambda d: ["PER", "Minh Hà"] in d["entities"]),
    ({"op": "add_entity", "entity": ["PER", "Trần Văn B"]}, False, None),                  # not in the text
    ({"op": "remove_entity", "entity": ["PER", "Phước"]}, True, lambda d: len(d["entities"]) == 1),
    ({"op": "replace_entity", "entity": ["PER", "Phước"], "new": ["PER", "Minh Hà"]}, True,
     lambda d: d["entities"][1] == ["PER", "Minh Hà"]),
    ({"op": "rename_article"}, False, None),
])
def test_corrections(corr, ok, check):
    corr = {"article_id": "t", "reason": "test", **corr}
    fixed, applied, rejected = apply_corrections([DRAFT], [("c.jsonl", 1, corr)], {"t": TEXT})
    assert (len(applied), len(rejected)) == ((1, 0) if ok else (0, 1))
    if ok:
        assert check(fixed[0])
    else:
        assert fixed[0] == DRAFT
    assert DRAFT["commitments"][0]["deadline"] == 2025  # the input is never changed


def test_corrections_for_unknown_articles_are_rejected():
    _, applied, rejected = apply_corrections([DRAFT], [("c.jsonl", 3, {"article_id": "zz", "op": "remove_entity",
                                                                       "entity": ["PER", "X"]})])
    assert applied == [] and "not in the draft" in rejected[0][3]


def test_standoff_holds_no_text_and_reads_back(tmp_path):
    (tmp_path / "t.txt").write_text(TEXT, encoding="utf-8")
    rows, _ = resolve([DRAFT], {"t": TEXT})
    standoff = to_standoff(rows)
    dumped = json.dumps(standoff, ensure_ascii=False)
    assert SENT not in dumped and "Phước phát" not in dumped
    assert all(r["format"] == STANDOFF_FORMAT for r in standoff)
    assert standoff[0]["commitments"][0]["sentence_hash"] == span_hash(SENT)
    path = tmp_path / "gold.standoff.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in standoff), encoding="utf-8")
    assert load_gold(path, tmp_path) == rows
    (tmp_path / "t.txt").write_text(TEXT.replace("20%", "25%"), encoding="utf-8")
    with pytest.raises(CamketError, match="no longer matches"):
        load_gold(path, tmp_path)


def test_load_gold_reads_resolved_files_and_refuses_others(tmp_path):
    rows, _ = resolve([DRAFT], {"t": TEXT})
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps(rows[0], ensure_ascii=False) + "\n", encoding="utf-8")
    assert load_gold(path) == rows
    path.write_text('{"schema": "camket.commitment/1"}\n', encoding="utf-8")
    with pytest.raises(CamketError):
        load_gold(path)
    with pytest.raises(CamketError, match="not found"):
        load_gold(tmp_path / "absent.jsonl")


def test_build_is_deterministic_and_logs_corrections(tmp_path):
    texts = tmp_path / "texts"
    texts.mkdir()
    (texts / "t.txt").write_text(TEXT, encoding="utf-8")
    draft = tmp_path / "draft.jsonl"
    draft.write_text(json.dumps(DRAFT, ensure_ascii=False) + "\n", encoding="utf-8")
    corr = tmp_path / "corr"
    corr.mkdir()
    lines = [{"article_id": "t", "op": "add_commitment", "commitment": NEW,
              "reason": "Bảo đảm \"một hai ba bốn năm sáu bảy tám chín mười\" được cắt."},
             {"article_id": "t", "op": "remove_entity", "entity": ["PER", "Không Có"], "reason": "x"}]
    (corr / "a.jsonl").write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in lines), encoding="utf-8")
    outs = []
    for n in (1, 2):
        out, log = tmp_path / f"g{n}.jsonl", tmp_path / f"CHANGELOG{n}.md"
        res = build(draft, texts, corr, out, log)
        outs.append((out.read_bytes(), log.read_text(encoding="utf-8")))
    assert outs[0] == outs[1]
    assert res["before"]["commitments"] == 1 and res["after"]["commitments"] == 2 and len(res["rejected"]) == 1
    log = outs[0][1]
    start = TEXT.index(NEW["sentence"])
    assert f"{start}-{start + len(NEW['sentence'])}" in log and "chín mười" not in log and "Not applied" in log
    assert NEW["sentence"] not in outs[0][0].decode("utf-8")


@pytest.mark.parametrize("text, words, expected", [
    ("một hai ba", 8, "một hai ba"), ("a b c d e f g h i j", 8, "a b c d e f g h …"), ("", 8, "")])
def test_quote(text, words, expected):
    assert quote(text, words) == expected


def test_trim_quotes_leaves_apostrophes():
    assert trim_quotes("the province's body and 'a b c d e f g h i j'") == "the province's body and 'a b c d e f g h …'"


def test_repository_gold_matches_the_texts(dev_dir):
    """corpus/dev/gold.standoff.jsonl re-reads against ../shared: every span's hash checks out."""
    path = REPO / "corpus" / "dev" / "gold.standoff.jsonl"
    raw = path.read_text(encoding="utf-8")
    rows = load_gold(path, dev_dir)
    assert len(rows) == 40
    for row in rows:
        text = (dev_dir / f"{row['article_id']}.txt").read_text(encoding="utf-8")
        for c in row["commitments"]:
            assert text[c["sentence_start"]:c["sentence_end"]] == c["sentence"]
            assert c["sentence"] not in raw
            assert c["type"] in ("target", "achievement")
        for e in row["entities"]:
            assert text[e["start"]:e["end"]] == e["text"]


def test_training_sentences_are_well_formed():
    """corpus/negatives.jsonl, positives.jsonl and examples.jsonl: enough rows, the fields the classifier reads."""
    negatives = read_jsonl(REPO / "corpus" / "negatives.jsonl")
    positives = read_jsonl(REPO / "corpus" / "positives.jsonl")
    assert len(negatives) >= 35 and len(positives) >= 18
    assert all(n["text"].strip() and n["reason"].strip() and n["label"] == "none" for n in negatives)
    units = {"percent", "rank", "level", "count", "money", "other"}
    for p in positives:
        assert p["label"] == p["type"] and p["type"] in ("target", "achievement")
        assert p["deadline"] is None or str(p["deadline"]) in p["text"]
        assert all(m[1] in units for m in p["metrics"])
    examples = read_jsonl(REPO / "corpus" / "examples.jsonl")
    assert len(examples) >= 150
    for x in examples:
        assert x["label"] in ("none", "target", "achievement") and x["text"].strip() and x["reason"].strip()
        assert re.fullmatch(r"neg[1-9][0-9]?|tgt|ach", x["kind"].split("-")[0])
        assert x.get("round", 1) in (1, 2, 3, 4, 5)  # rounds 2 to 5 were written after reading CV errors
        assert (x["label"] == "none") == x["kind"].startswith("neg")
        year = int(x["published"][:4])  # the imagined publication date places the sentence's years
        assert 2000 <= year <= 2030 and len(x["published"]) == 10
    texts = [n["text"] for n in negatives] + [p["text"] for p in positives] + [x["text"] for x in examples]
    assert len(set(texts)) == len(texts)


def test_build_reports_added_entities_that_mark_nothing(tmp_path):
    (tmp_path / "t.txt").write_text(TEXT, encoding="utf-8")
    draft = tmp_path / "draft.jsonl"
    draft.write_text(json.dumps(DRAFT, ensure_ascii=False) + "\n", encoding="utf-8")
    corr = tmp_path / "corr"
    corr.mkdir()
    (corr / "e.jsonl").write_text(json.dumps({"article_id": "t", "op": "add_entity", "entity": ["PER", "Bình"],
                                             "reason": "x"}, ensure_ascii=False) + "\n", encoding="utf-8")
    res = build(draft, tmp_path, corr, tmp_path / "g.jsonl", tmp_path / "CHANGELOG.md")
    assert any("marks no span" in p for p in res["problems"])
    assert "## Problems" in (tmp_path / "CHANGELOG.md").read_text(encoding="utf-8")


def test_written_examples_are_not_near_copies_of_test_or_dev_sentences(dev_dir, pool_dir):
    """Written training sentences never echo a sentence of the frozen test split or of the dev gold on the
    masked text the model reads (6+ shared word trigrams, or 30% of their own): the test figures would
    otherwise score sentences the model was shown."""
    from pipeline.extraction.training import _too_close, _trigrams, written_examples
    from pipeline.extractor import Extractor
    from pipeline.gold import read_sources
    ex = Extractor(None)
    test = json.loads((REPO / "corpus" / "splits.json").read_text(encoding="utf-8"))["test"]
    sources = read_sources(dev_dir, [p.stem for p in sorted(dev_dir.glob("*.txt"))])
    sources.update(read_sources(pool_dir, [t for t in test if t not in sources]))
    banned = [c["model_text"] for src in sources.values() for c in ex.document(src["text"]).candidates]
    assert len(banned) > 500
    paths = [REPO / "corpus" / n for n in ("negatives.jsonl", "positives.jsonl", "examples.jsonl")]
    cands, labels, groups, dropped = written_examples(ex, paths, banned)
    assert dropped == 0 and len(set(groups)) > 700
    # the check itself catches a near copy: a banned sentence fed back is too close to itself
    index = {}
    for k, t in enumerate(banned):
        for tri in _trigrams(t):
            index.setdefault(tri, []).append(k)
    assert _too_close(_trigrams(banned[0] + " " + banned[1]), index, 6, 0.3)
