"""A self-contained HTML report of the commitment records: inline CSS, inline SVG charts, no network.

Pure functions from records to strings; every value from the records is escaped
(article text is untrusted).
"""
from collections import Counter
from datetime import datetime, timezone
from html import escape

from .review.marks import claim_view, deadline_year, indicator_of, metric_label, province_of

NO_PROVINCE = "(no province)"
COLORS = {"target": "#2f6fd6", "achievement": "#8a4fd0", "bar": "#2f8f6b", "year": "#e0812a"}


# ---- figures (plain data) -------------------------------------------------------------------------

def province_counts(records):
    """[(province, n)] most claims first; claims without a province under NO_PROVINCE, last."""
    counts = Counter(province_of(r) or NO_PROVINCE for r in records)
    return sorted(counts.items(), key=lambda kv: (kv[0] == NO_PROVINCE, -kv[1], kv[0]))


def deadline_counts(records, max_span=60):
    """[(year, n)] for every year from the first to the last deadline (gaps as 0); sparse when too wide."""
    counts = Counter(y for y in (deadline_year(r) for r in records) if y is not None)
    if not counts:
        return []
    lo, hi = min(counts), max(counts)
    years = range(lo, hi + 1) if hi - lo <= max_span else sorted(counts)
    return [(y, counts.get(y, 0)) for y in years]


def type_by_province(records):
    """[(province, targets, achievements)] ordered like province_counts."""
    by = {}
    for r in records:
        row = by.setdefault(province_of(r) or NO_PROVINCE, [0, 0])
        if r.get("type") == "target":
            row[0] += 1
        elif r.get("type") == "achievement":
            row[1] += 1
    return sorted(((p, t, a) for p, (t, a) in by.items()),
                  key=lambda x: (x[0] == NO_PROVINCE, -(x[1] + x[2]), x[0]))


def indicator_counts(records, top=12):
    """[(indicator, n)] the most frequent indicators (record "indicator", else the metric's unit word)."""
    counts = Counter(i for i in (indicator_of(r) for r in records) if i)
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:top]


def targets_and_achievements(records):
    """[(province, indicator, [target records], [achievement records])] for indicators with both types.

    Values are not divided: a target may be an increment ("thêm 8 xã") and an achievement a total,
    so the report shows them side by side for a human to judge.
    """
    groups = {}
    for r in records:
        ind = indicator_of(r)
        if not ind or r.get("type") not in ("target", "achievement"):
            continue
        key = (province_of(r) or NO_PROVINCE, ind)
        groups.setdefault(key, {"target": [], "achievement": []})[r["type"]].append(r)
    return [(p, i, g["target"], g["achievement"]) for (p, i), g in sorted(groups.items())
            if g["target"] and g["achievement"]]


def summary(records, articles=None):
    """Headline numbers: claims, targets, achievements, articles, articles in error."""
    articles = articles or []
    return {
        "claims": len(records),
        "targets": sum(1 for r in records if r.get("type") == "target"),
        "achievements": sum(1 for r in records if r.get("type") == "achievement"),
        "articles": len(articles) or len({r.get("article_id") for r in records}),
        "errors": sum(1 for a in articles if a.get("status") == "error"),
        "with_deadline": sum(1 for r in records if deadline_year(r) is not None),
    }


# ---- SVG charts -----------------------------------------------------------------------------------

def _fmt(n):
    return f"{n:g}" if isinstance(n, float) else str(n)


def hbar_chart(pairs, title, color=COLORS["bar"], width=640, row=24, label_w=210, chart_id=""):
    """Horizontal bar chart (SVG string) of [(label, value)]."""
    if not pairs:
        return _empty(title)
    top = max(v for _, v in pairs) or 1
    plot_w = width - label_w - 50
    height = 30 + row * len(pairs) + 8
    parts = [_svg_open(width, height, title, chart_id)]
    for i, (label, value) in enumerate(pairs):
        y = 30 + i * row
        w = max(1.0, plot_w * value / top) if value else 0
        name = escape(str(label))
        if not value:
            continue
        parts.append(f'<text x="{label_w - 8}" y="{y + row / 2 + 4:.1f}" text-anchor="end" class="lab">'
                     f'{escape(_clip(str(label), _fits(label_w)))}</text>')
        parts.append(f'<rect class="bar" x="{label_w}" y="{y + 3}" width="{w:.1f}" height="{row - 6}" '
                     f'fill="{color}" rx="2"><title>{name}: {_fmt(value)}</title></rect>')
        parts.append(f'<text x="{label_w + w + 5:.1f}" y="{y + row / 2 + 4:.1f}" class="val">{_fmt(value)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def grouped_hbar(rows, series, title, width=640, row=34, label_w=210, chart_id=""):
    """Horizontal grouped bars: rows [(label, v1, v2, ...)], series [(name, color)], with a legend."""
    if not rows:
        return _empty(title)
    top = max(max(r[1:]) for r in rows) or 1
    plot_w = width - label_w - 50
    height = 50 + row * len(rows) + 8
    bar_h = (row - 8) / len(series)
    parts = [_svg_open(width, height, title, chart_id)]
    for k, (name, color) in enumerate(series):
        x = label_w + k * 130
        parts.append(f'<rect x="{x}" y="30" width="12" height="12" fill="{color}" rx="2"/>'
                     f'<text x="{x + 17}" y="40" class="lab">{escape(name)}</text>')
    for i, r in enumerate(rows):
        y = 50 + i * row
        parts.append(f'<text x="{label_w - 8}" y="{y + row / 2 + 3:.1f}" text-anchor="end" class="lab">'
                     f'{escape(_clip(str(r[0]), _fits(label_w)))}</text>')
        for k, (name, color) in enumerate(series):
            value = r[k + 1]
            w = max(1.0, plot_w * value / top) if value else 0
            by = y + 4 + k * bar_h
            if not value:
                continue
            parts.append(f'<rect class="bar" x="{label_w}" y="{by:.1f}" width="{w:.1f}" height="{bar_h - 1:.1f}" '
                         f'fill="{color}" rx="2"><title>{escape(str(r[0]))} — {escape(name)}: {_fmt(value)}'
                         f'</title></rect>')
            parts.append(f'<text x="{label_w + w + 4:.1f}" y="{by + bar_h - 3:.1f}" class="val">{_fmt(value)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def column_chart(pairs, title, color=COLORS["year"], width=640, height=230, chart_id=""):
    """Vertical bars along a time axis (SVG string) of [(year, value)]."""
    if not pairs:
        return _empty(title)
    top = max(v for _, v in pairs) or 1
    left, bottom, plot_h = 30, 40, height - 80
    step = (width - left - 10) / len(pairs)
    bar_w = max(2.0, min(40.0, step * 0.7))
    every = max(1, round(len(pairs) / 14))
    parts = [_svg_open(width, height, title, chart_id),
             f'<line x1="{left}" y1="{height - bottom}" x2="{width - 5}" y2="{height - bottom}" class="axis"/>']
    for i, (year, value) in enumerate(pairs):
        cx = left + step * i + step / 2
        h = plot_h * value / top
        if value:
            parts.append(f'<rect class="bar" x="{cx - bar_w / 2:.1f}" y="{height - bottom - h:.1f}" '
                         f'width="{bar_w:.1f}" height="{h:.1f}" fill="{color}" rx="2">'
                         f'<title>{escape(str(year))}: {_fmt(value)}</title></rect>')
            parts.append(f'<text x="{cx:.1f}" y="{height - bottom - h - 4:.1f}" text-anchor="middle" class="val">'
                         f'{_fmt(value)}</text>')
        if i % every == 0 or i == len(pairs) - 1:
            parts.append(f'<text x="{cx:.1f}" y="{height - bottom + 16}" text-anchor="middle" class="lab">'
                         f'{escape(str(year))}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _svg_open(width, height, title, chart_id):
    ident = f' id="{escape(chart_id)}"' if chart_id else ""
    return (f'<svg{ident} class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
            f'width="{width}" height="{height}" role="img" aria-label="{escape(title)}">'
            f'<text x="0" y="16" class="title">{escape(title)}</text>')


def _empty(title):
    return f'<p class="empty">{escape(title)}: no data.</p>'


def _fits(label_w):
    """How many characters of a 12px label fit left of the bars (about 7px each)."""
    return max(8, int((label_w - 12) / 7))


def _clip(text, n):
    return text if len(text) <= n else text[: n - 1] + "…"


# ---- claims table ---------------------------------------------------------------------------------

def marked_sentence(record):
    """The claim's sentence as HTML with metrics, deadline, actor and speaker marked (all text escaped)."""
    out = []
    for seg in claim_view(record, None)["sentence"]:
        if seg["label"]:
            out.append(f'<mark class="ent ent-{seg["label"]}" data-label="{seg["label"]}" '
                       f'title="{escape(seg["title"] or "")}">{escape(seg["text"])}</mark>')
        else:
            out.append(escape(seg["text"]))
    return "".join(out)


def claims_table(records, articles=None):
    """An HTML table: one row per claim, its id anchored, linking to its article when a url is known."""
    urls = {a.get("article_id"): a.get("url") for a in articles or [] if a.get("url")}
    rows = []
    for r in sorted(records, key=lambda r: (str(r.get("article_id")), (r.get("sentence") or {}).get("start") or 0)):
        cid = escape(str(r.get("id", "")))
        article = escape(str(r.get("article_id", "")))
        url = urls.get(r.get("article_id"))
        if isinstance(url, str) and url.startswith(("http://", "https://")):
            article = f'<a href="{escape(url)}" rel="noopener noreferrer">{article}</a>'
        year = deadline_year(r)
        conf = r.get("confidence")
        rows.append(
            f'<tr id="{cid}"><td><a href="#{cid}" class="cid">{cid}</a></td><td>{article}</td>'
            f'<td><span class="badge t-{escape(str(r.get("type")))}">{escape(str(r.get("type")))}</span></td>'
            f'<td>{escape(province_of(r) or "")}</td><td>{"" if year is None else year}</td>'
            f'<td>{escape("; ".join(metric_label(m) for m in r.get("metrics") or []))}</td>'
            f'<td class="sentence">{marked_sentence(r)}</td>'
            f'<td>{"" if not isinstance(conf, (int, float)) else f"{conf:.2f}"}</td></tr>')
    return ('<table id="claims" class="claims"><thead><tr><th>claim</th><th>article</th><th>type</th><th>province</th>'
            '<th>deadline</th><th>metrics</th><th>sentence</th><th>conf.</th></tr></thead><tbody>'
            + "".join(rows) + "</tbody></table>")


def _claim_brief(r):
    year = deadline_year(r)
    metrics = "; ".join(metric_label(m) for m in r.get("metrics") or []) or "—"
    cid = escape(str(r.get("id", "")))
    return f'<a href="#{cid}">{escape(metrics)}</a>{f" ({year})" if year is not None else ""}'


def pairs_table(groups):
    """HTML table of targets next to achievements for the same province and indicator."""
    if not groups:
        return '<p class="empty">No indicator has both a target and an achievement in these records.</p>'
    rows = "".join(
        f"<tr><td>{escape(p)}</td><td>{escape(i)}</td><td>{'<br>'.join(_claim_brief(r) for r in t)}</td>"
        f"<td>{'<br>'.join(_claim_brief(r) for r in a)}</td></tr>" for p, i, t, a in groups)
    return ('<table id="pairs"><thead><tr><th>province</th><th>indicator</th><th>targets (deadline)</th>'
            f"<th>achievements (year)</th></tr></thead><tbody>{rows}</tbody></table>")


# ---- the page -------------------------------------------------------------------------------------

_CSS = """
body{margin:0;font:14px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;color:#1d1d1f;
background:#f7f7f5}
header{background:#1d2a44;color:#fff;padding:18px 28px}header h1{margin:0;font-size:20px}
header p{margin:4px 0 0;opacity:.8;font-size:13px}
main{padding:18px 28px;max-width:1400px}
.cards{display:flex;gap:12px;flex-wrap:wrap;margin-bottom:18px}
.card{background:#fff;border:1px solid #deded9;border-radius:6px;padding:10px 16px;min-width:120px}
.card b{display:block;font-size:22px}.card span{color:#6b6b70;font-size:12px}
.grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(560px,1fr));gap:16px}
figure{margin:0;background:#fff;border:1px solid #deded9;border-radius:6px;padding:12px;overflow-x:auto}
figcaption{color:#6b6b70;font-size:12px;margin-top:4px}
svg.chart{max-width:100%;height:auto;font-family:inherit}svg .title{font-size:14px;font-weight:600;fill:#1d1d1f}
svg .lab{font-size:12px;fill:#333}svg .val{font-size:11px;fill:#555}svg .axis{stroke:#999;stroke-width:1}
.empty{color:#6b6b70;font-style:italic}
h2{font-size:16px;margin:26px 0 8px}
#filter{padding:5px 8px;border:1px solid #ccc;border-radius:4px;width:320px;font:inherit;margin-bottom:8px}
table{border-collapse:collapse;width:100%;background:#fff;font-size:13px}
#pairs{width:auto;min-width:60%}
th,td{border-bottom:1px solid #eee;padding:6px 8px;text-align:left;vertical-align:top}
th{background:#f0f0ec;position:sticky;top:0}tr:target{background:#fff8d0}
td.sentence{min-width:380px;line-height:1.9}a.cid{font-family:ui-monospace,monospace;font-size:11px;color:#2457c5}
.badge{font-size:10px;font-weight:700;text-transform:uppercase;padding:1px 5px;border-radius:3px}
.t-target{background:#e3ebfb;color:#2457c5}.t-achievement{background:#ece3fb;color:#6a3ab8}
mark.ent{padding:1px 3px;border-radius:3px;color:#111}
mark.ent::after{content:attr(data-label);font-size:8px;font-weight:700;margin-left:4px;opacity:.7;
vertical-align:middle}
mark.ent-METRIC{background:#9fe3b8}mark.ent-DEADLINE{background:#ffc58f}mark.ent-ACTOR{background:#a9c8ff}
mark.ent-SPEAKER{background:#e0b3ff}
footer{color:#6b6b70;font-size:12px;padding:20px 28px}
"""

_JS = """
document.getElementById('filter').addEventListener('input', function (e) {
  var q = e.target.value.toLowerCase();
  document.querySelectorAll('#claims tbody tr').forEach(function (tr) {
    tr.style.display = tr.textContent.toLowerCase().indexOf(q) >= 0 ? '' : 'none';
  });
});
"""


def build_report(records, articles=None, title="camket report", generated=None):
    """The whole report as one HTML string (no external resource of any kind)."""
    records = list(records)
    articles = list(articles or [])
    s = summary(records, articles)
    generated = generated or datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    provinces = province_counts(records)
    charts = [
        ("per-province", hbar_chart(provinces, "Commitments per province", chart_id="chart-provinces"),
         "Every claim counted once, by its actor's province."),
        ("timeline", column_chart(deadline_counts(records), "Deadlines per year", chart_id="chart-deadlines"),
         f"{s['with_deadline']} of {s['claims']} claims name a deadline year."),
        ("types", grouped_hbar(type_by_province(records),
                               [("targets", COLORS["target"]), ("achievements", COLORS["achievement"])],
                               "Targets against achievements, per province", chart_id="chart-types"),
         "Targets promise; achievements report results."),
        ("indicators", hbar_chart(indicator_counts(records), "Most frequent indicators", color="#3b8bbf",
                                  chart_id="chart-indicators"),
         "The record's indicator when present, else the unit of its first metric."),
    ]
    figures = "".join(f'<figure id="{fid}">{svg}<figcaption>{escape(cap)}</figcaption></figure>'
                      for fid, svg, cap in charts)
    cards = "".join(f'<div class="card"><b>{s[k]}</b><span>{label}</span></div>' for k, label in (
        ("claims", "claims"), ("targets", "targets"), ("achievements", "achievements"),
        ("articles", "articles"), ("errors", "articles in error")))
    return (
        '<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; style-src \'unsafe-inline\'; '
        'script-src \'unsafe-inline\'; img-src data:">'
        f"<title>{escape(title)}</title><style>{_CSS}</style></head><body>"
        f"<header><h1>{escape(title)}</h1><p>Generated {escape(generated)} from {s['claims']} commitment records."
        "</p></header><main>"
        f'<div class="cards">{cards}</div><div class="grid">{figures}</div>'
        "<h2>Targets and achievements per indicator</h2>"
        f"{pairs_table(targets_and_achievements(records))}"
        '<h2>Claims</h2><input id="filter" type="search" placeholder="filter the table…">'
        f"{claims_table(records, articles)}</main>"
        "<footer>camket — one self-contained file: no network needed.</footer>"
        f"<script>{_JS}</script></body></html>"
    )
