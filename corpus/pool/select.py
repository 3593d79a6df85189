"""Draw the pool articles the project annotates, and the frozen test split (run once; recorded).

Strata (seeded, so the draw can be repeated and checked):
- stream: drawn at random from baomoi-2017.jsonl as the articles come (most hold no commitment);
- goals: drawn at random from the baomoi-2017-goals.jsonl articles whose goal/result word density is in
  the top 30% (chosen for commitments by words alone, never by camket's output);
- dotted: drawn at random from both baomoi files among articles that write dates with dots ("ngày 22.4");
- dantri: drawn at random from the dantri-2020-2021 news sections that report on plans and results
  (these carry a publication date).
The test split is drawn at random within each stratum (dev articles included) before any tuning.

Later draws (``--round 2``: stratum goals2, 80 articles; ``--round 3``: goals3, 40; ``--round 4``: goals4, 24; each of
baomoi-2017-goals.jsonl in the top 10% of goal/result word density, not drawn before) were added when
the earlier rounds held fewer commitment sentences than the gold needs; they train only (the test
split stays as first drawn).

usage: python corpus/pool/select.py [--round 1|2|3|4] [--pool ../shared/corpus/pool] [--dev ../shared/corpus/dev]
"""
import argparse
import json
import random
import re
from pathlib import Path

HERE = Path(__file__).resolve().parent
SEED = 20261202
SIZES = {"stream": 70, "goals": 95, "dotted": 25, "dantri": 15}
TEST = {"stream": 24, "goals": 22, "dotted": 6, "dantri": 4, "dev": 10}
GOAL_WORDS = re.compile(r"mục tiêu|phấn đấu|chỉ tiêu|kế hoạch|đạt|hoàn thành|đến năm 20\d\d|đến nay|giai đoạn 20\d\d")
DOTTED = re.compile(r"(?:ngày|tháng|từ|đến)\s+\d{1,2}\.\d{1,2}(?:\.\d{4})?\b|\btháng\s+\d{1,2}\.\d{4}")
DANTRI_SECTIONS = ("dt-news_business", "dt-news_society", "dt-news_education", "dt-news_tech", "dt-news_travel")


def read(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def density(text):
    return len(GOAL_WORDS.findall(text.lower())) / max(1.0, len(text) / 1000)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--pool", default=str(HERE.parents[2] / "shared" / "corpus" / "pool"))
    ap.add_argument("--dev", default=str(HERE.parents[2] / "shared" / "corpus" / "dev"))
    ap.add_argument("--round", type=int, default=1, choices=(1, 2, 3, 4))
    args = ap.parse_args()
    if args.round > 1:
        return later_round(args.pool, args.round)
    rng = random.Random(SEED)
    stream = read(Path(args.pool) / "baomoi-2017.jsonl")
    goals = read(Path(args.pool) / "baomoi-2017-goals.jsonl")
    dantri = read(Path(args.pool) / "dantri-2020-2021.jsonl")
    chosen, taken = [], set()

    def take(stratum, rows, n, file):
        rows = [r for r in rows if r["id"] not in taken and len(r["text"]) <= 12000]
        for r in rng.sample(rows, n):
            taken.add(r["id"])
            chosen.append({"id": r["id"], "file": file, "stratum": stratum})

    take("stream", stream, SIZES["stream"], "baomoi-2017.jsonl")
    cut = sorted(density(r["text"]) for r in goals)[int(0.7 * len(goals))]
    take("goals", [r for r in goals if density(r["text"]) >= cut], SIZES["goals"], "baomoi-2017-goals.jsonl")
    dotted = [(r, "baomoi-2017.jsonl") for r in stream if DOTTED.search(r["text"])]
    dotted += [(r, "baomoi-2017-goals.jsonl") for r in goals if DOTTED.search(r["text"])]
    dotted = [(r, f) for r, f in dotted if r["id"] not in taken]
    for r, f in rng.sample(dotted, SIZES["dotted"]):
        taken.add(r["id"])
        chosen.append({"id": r["id"], "file": f, "stratum": "dotted"})
    take("dantri", [r for r in dantri if r["id"].rsplit("_", 1)[0] in DANTRI_SECTIONS], SIZES["dantri"],
         "dantri-2020-2021.jsonl")
    dev_ids = sorted(p.stem for p in Path(args.dev).glob("d*.txt"))
    test = []
    for stratum, n in TEST.items():
        ids = dev_ids if stratum == "dev" else [c["id"] for c in chosen if c["stratum"] == stratum]
        test += sorted(rng.sample(ids, n))
    with open(HERE / "selection.jsonl", "w", encoding="utf-8") as f:
        for c in chosen:
            f.write(json.dumps(c, ensure_ascii=False) + "\n")
    split = {"seed": SEED, "drawn": "2026-12-02, before any annotation or tuning",
             "how": "random within strata: " + ", ".join(f"{k} {v}" for k, v in TEST.items()),
             "test": test}
    (HERE.parent / "splits.json").write_text(json.dumps(split, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{len(chosen)} pool articles chosen; test split {len(test)} articles")


LATER_ROUNDS = {2: 80, 3: 40, 4: 24}


def later_round(pool, k):
    """Append more commitment-rich articles (stratum goals<k>) to selection.jsonl; the split is unchanged."""
    n, seed, stratum = LATER_ROUNDS[k], SEED + k, f"goals{k}"
    path = HERE / "selection.jsonl"
    with open(path, encoding="utf-8") as f:
        chosen = [json.loads(line) for line in f if line.strip()]
    if any(c["stratum"] == stratum for c in chosen):
        raise SystemExit(f"round {k} is already in selection.jsonl")
    taken = {c["id"] for c in chosen}
    goals = [r for r in read(Path(pool) / "baomoi-2017-goals.jsonl") if r["id"] not in taken and len(r["text"]) <= 9000]
    cut = sorted(density(r["text"]) for r in goals)[int(0.9 * len(goals))]
    rows = random.Random(seed).sample([r for r in goals if density(r["text"]) >= cut], n)
    with open(path, "a", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps({"id": r["id"], "file": "baomoi-2017-goals.jsonl", "stratum": stratum},
                               ensure_ascii=False) + "\n")
    print(f"{n} more pool articles chosen ({stratum})")


if __name__ == "__main__":
    main()
