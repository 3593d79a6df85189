"""The Dask engine on a LocalCluster of 2 worker processes gives the same records as the local run."""
import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
TEXTS = [
    "UBND tỉnh Bình Phước đặt mục tiêu đến năm 2025 kinh tế số chiếm 20% GRDP.",
    "Năm 2023, tỉnh Quảng Ninh đạt tốc độ tăng trưởng 11,03%, đứng thứ 5 cả nước.",
    "Thành phố Hà Nội phấn đấu đến năm 2030 có 100% xã đạt chuẩn nông thôn mới.",
    "Tỉnh Đồng Nai phấn đấu giảm tỷ lệ hộ nghèo xuống dưới 1% vào cuối năm 2025.",
]


def _run(*args):
    return subprocess.run([sys.executable, "-m", "pipeline.cli", *map(str, args)], cwd=REPO,
                          capture_output=True, text=True, timeout=600)


def test_dask_local_cluster_matches_local_engine(tmp_path):
    feed = tmp_path / "feed.jsonl"
    with open(feed, "w", encoding="utf-8") as f:
        for i in range(11):
            text = " ".join(TEXTS[i % 4:] + TEXTS[: i % 4]) + f" Bài {i}."
            if i == 9:  # ~1M characters: far over the limit below (which is generous for short ones under load)
                text = " ".join(TEXTS) * 3500
            f.write(json.dumps({"id": f"d{i}", "text": text if i != 7 else ""}, ensure_ascii=False) + "\n")
    results = {}
    for engine in ("local", "dask"):
        out, art = tmp_path / f"{engine}.jsonl", tmp_path / f"{engine}.articles.jsonl"
        jobs = 2 if engine == "dask" else 1
        r = _run("extract", feed, "-o", out, "--articles", art, "--engine", engine, "--jobs", jobs, "--shard-size", 3,
                 "--timeout", 4)
        assert r.returncode == 1, r.stderr  # d7 is empty
        results[engine] = (out.read_bytes(), art.read_bytes())
    assert results["dask"] == results["local"]
    arts = [json.loads(x) for x in results["dask"][1].decode("utf-8").splitlines()]
    assert [a["article_id"] for a in arts] == [f"d{i}" for i in range(11)]
    assert arts[7]["error"]["kind"] == "empty"
    assert arts[9]["error"]["kind"] == "timeout"  # the limit holds on Dask workers too
    assert [a["status"] for i, a in enumerate(arts) if i not in (7, 9)] == ["ok"] * 9


def test_process_shard_loads_the_pipeline_once_per_worker():
    from pipeline.batch import dask_engine
    dask_engine._STATE.clear()
    items = [{"article_id": "x", "text": TEXTS[0], "source": "x"}, {"article_id": "y", "text": "", "source": "y"}]
    first = dask_engine.process_shard(items, None, 1000)
    state = dask_engine._STATE[(None, 1000)]
    second = dask_engine.process_shard(items, None, 1000)
    assert dask_engine._STATE[(None, 1000)] is state
    assert first == second and first[0][0]["status"] == "ok" and first[1][0]["error"]["kind"] == "empty"
