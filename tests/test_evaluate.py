"""pipeline.evaluate agrees with the reference scorer (../shared/tools/score.py) figure by figure."""
import json
import random
import subprocess
import sys

import pytest

from pipeline.evaluate import fold_name, metric_key, misses, only_commitments, score


def load_jsonl(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def write_jsonl(path, rows):
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path


def as_record(aid, c, actor_kind="province"):
    """A commitment record made from a gold commitment."""
    actor = None
    if c.get("actor"):
        actor = {"text": c["actor"], "kind": actor_kind}
        if actor_kind == "province":
            actor["province"] = c["actor"]
    return {"schema": "camket.commitment/1", "article_id": aid, "type": c["type"],
            "sentence": {"text": c["sentence"], "start": c["sentence_start"], "end": c["sentence_end"]},
            "deadline": {"year": c["deadline"], "text": str(c["deadline"]), "start": 0, "end": 0}
            if c.get("deadline") is not None else None,
            "metrics": [dict(m) for m in c["metrics"]], "actor": actor}


def perturbed(gold_rows, seed):
    """Predictions and article records from gold with misses of every kind the scorer counts."""
    rnd = random.Random(seed)
    commitments, articles = [], []
    for row in gold_rows:
        aid = row["article_id"]
        for c in row["commitments"]:
            r = as_record(aid, c, rnd.choice(["province", "organization"]))
            roll = rnd.random()
            if roll < 0.12:
                continue  # dropped sentence
            if roll < 0.2:
                r["metrics"] = r["metrics"][1:] + [{"value": rnd.choice([5, 20, 1e9, 0.5]), "unit": "percent"}]
            elif roll < 0.28:
                r["deadline"] = {"year": rnd.choice([2020, 2025, 2030])}
            elif roll < 0.34:
                r["actor"] = {"text": rnd.choice(["Sở Y tế", "tỉnh Bến Tre", "UBND tỉnh Bình Phước"])}
            elif roll < 0.4:
                r["type"] = "achievement" if r["type"] == "target" else "target"
            elif roll < 0.46:  # shifted span: sometimes still half-overlapping, sometimes not
                n = r["sentence"]["end"] - r["sentence"]["start"]
                shift = int(n * rnd.choice([0.3, 0.7]))
                r["sentence"] = {"text": "", "start": r["sentence"]["start"] + shift, "end": r["sentence"]["end"] + shift}
            elif roll < 0.5:
                r["metrics"].append({"value": "x", "unit": "count"})  # unreadable: ignored
            commitments.append(r)
            if rnd.random() < 0.1:  # extra sentence
                commitments.append({**r, "sentence": {"text": "", "start": c["sentence_end"] + 1,
                                                      "end": c["sentence_end"] + 40}})
        ents = []
        for e in row["entities"]:
            roll = rnd.random()
            if roll < 0.1:
                continue
            p = {"label": e["label"], "text": e["text"], "start": e["start"], "end": e["end"], "value": e["value"]}
            if roll < 0.2:
                p["value"] = "Hà Nội" if e["label"] == "PROVINCE" else "XXXX"
                p["text"] = p["text"][:-1]
            elif roll < 0.25:
                p["label"] = "ORG"
            elif roll < 0.3:
                p["start"] += 1
            ents.append(p)
            if rnd.random() < 0.05:
                ents.append({**p, "start": p["end"] + 2, "end": p["end"] + 9})
        articles.append({"schema": "camket.article/1", "article_id": aid, "status": "ok", "entities": ents})
    commitments.append({**commitments[0], "article_id": "not-in-gold"})
    articles.append({"schema": "camket.article/1", "article_id": "not-in-gold", "entities": []})
    return commitments, articles


def reference(shared_dir, gold, commitments, articles=None):
    args = [sys.executable, str(shared_dir / "tools" / "score.py"), str(gold), str(commitments)]
    if articles:
        args.append(str(articles))
    out = subprocess.run(args + ["--json"], capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def assert_same(mine, ref):
    assert set(mine) == set(ref)
    for key in ref:
        assert mine[key] == pytest.approx(ref[key], abs=1e-9), key


@pytest.mark.parametrize("corpus", ["dev", "seeds"])
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_same_figures_as_reference_scorer(shared_dir, tmp_path, corpus, seed):
    gold_path = shared_dir / "corpus" / corpus / "gold.jsonl"
    gold = load_jsonl(gold_path)
    commitments, articles = perturbed(gold, seed)
    cpath = write_jsonl(tmp_path / "c.jsonl", commitments + articles)  # mixed records: scorer keeps commitments
    apath = write_jsonl(tmp_path / "a.jsonl", articles)
    ref = reference(shared_dir, gold_path, cpath, apath)
    mine = score(gold, only_commitments(load_jsonl(cpath)), load_jsonl(apath))
    assert_same(mine, ref)
    assert min(ref["sentence_r"], ref["sentence_p"], ref["metrics_f1"], ref["years_f1"]) < 1.0  # perturbations bite
    assert min(ref["PER_f1"], ref["PROVINCE_f1"], ref["DATE_f1"], ref["DATE_value_acc"]) < 1.0
    assert_same(score(gold, only_commitments(commitments)), reference(shared_dir, gold_path, cpath))


def test_perfect_predictions_score_one(dev_dir):
    gold = load_jsonl(dev_dir / "gold.jsonl")
    commitments = [as_record(g["article_id"], c) for g in gold for c in g["commitments"]]
    res = score(gold, commitments, [{"article_id": g["article_id"], "entities": g["entities"]} for g in gold])
    for key in ("sentence_p", "sentence_r", "type_acc", "years_f1", "metrics_f1", "actor_acc",
                "PER_f1", "PROVINCE_f1", "DATE_f1", "DATE_value_acc"):
        assert res[key] == 1.0, key
    assert res["gold_sentences"] == len({(g["article_id"], c["sentence_start"], c["sentence_end"])
                                         for g in gold for c in g["commitments"]})
    assert misses(gold, commitments) == {}


GOLD = [{"article_id": "t1", "commitments": [
    {"type": "target", "sentence_start": 0, "sentence_end": 40, "sentence": "x" * 40, "deadline": 2025,
     "metrics": [{"value": 20, "unit": "percent"}], "actor": "Bình Phước"},
    {"type": "achievement", "sentence_start": 50, "sentence_end": 90, "sentence": "y" * 40, "deadline": None,
     "metrics": [], "actor": "Sở Y tế"}],
    "entities": [{"label": "PROVINCE", "text": "Bình Phước", "start": 5, "end": 15, "value": "Bình Phước"}]}]


def rec(start, end, type_="target", year=None, metrics=(), actor=None):
    return {"schema": "camket.commitment/1", "article_id": "t1", "type": type_,
            "sentence": {"text": "", "start": start, "end": end},
            "deadline": {"year": year} if year else None, "metrics": list(metrics), "actor": actor}


@pytest.mark.parametrize("preds, key, expected", [
    ([rec(0, 40, year=2025)], "sentence_r", 0.5),
    ([rec(19, 60, year=2025)], "sentence_r", 0.5),          # overlaps exactly half of the gold sentence
    ([rec(21, 60, year=2025)], "sentence_r", 0.0),          # less than half
    ([rec(0, 40, year=2025), rec(100, 120)], "sentence_p", 0.5),
    ([rec(0, 40, year=2024)], "years_f1", 0.0),
    ([rec(0, 40, metrics=[{"value": 20.0000001, "unit": "percent"}])], "metrics_f1", 1.0),
    ([rec(0, 40, metrics=[{"value": 20, "unit": "count"}])], "metrics_p", 0.0),
    ([rec(0, 40, actor={"text": "UBND tỉnh Bình Phước"})], "actor_acc", 0.0),
    ([rec(0, 40, actor={"text": "x", "province": "tỉnh bình phước"})], "province_actor_acc", 1.0),
    ([rec(50, 90, "achievement", actor={"text": "sở y tế"})], "actor_acc", 1.0),
    ([rec(50, 90, "target")], "type_acc", 0.0),
])
def test_small_cases(preds, key, expected):
    assert score(GOLD, preds)[key] == pytest.approx(expected)


def test_misses_say_what_differs():
    found = misses(GOLD, [rec(0, 40, year=2024, actor={"text": "Bến Tre"}), rec(100, 120)],
                   texts={"t1": "a" * 130})
    kinds = [m["kind"] for m in found["t1"]]
    assert kinds == ["actor", "metrics", "years", "missed_sentence", "extra_sentence"]
    years = next(m for m in found["t1"] if m["kind"] == "years")
    assert years["expected"] == [2025] and years["found"] == [2024]
    assert found["t1"][-1]["snippet"] == "a" * 20


@pytest.mark.parametrize("a, b", [("Bà Rịa-Vũng Tàu", "bà rịa - vũng tàu"), ("tỉnh Thanh Hoá", "Thanh Hóa"),
                                  ("TP. Hồ Chí Minh", "Hồ Chí Minh"), ("Tỉnh uỷ", "tỉnh ủy")])
def test_fold_name(a, b):
    assert fold_name(a) == fold_name(b)


def test_metric_key_rounds_large_values():
    assert metric_key({"value": 1500000000, "unit": "money"}) == metric_key({"value": 1500000000.4, "unit": "money"})
