import pytest

from pipeline.extraction.gate import worth_analysing


@pytest.mark.parametrize("sentence, expected", [
    ("Tỉnh phấn đấu đến năm 2025 đạt 20% GRDP.", True),
    ("Huyện Đức Thọ phấn đấu dẫn đầu về đích nông thôn mới", True),
    ("Ngành nông nghiệp phấn đấu trong năm nay hoàn thành.", True),
    ("Chuyển đổi số là nhiệm vụ đặc biệt quan trọng.", False),
    ("Ông đề nghị các sở, ngành xây dựng kế hoạch.", False),
    ("Hội nghị diễn ra trong không khí phấn khởi.", False),
])
def test_gate(sentence, expected):
    assert worth_analysing(sentence) is expected


def test_gate_keeps_almost_every_gold_commitment(seeds_dir, dev_dir):
    import json
    total = kept = 0
    for d in (seeds_dir, dev_dir):
        for line in open(d / "gold.jsonl", encoding="utf-8"):
            for c in json.loads(line)["commitments"]:
                total += 1
                kept += worth_analysing(c["sentence"])
    assert kept / total >= 0.99
