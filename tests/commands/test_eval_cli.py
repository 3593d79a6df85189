"""`camket eval`: figures as the reference scorer prints them, misses, pipeline run, one-line errors."""
import json
import subprocess
import sys
import types

import pytest

from pipeline.cli import main

TEXT = ("Bình Phước phấn đấu đến năm 2025, kinh tế số chiếm 20% GRDP. "
        "Ngày 26/5, UBND tỉnh tổ chức hội nghị. "
        "Đến nay, tỉnh có 1.123 dịch vụ công mức độ 4.")
S1 = "Bình Phước phấn đấu đến năm 2025, kinh tế số chiếm 20% GRDP."
S2 = "Đến nay, tỉnh có 1.123 dịch vụ công mức độ 4."


def gold_row():
    a, b = TEXT.index(S1), TEXT.index(S2)
    return {"article_id": "t1", "commitments": [
        {"type": "target", "sentence_start": a, "sentence_end": a + len(S1), "sentence": S1, "deadline": 2025,
         "metrics": [{"value": 20, "unit": "percent"}], "actor": "Bình Phước"},
        {"type": "achievement", "sentence_start": b, "sentence_end": b + len(S2), "sentence": S2, "deadline": None,
         "metrics": [{"value": 1123, "unit": "count"}, {"value": 4, "unit": "level"}], "actor": "Bình Phước"}],
        "entities": [{"label": "PROVINCE", "text": "Bình Phước", "start": 0, "end": 10, "value": "Bình Phước"},
                     {"label": "DATE", "text": "năm 2025", "start": 24, "end": 32, "value": "2025"}]}


def record(sentence, year=None, metrics=(), type_="target"):
    start = TEXT.index(sentence)
    return {"schema": "camket.commitment/1", "article_id": "t1", "type": type_,
            "sentence": {"text": sentence, "start": start, "end": start + len(sentence)},
            "deadline": {"year": year} if year else None, "metrics": list(metrics),
            "actor": {"text": "Bình Phước", "kind": "province", "province": "Bình Phước"}}


@pytest.fixture
def files(tmp_path):
    (tmp_path / "t1.txt").write_text(TEXT, encoding="utf-8")
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps(gold_row(), ensure_ascii=False) + "\n", encoding="utf-8")
    preds = [record(S1, 2024, [{"value": 20, "unit": "percent"}]),
             record("Ngày 26/5, UBND tỉnh tổ chức hội nghị."),
             {"schema": "camket.article/1", "article_id": "t1", "status": "ok"}]
    commitments = tmp_path / "c.jsonl"
    commitments.write_text("".join(json.dumps(p, ensure_ascii=False) + "\n" for p in preds), encoding="utf-8")
    articles = tmp_path / "a.jsonl"
    articles.write_text(json.dumps({"article_id": "t1", "entities": [
        {"label": "PROVINCE", "text": "Bình Phước", "start": 0, "end": 10, "value": "Bình Phước"}]}) + "\n",
        encoding="utf-8")
    return tmp_path, gold, commitments, articles


def test_figures_and_misses(files, capsys):
    tmp, gold, commitments, articles = files
    assert main(["eval", str(gold), str(commitments), str(articles), "--texts", str(tmp)]) == 0
    out = capsys.readouterr().out
    assert "sentence_p: 0.500" in out and "sentence_r: 0.500" in out and "years_f1: 0.000" in out
    assert "gold_sentences: 2" in out and "PROVINCE_f1: 1.000" in out and "DATE_r: 0.000" in out
    assert "missed_sentence" in out and "extra_sentence" in out and "years: expected [2025] found [2024]" in out
    assert "Đến nay, tỉnh có 1.123" in out


def test_json_matches_reference_scorer(files, capsys, shared_dir):
    tmp, gold, commitments, articles = files
    assert main(["eval", str(gold), str(commitments), str(articles), "--json"]) == 0
    mine = json.loads(capsys.readouterr().out)
    ref = subprocess.run([sys.executable, str(shared_dir / "tools" / "score.py"), str(gold), str(commitments),
                          str(articles), "--json"], capture_output=True, text=True, check=True)
    assert mine == pytest.approx(json.loads(ref.stdout))


def test_misses_zero_prints_figures_only(files, capsys):
    tmp, gold, commitments, _ = files
    main(["eval", str(gold), str(commitments), "--misses", "0"])
    out = capsys.readouterr().out
    assert "missed_sentence" not in out and "PER_f1" not in out and out.count("\n") == 13


def test_without_predictions_runs_the_pipeline(files, capsys, monkeypatch):
    """With only GOLD, each gold article's text goes through Extractor.process and the records are scored."""
    tmp, gold, _, _ = files
    seen = []

    class FakeExtractor:
        @classmethod
        def load(cls):
            return cls()

        def process(self, article):
            seen.append((article["article_id"], article["text"]))
            return ({"schema": "camket.article/1", "article_id": article["article_id"], "status": "ok",
                     "entities": []}, [record(S2, type_="achievement", metrics=[{"value": 1123, "unit": "count"}])])

    monkeypatch.setitem(sys.modules, "pipeline.extractor", types.SimpleNamespace(Extractor=FakeExtractor))
    assert main(["eval", str(gold), "--texts", str(tmp), "--json"]) == 0
    res = json.loads(capsys.readouterr().out)
    assert seen == [("t1", TEXT)]
    assert res["sentence_p"] == 1.0 and res["sentence_r"] == 0.5 and res["metrics_r"] == 0.5  # fields: matched sentences only
    assert res["PROVINCE_r"] == 0.0


def test_standoff_gold_is_read_against_texts(files, capsys):
    from pipeline.gold import to_standoff
    tmp, gold, commitments, _ = files
    standoff = tmp / "gold.standoff.jsonl"
    standoff.write_text(json.dumps(to_standoff([gold_row()])[0], ensure_ascii=False) + "\n", encoding="utf-8")
    main(["eval", str(gold), str(commitments), "--json"])
    plain = capsys.readouterr().out
    assert main(["eval", str(standoff), str(commitments), "--texts", str(tmp), "--json"]) == 0
    assert capsys.readouterr().out == plain
    (tmp / "t1.txt").write_text(TEXT.replace("20%", "30%"), encoding="utf-8")
    assert main(["eval", str(standoff), str(commitments), "--texts", str(tmp)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("camket eval: error: t1: the sentence span") and err.count("\n") == 1


@pytest.mark.parametrize("args", [["absent.jsonl"], ["{gold}", "absent.jsonl"], ["{gold}", "--texts", "absent-dir"]])
def test_errors_are_one_line(files, capsys, args):
    tmp, gold, _, _ = files
    code = main(["eval"] + [a.format(gold=gold) for a in args])
    err = capsys.readouterr().err
    assert code == 2 and err.startswith("camket eval: error:") and err.count("\n") == 1


def test_commitments_from_stdin(files, capsys, monkeypatch):
    import io
    tmp, gold, commitments, _ = files
    main(["eval", str(gold), str(commitments), "--json"])
    from_file = capsys.readouterr().out
    monkeypatch.setattr(sys, "stdin", io.StringIO(commitments.read_text(encoding="utf-8")))
    assert main(["eval", str(gold), "-", "--json"]) == 0
    assert capsys.readouterr().out == from_file


def test_texts_beside_the_gold_file_are_found(files, capsys, monkeypatch):
    """A gold file in the folder of its texts needs no --texts (the seeds gold sits beside the seeds)."""
    tmp, gold, _, _ = files
    seen = []

    class FakeExtractor:
        @classmethod
        def load(cls):
            return cls()

        def process(self, article):
            seen.append(article["text"])
            return {"schema": "camket.article/1", "article_id": article["article_id"], "status": "ok"}, []

    monkeypatch.setitem(sys.modules, "pipeline.extractor", types.SimpleNamespace(Extractor=FakeExtractor))
    assert main(["eval", str(gold), "--json"]) == 0
    assert seen == [TEXT] and json.loads(capsys.readouterr().out)["sentence_r"] == 0.0


def test_a_figure_that_cannot_be_computed_is_na(files, capsys):
    tmp, gold, commitments, articles = files
    assert main(["eval", str(gold), str(commitments), str(articles), "--texts", str(tmp), "--misses", "0"]) == 0
    out = dict(line.split(": ", 1) for line in capsys.readouterr().out.splitlines() if ": " in line)
    # no PER in the gold nor in the predictions: 0/0 everywhere; DATE: one gold, none predicted
    assert out["PER_p"] == out["PER_r"] == out["PER_f1"] == out["PER_value_acc"] == "n/a"
    assert out["DATE_p"] == "n/a" and out["DATE_r"] == "0.000" and out["DATE_f1"] == "0.000"
    assert out["DATE_value_acc"] == "n/a" and out["sentence_p"] == "0.500" and out["type_acc"] == "1.000"
    # --json keeps the reference scorer's numbers (0.0 where undefined)
    assert main(["eval", str(gold), str(commitments), str(articles), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["PER_p"] == 0.0


def test_an_empty_prediction_file_is_na_not_zero(files, capsys):
    tmp, gold, _, _ = files
    empty = tmp / "none.jsonl"
    empty.write_text("", encoding="utf-8")
    assert main(["eval", str(gold), str(empty), "--texts", str(tmp), "--misses", "0"]) == 0
    out = dict(line.split(": ", 1) for line in capsys.readouterr().out.splitlines() if ": " in line)
    assert out["sentence_p"] == "n/a" and out["sentence_r"] == "0.000" and out["type_acc"] == "n/a"
    assert out["actor_acc"] == "n/a" and out["gold_sentences"] == "2"
