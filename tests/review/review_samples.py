"""Small hand-written Vietnamese articles, contract-shaped records and fixtures for the review tests.

A plain module (not a conftest: the rootdir conftest owns that name); test modules import the fixtures.
"""
import hashlib
import json

import pytest

ARTICLES = {
    "bp01": ("Sáng 12/3, UBND tỉnh Bình Phước tổ chức hội nghị về chuyển đổi số.\n"
             "UBND tỉnh Bình Phước đặt mục tiêu đến năm 2025 kinh tế số chiếm 20% GRDP. "
             "Chủ tịch UBND tỉnh Trần Tuệ Hiền cho biết năm 2022 tỉnh đã cung cấp 1.200 dịch vụ công "
             "trực tuyến mức độ 4."),
    "dn02": ("Đà Nẵng phấn đấu đến năm 2030 đứng đầu cả nước về chỉ số chuyển đổi số DTI. "
             "Năm 2023, thành phố có 95% hồ sơ được xử lý trực tuyến."),
    "xss03": ("Bài thử nghiệm an toàn.\n"
              "Tỉnh Nghệ An <script>alert(1)</script> phấn đấu đến năm 2026 đạt 90% hồ sơ trực tuyến <b>x</b>."),
}


def make_record(article_id, sentence, type_, metrics=(), deadline=None, actor=None, speaker=None,
                confidence=0.8, indicator=None):
    """A commitment record with offsets computed from ARTICLES[article_id] (each checked by slicing)."""
    text = ARTICLES[article_id]
    s_start = text.index(sentence)
    s_end = s_start + len(sentence)

    def span(sub):
        start = text.index(sub, s_start)
        assert text[start:start + len(sub)] == sub
        return start, start + len(sub)

    mets = []
    for sub, value, unit in metrics:
        start, end = span(sub)
        mets.append({"value": value, "unit": unit, "text": sub, "start": start, "end": end})
    dl = None
    if deadline:
        start, end = span(deadline[0])
        dl = {"year": deadline[1], "text": deadline[0], "start": start, "end": end}
    act = None
    if actor:
        act = {"text": actor[0], "kind": actor[1], "province": actor[2], "province_2025": actor[2]}
    key = f"{article_id}:{s_start}:{s_end}:{type_}"
    rec = {"schema": "camket.commitment/1", "id": "c_" + hashlib.sha256(key.encode()).hexdigest()[:20],
           "article_id": article_id, "type": type_,
           "sentence": {"text": sentence, "start": s_start, "end": s_end},
           "deadline": dl, "metrics": mets, "actor": act,
           "speaker": {"name": speaker[0], "title": speaker[1]} if speaker else None,
           "confidence": confidence}
    if indicator:
        rec["indicator"] = indicator
    return rec


def sample_records():
    """Five claims over three articles, one with <script> in its sentence."""
    return [
        make_record("bp01", "UBND tỉnh Bình Phước đặt mục tiêu đến năm 2025 kinh tế số chiếm 20% GRDP.",
                    "target", metrics=[("20%", 20, "percent")], deadline=("năm 2025", 2025),
                    actor=("UBND tỉnh Bình Phước", "province", "Bình Phước"), confidence=0.92,
                    indicator="kinh tế số/GRDP"),
        make_record("bp01", "Chủ tịch UBND tỉnh Trần Tuệ Hiền cho biết năm 2022 tỉnh đã cung cấp 1.200 dịch vụ "
                            "công trực tuyến mức độ 4.",
                    "achievement", metrics=[("1.200", 1200, "count"), ("mức độ 4", 4, "level")],
                    deadline=("năm 2022", 2022), actor=("tỉnh", "province", "Bình Phước"),
                    speaker=("Trần Tuệ Hiền", "Chủ tịch UBND tỉnh"), confidence=0.71),
        make_record("dn02", "Đà Nẵng phấn đấu đến năm 2030 đứng đầu cả nước về chỉ số chuyển đổi số DTI.",
                    "target", metrics=[("đứng đầu", 1, "rank")], deadline=("năm 2030", 2030),
                    actor=("Đà Nẵng", "province", "Đà Nẵng"), confidence=0.85, indicator="DTI"),
        make_record("dn02", "Năm 2023, thành phố có 95% hồ sơ được xử lý trực tuyến.",
                    "achievement", metrics=[("95%", 95, "percent")], deadline=("Năm 2023", 2023),
                    actor=("thành phố", "province", "Đà Nẵng"), confidence=0.55),
        make_record("xss03", "Tỉnh Nghệ An <script>alert(1)</script> phấn đấu đến năm 2026 đạt 90% hồ sơ "
                             "trực tuyến <b>x</b>.",
                    "target", metrics=[("90%", 90, "percent")], deadline=("năm 2026", 2026),
                    actor=("Tỉnh Nghệ An", "province", "Nghệ An"), confidence=0.6,
                    indicator="<img src=x onerror=alert(2)>"),
    ]


def sample_articles(records):
    """Article records (contract shape, no text) for the sample records."""
    out = []
    for article_id in ARTICLES:
        n = sum(1 for r in records if r["article_id"] == article_id)
        out.append({"schema": "camket.article/1", "article_id": article_id, "status": "ok",
                    "entities": [], "n_commitments": n})
    return out


def write_jsonl(path, rows):
    with open(path, "w", encoding="utf-8") as f:
        for row in rows:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
    return path


@pytest.fixture
def records():
    return sample_records()


@pytest.fixture
def review_files(tmp_path):
    """commitments.jsonl, articles.jsonl and a texts/ folder of .txt files in tmp_path."""
    recs = sample_records()
    texts = tmp_path / "texts"
    texts.mkdir()
    for article_id, text in ARTICLES.items():
        (texts / f"{article_id}.txt").write_text(text, encoding="utf-8")
    return {"commitments": write_jsonl(tmp_path / "commitments.jsonl", recs),
            "articles": write_jsonl(tmp_path / "articles.jsonl", sample_articles(recs)),
            "texts": texts, "records": recs}
