"""A self-contained HTML report of the commitment records: inline CSS, inline SVG charts, no network.

Pure functions from records to strings; every value from the records is escaped
(article text is untrusted).
"""
from collections import Counter
from datetime import datetime, timezone
from html import escape

from .review.marks import claim_view, deadline_year, indicator_of, metric_label, province_of
from .tracking.wording import part_label

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


STATUS_LABELS = {"met": "met", "missed": "missed", "behind": "behind", "on_track": "on track",
                 "no_evidence": "no result yet"}
STATUS_ORDER = ("met", "missed", "behind", "on_track", "no_evidence")


def promises_by_actor(tracks):
    """[(actor name, kind, [tracks])]: provinces first, then organisations, most tracks first; each actor's
    tracks ordered by status (met, missed, behind, on track, no result) then indicator and deadline."""
    groups = {}
    for t in tracks:
        actor = t.get("actor") or {}
        groups.setdefault((actor.get("kind") or "", actor.get("name") or "?"), []).append(t)
    rank = {k: i for i, k in enumerate(STATUS_ORDER)}
    out = []
    for (kind, name), ts in groups.items():
        ts.sort(key=lambda t: (rank.get(t.get("status"), 9), (t.get("indicator") or {}).get("key") or "",
                               (t.get("target") or {}).get("deadline") or 0, t.get("id") or ""))
        out.append((name, kind, ts))
    return sorted(out, key=lambda x: (x[1] != "province", -len(x[2]), x[0]))


def status_counts(tracks):
    """[(status, n)] in the order met, missed, behind, on track, no result."""
    counts = Counter(t.get("status") for t in tracks)
    return [(k, counts.get(k, 0)) for k in STATUS_ORDER]


def _quote(text, n=260):
    text = " ".join(str(text or "").split())
    return escape(text if len(text) <= n else text[: n - 1] + "…")


def _claim_link(record_id, known):
    rid = escape(str(record_id or ""))
    return f'<a href="#{rid}" class="cid">{rid}</a>' if record_id in known else f'<span class="cid">{rid}</span>'


def _target_cell(t, known):
    target = t.get("target") or {}
    value = target.get("value_text") or "—"
    by = f" by {target['deadline']}" if target.get("deadline") else ""
    base = t.get("baseline") or {}
    start = (f'<div class="src">starting from {escape(str(base.get("text") or base.get("value")))} in '
             f'{escape(str(base.get("year")))} ({escape(str(base.get("source")))}'
             f'{", article " + escape(str(base["article_id"])) if base.get("article_id") else ""})</div>'
             if base else "")
    return (f'<b>{escape(str(value))}</b>{escape(by)}{start}<div class="quote">“{_quote(target.get("sentence"))}”</div>'
            f'<div class="src">article {escape(str(target.get("article_id")))} · '
            f'{_claim_link(target.get("id"), known)}</div>')


def _evidence_cell(t, known):
    items = []
    for e in t.get("evidence") or []:
        period = e.get("period") or {}
        when = part_label(period.get("part"), period.get("year"))
        mark = {True: '<span class="ok">reaches</span>', False: '<span class="short">short</span>'}.get(
            e.get("meets_target"), "")
        flag = ' <span class="conflict">conflicting figure</span>' if e.get("conflict") else ""
        items.append(f'<li><b>{escape(str(e.get("value_text") or "reported"))}</b> · {escape(when or "undated")} '
                     f'{mark}{flag}<div class="quote">“{_quote(e.get("sentence"), 200)}”</div>'
                     f'<div class="src">article {escape(str(e.get("article_id")))} · '
                     f'{_claim_link(e.get("id"), known)}</div></li>')
    return f'<ul class="evidence">{"".join(items)}</ul>' if items else '<span class="empty">none found</span>'


def promises_section(tracks, known_ids=()):
    """HTML of the "promises and results" section: per province (then organisation), each target with its
    status, the reason in words, and the results it rests on, each quoted and linked to its claim."""
    tracks = list(tracks or [])
    if not tracks:
        return ('<p class="empty">No target could be tracked: none has a canonical indicator and an actor '
                '(run `camket track` on commitments with targets and results).</p>')
    known = set(known_ids)
    as_of = next((t.get("as_of") for t in tracks if t.get("as_of")), {}) or {}
    source = {"option": "given with --as-of", "published": "the newest publication date in the input",
              "result_years": "no publication dates: the latest year the results report",
              "article_dates": "no publication dates: the year the articles' dates centre on"}.get(
        as_of.get("source"), "unknown")
    chips = "".join(f'<span class="status s-{k}">{escape(STATUS_LABELS[k])}: {n}</span>'
                    for k, n in status_counts(tracks))
    parts = [f'<p class="intro">Each <b>target</b> (a promise with a value and a deadline) is joined to the '
             f'<b>results</b> that the same province or organisation later reported on the same indicator, in any '
             f'article. <b>met</b>: a result reaches it; <b>missed</b>: the deadline has passed and that year\'s '
             f'result falls short; <b>on track</b> / <b>behind</b>: the latest result against a straight line from '
             f'the starting value to the target; <b>no result yet</b>: nothing comparable was reported. Deadlines '
             f'are judged as of <b>{escape(str(as_of.get("date") or "unknown"))}</b> ({escape(source)}).</p>',
             f'<div class="statuses">{chips}</div>']
    for name, kind, ts in promises_by_actor(tracks):
        shown = [t for t in ts if t.get("status") != "no_evidence"]
        waiting = [t for t in ts if t.get("status") == "no_evidence"]
        counts = ", ".join(f"{n} {STATUS_LABELS[k]}" for k, n in status_counts(ts) if n)
        parts.append(f'<section class="actor"><h3>{escape(name)} <small>{escape(kind)} · {escape(counts)}'
                     f'</small></h3>')
        if shown:
            rows = "".join(
                f'<tr id="{escape(str(t.get("id")))}"><td>{escape((t.get("indicator") or {}).get("name") or "")}</td>'
                f'<td>{_target_cell(t, known)}</td>'
                f'<td><span class="status s-{escape(str(t.get("status")))}">'
                f'{escape(STATUS_LABELS.get(t.get("status"), str(t.get("status"))))}</span>'
                f'<div class="why">{escape(str(t.get("reason") or ""))}</div></td>'
                f'<td>{_evidence_cell(t, known)}</td></tr>' for t in shown)
            parts.append('<table class="promises"><thead><tr><th>indicator</th><th>target</th><th>status</th>'
                         f'<th>results (evidence)</th></tr></thead><tbody>{rows}</tbody></table>')
        if waiting:
            items = "".join(f'<li>{escape((t.get("indicator") or {}).get("name") or "")}: '
                            f'{_target_cell(t, known)}</li>' for t in waiting)
            parts.append(f'<details><summary>{len(waiting)} target(s) with no comparable result yet</summary>'
                         f'<ul class="waiting">{items}</ul></details>')
        parts.append("</section>")
    return "".join(parts)


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
th,td{border-bottom:1px solid #eee;padding:6px 8px;text-align:left;vertical-align:top}
th{background:#f0f0ec;position:sticky;top:0}tr:target{background:#fff8d0}
td.sentence{min-width:380px;line-height:1.9}a.cid{font-family:ui-monospace,monospace;font-size:11px;color:#2457c5}
.badge{font-size:10px;font-weight:700;text-transform:uppercase;padding:1px 5px;border-radius:3px}
.t-target{background:#e3ebfb;color:#2457c5}.t-achievement{background:#ece3fb;color:#6a3ab8}
.intro{max-width:980px}.statuses{display:flex;gap:8px;flex-wrap:wrap;margin:6px 0 12px}
.status{font-size:11px;font-weight:700;padding:2px 7px;border-radius:3px;white-space:nowrap}
.s-met{background:#dcf3e3;color:#1a7f37}.s-missed{background:#fde2e2;color:#c62828}
.s-behind{background:#fff0d6;color:#b26a00}.s-on_track{background:#e3ebfb;color:#2457c5}
.s-no_evidence{background:#eee;color:#666}
section.actor{background:#fff;border:1px solid #deded9;border-radius:6px;padding:8px 14px;margin:10px 0}
section.actor h3{margin:4px 0 8px;font-size:15px}section.actor h3 small{color:#6b6b70;font-weight:400}
table.promises td{min-width:120px}.quote{color:#444;font-size:12px;margin-top:3px}
.src{color:#6b6b70;font-size:11px}.why{font-size:12px;margin-top:4px;max-width:320px}
ul.evidence,ul.waiting{margin:0;padding-left:16px}.ok{color:#1a7f37;font-weight:600;font-size:11px}
.short{color:#c62828;font-weight:600;font-size:11px}.conflict{color:#b26a00;font-size:11px;font-weight:600}
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


def build_report(records, articles=None, title="camket report", generated=None, tracks=None):
    """The whole report as one HTML string (no external resource of any kind). ``tracks``: track records
    (`camket track`); None computes them from the records and articles."""
    records = list(records)
    articles = list(articles or [])
    if tracks is None:
        from .tracking.run import track
        tracks, _ = track(records, articles)
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
         "The canonical indicator when the record has one, else the phrase written, else the unit of its first metric."),
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
        '<h2 id="promises">Promises and results</h2>'
        f"{promises_section(tracks, {r.get('id') for r in records})}"
        '<h2>Claims</h2><input id="filter" type="search" placeholder="filter the table…">'
        f"{claims_table(records, articles)}</main>"
        "<footer>camket — one self-contained file: no network needed.</footer>"
        f"<script>{_JS}</script></body></html>"
    )
