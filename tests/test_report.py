"""The self-contained HTML report: figures from hand-built records, inline SVG, everything escaped."""
import re
from html.parser import HTMLParser

import pytest

from pipeline.cli import main
from pipeline.report import (NO_PROVINCE, build_report, column_chart, deadline_counts, hbar_chart,
                             indicator_counts, marked_sentence, province_counts, type_by_province)

TEXT = ("UBND tỉnh Bình Phước đặt mục tiêu đến năm 2025 kinh tế số chiếm 20% GRDP. "
        "Năm 2022, tỉnh đã có 1.200 dịch vụ công trực tuyến. "
        "Hà Nội phấn đấu đến năm 2030 có 100% xã đạt chuẩn <script>alert(1)</script>. "
        "Doanh nghiệp cam kết đến năm 2025 giảm 10% chi phí.")


def rec(n, sentence, type_, province=None, deadline=None, metrics=(), indicator=None):
    """A commitment record over TEXT with offsets computed by searching it."""
    start = TEXT.index(sentence)
    mets = []
    for sub, value, unit in metrics:
        m = TEXT.index(sub, start)
        mets.append({"value": value, "unit": unit, "text": sub, "start": m, "end": m + len(sub)})
    dl = None
    if deadline:
        d = TEXT.index(deadline[0], start)
        dl = {"year": deadline[1], "text": deadline[0], "start": d, "end": d + len(deadline[0])}
    r = {"schema": "camket.commitment/1", "id": f"c_{n:04d}", "article_id": "a1", "type": type_,
         "sentence": {"text": sentence, "start": start, "end": start + len(sentence)}, "deadline": dl,
         "metrics": mets, "actor": {"text": province, "kind": "province", "province": province,
                                    "province_2025": province} if province else None,
         "speaker": None, "confidence": 0.5}
    if indicator:
        r["indicator"] = indicator
    return r


RECORDS = [
    rec(1, "UBND tỉnh Bình Phước đặt mục tiêu đến năm 2025 kinh tế số chiếm 20% GRDP.", "target", "Bình Phước",
        ("năm 2025", 2025), [("20%", 20, "percent")], indicator="kinh tế số"),
    rec(2, "Năm 2022, tỉnh đã có 1.200 dịch vụ công trực tuyến.", "achievement", "Bình Phước",
        ("Năm 2022", 2022), [("1.200", 1200, "count")], indicator="dịch vụ công trực tuyến"),
    rec(3, "Hà Nội phấn đấu đến năm 2030 có 100% xã đạt chuẩn <script>alert(1)</script>.", "target", "Hà Nội",
        ("năm 2030", 2030), [("100%", 100, "percent")]),
    rec(4, "Doanh nghiệp cam kết đến năm 2025 giảm 10% chi phí.", "target", None, ("năm 2025", 2025),
        [("10%", 10, "percent")]),
]


def test_figures_count_what_the_records_say():
    assert province_counts(RECORDS) == [("Bình Phước", 2), ("Hà Nội", 1), (NO_PROVINCE, 1)]
    assert deadline_counts(RECORDS) == [(y, {2022: 1, 2025: 2, 2030: 1}.get(y, 0)) for y in range(2022, 2031)]
    assert type_by_province(RECORDS) == [("Bình Phước", 1, 1), ("Hà Nội", 1, 0), (NO_PROVINCE, 1, 0)]
    assert indicator_counts(RECORDS) == [("percent", 2), ("dịch vụ công trực tuyến", 1), ("kinh tế số", 1)]


def test_deadline_counts_without_deadlines_or_far_apart():
    assert deadline_counts([]) == []
    far = [{"deadline": {"year": 1900}}, {"deadline": {"year": 2030}}]
    assert deadline_counts(far, max_span=60) == [(1900, 1), (2030, 1)]


@pytest.mark.parametrize("chart", [
    hbar_chart([("Bình Phước", 2), ("<b>x</b>", 1)], "t <i>"),
    column_chart([(2024, 1), (2025, 3)], "năm"),
])
def test_charts_are_svg_with_one_bar_per_non_zero_value(chart):
    assert chart.startswith("<svg") and chart.endswith("</svg>")
    assert len(re.findall(r'<rect class="bar"', chart)) == 2
    assert "<b>" not in chart and "<i>" not in chart


def test_marked_sentence_escapes_and_marks():
    html = marked_sentence(RECORDS[2])
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert '<mark class="ent ent-METRIC" data-label="METRIC" title="100 percent">100%</mark>' in html
    assert '<mark class="ent ent-DEADLINE" data-label="DEADLINE" title="2030">năm 2030</mark>' in html


class _Scan(HTMLParser):
    """Collects tags, external references and the text of each <td class="sentence">."""

    def __init__(self):
        super().__init__()
        self.tags, self.refs, self.scripts, self.sentences, self._in = [], [], 0, [], 0

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        attrs = dict(attrs)
        self.scripts += tag == "script"
        for key in ("src", "href"):
            if attrs.get(key) and not attrs[key].startswith("#"):
                self.refs.append(attrs[key])
        if tag == "link":
            self.refs.append(attrs.get("href"))
        if tag == "td" and attrs.get("class") == "sentence":
            self._in = 1
            self.sentences.append("")
        elif self._in and tag == "td":
            self._in = 0

    def handle_endtag(self, tag):
        if tag == "td":
            self._in = 0

    def handle_data(self, data):
        if self._in:
            self.sentences[-1] += data


def test_report_is_self_contained_and_escaped():
    html = build_report(RECORDS, [{"article_id": "a1", "status": "ok", "url": "javascript:alert(3)"}],
                        title="<script>t</script>")
    scan = _Scan()
    scan.feed(html)
    assert scan.scripts == 1  # our own inline filter script only
    assert scan.refs == []  # no CDN, no stylesheet, and the javascript: url is not linked
    assert scan.tags.count("svg") == 4
    assert [s for s in scan.sentences] == [r["sentence"]["text"] for r in RECORDS]
    assert "&lt;script&gt;t&lt;/script&gt;" in html


def test_report_without_records_still_renders():
    html = build_report([], None)
    assert "no data" in html and html.count("<svg") == 0


def test_cli_report(tmp_path, capsys):
    import json
    src = tmp_path / "c.jsonl"
    src.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in RECORDS), encoding="utf-8")
    out = tmp_path / "report.html"
    assert main(["report", str(src), "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8").count('<rect class="bar"') > 0
    assert main(["report", str(tmp_path / "missing.jsonl"), "-o", str(out)]) == 2
    assert "not found" in capsys.readouterr().err


def _track_files(tmp_path):
    """Commitments and articles of a written promise and its later results (one sentence per article)."""
    import sys
    sys.path.insert(0, str(__import__("pathlib").Path(__file__).parent / "tracking"))
    from tracking_samples import corpus
    records, articles = corpus([
        ("t1", "2021-03-01", "Bình Phước phấn đấu đến năm 2025 kinh tế số chiếm 20% GRDP.", "target", 2025),
        ("r1", "2026-01-10", "Năm 2025, kinh tế số chiếm 21% GRDP của tỉnh.", "achievement", 2025),
        ("t2", "2021-03-01", "Tỉnh phấn đấu đến năm 2025 giảm tỷ lệ hộ nghèo xuống dưới 2% <b>.</b>", "target", 2025),
        ("t3", "2021-03-01", "Đà Nẵng phấn đấu đến năm 2025 thu ngân sách đạt 30.000 tỷ đồng.", "target", 2025,
         "Đà Nẵng"),
        ("r3", "2026-01-10", "Năm 2025, thu ngân sách của thành phố đạt 27.500 tỷ đồng.", "achievement", 2025,
         "Đà Nẵng"),
    ])
    return records, articles


def test_promises_and_results_per_province(tmp_path):
    records, articles = _track_files(tmp_path)
    html = build_report(records, articles)
    section = html[html.index('id="promises"'):html.index("<h2>Claims</h2>")]
    # per province, the target with its status, the reason in words and the result it rests on, quoted
    assert section.index("Bình Phước") < section.index("Đà Nẵng")
    assert 'class="status s-met">met</span>' in section and 'class="status s-missed">missed</span>' in section
    assert "Năm 2025, kinh tế số chiếm 21% GRDP của tỉnh." in section and "reaches" in section
    assert "27.500 tỷ đồng" in section and "short" in section
    assert "1 target(s) with no comparable result yet" in section            # the poverty target
    assert "&lt;b&gt;" in section and "<b>.</b>" not in section               # sentences are escaped
    ids = {r["article_id"]: r["id"] for r in records}
    assert f'href="#{ids["r1"]}"' in section and f'id="{ids["r1"]}"' in html   # one click to the claim
    assert "as of <b>2026-01-10</b>" in section


def test_report_reads_given_tracks(tmp_path):
    records, articles = _track_files(tmp_path)  # puts tests/tracking on the path
    from tracking_samples import write_files
    c, a = write_files(tmp_path, records, articles)
    tracks = tmp_path / "t.jsonl"
    assert main(["track", str(c), "--articles", str(a), "--as-of", "2024", "-o", str(tracks),
                 "--quiet"]) == 0
    out = tmp_path / "r.html"
    assert main(["report", str(c), "--articles", str(a), "--tracks", str(tracks),
                 "-o", str(out)]) == 0
    html = out.read_text(encoding="utf-8")
    assert "as of <b>2024</b>" in html and 'class="status s-missed">missed</span>' not in html  # not yet missed


def test_without_tracks_the_section_says_so():
    assert "No target could be tracked" in build_report(RECORDS, None)
