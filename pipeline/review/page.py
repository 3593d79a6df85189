"""The review page: one HTML document with inline CSS and vanilla JS (no network, no framework).

All article text reaches the DOM through textContent, never innerHTML: it is untrusted.
"""
import html
import json

from .store import VERDICTS

_CSS = """
:root { --bg:#f7f7f5; --fg:#1d1d1f; --muted:#6b6b70; --line:#deded9; --accent:#2457c5;
  --ok:#1a7f37; --bad:#c62828; --fix:#b26a00; --sent:#fff3b0; }
* { box-sizing:border-box; }
body { margin:0; font:14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif;
  color:var(--fg); background:var(--bg); }
header { display:flex; align-items:center; gap:16px; padding:10px 16px; background:#1d2a44; color:#fff; }
header h1 { font-size:16px; margin:0; font-weight:600; }
header .progress { font-size:13px; opacity:.85; }
header .keys { margin-left:auto; font-size:12px; opacity:.8; }
kbd { font:11px ui-monospace, monospace; border:1px solid #999; border-bottom-width:2px; border-radius:3px;
  padding:0 4px; background:#fff; color:#222; }
main { display:grid; grid-template-columns:minmax(320px, 38%) 1fr; height:calc(100vh - 44px); }
#sidebar { border-right:1px solid var(--line); display:flex; flex-direction:column; min-height:0; background:#fff; }
#filters { display:grid; grid-template-columns:1fr 1fr; gap:6px; padding:10px; border-bottom:1px solid var(--line); }
#filters input, #filters select { width:100%; padding:4px 6px; border:1px solid var(--line); border-radius:4px;
  font:inherit; background:#fff; }
#filters .wide { grid-column:1 / span 2; }
#filters label { font-size:11px; color:var(--muted); display:block; }
#count { font-size:12px; color:var(--muted); padding:4px 10px; border-bottom:1px solid var(--line); }
#claims { list-style:none; margin:0; padding:0; overflow-y:auto; flex:1; }
#claims li { padding:7px 10px; border-bottom:1px solid #eee; cursor:pointer; display:grid;
  grid-template-columns:auto 1fr; gap:2px 8px; }
#claims li:hover { background:#f2f5fb; }
#claims li.current { background:#e3ebfb; box-shadow:inset 3px 0 0 var(--accent); }
#claims .badge { align-self:start; }
#claims .meta { font-size:11px; color:var(--muted); grid-column:2; }
#claims .text { grid-column:2; overflow:hidden; text-overflow:ellipsis; display:-webkit-box;
  -webkit-line-clamp:2; -webkit-box-orient:vertical; }
.badge { display:inline-block; font-size:10px; font-weight:700; text-transform:uppercase; letter-spacing:.03em;
  padding:1px 5px; border-radius:3px; background:#e6e6e6; color:#444; }
.v-correct { background:#dcf3e3; color:var(--ok); }
.v-wrong { background:#fde2e2; color:var(--bad); }
.v-needs_correction { background:#fff0d6; color:var(--fix); }
.v-none { background:#eee; color:#888; }
.t-target { background:#e3ebfb; color:#2457c5; }
.t-achievement { background:#ece3fb; color:#6a3ab8; }
#detail { overflow-y:auto; padding:16px 22px 40px; min-height:0; }
#detail h2 { font-size:15px; margin:0 0 6px; }
#empty { color:var(--muted); padding:40px; text-align:center; }
.facts { display:grid; grid-template-columns:max-content 1fr; gap:3px 14px; margin:8px 0 14px; font-size:13px; }
.facts dt { color:var(--muted); }
.facts dd { margin:0; }
.notice { background:#fff5e0; border:1px solid #f0d9a8; padding:6px 10px; border-radius:4px; font-size:12px;
  margin-bottom:10px; }
#article { white-space:pre-wrap; background:#fff; border:1px solid var(--line); border-radius:6px;
  padding:14px 16px; line-height:2.1; font-size:15px; max-height:52vh; overflow-y:auto; }
#article .context { color:#555; }
mark.sentence { background:var(--sent); padding:3px 0; border-radius:3px; color:#111; }
mark.ent { padding:2px 4px; margin:0 1px; border-radius:4px; line-height:1; color:#111; }
mark.ent::after { content:attr(data-label); font-size:9px; font-weight:700; letter-spacing:.03em;
  margin-left:5px; vertical-align:middle; text-transform:uppercase; color:#333; opacity:.75; }
mark.ent-METRIC { background:#9fe3b8; }
mark.ent-DEADLINE { background:#ffc58f; }
mark.ent-ACTOR { background:#a9c8ff; }
mark.ent-SPEAKER { background:#e0b3ff; }
#verdict { margin-top:16px; background:#fff; border:1px solid var(--line); border-radius:6px; padding:12px 14px; }
#verdict .buttons { display:flex; gap:8px; flex-wrap:wrap; align-items:center; }
#verdict button { font:inherit; padding:5px 12px; border-radius:4px; border:1px solid var(--line);
  background:#fafafa; cursor:pointer; }
#verdict button.correct { border-color:#9ed5ad; }
#verdict button.wrong { border-color:#efaaaa; }
#verdict button.needs_correction { border-color:#f0cf91; }
#verdict button.active { font-weight:700; box-shadow:0 0 0 2px var(--accent) inset; }
#status { font-size:12px; color:var(--muted); margin-left:auto; }
#fix { display:none; margin-top:10px; grid-template-columns:max-content 1fr; gap:6px 10px; align-items:center; }
#fix.open { display:grid; }
#fix input, #fix select, #fix textarea, #note { font:inherit; padding:4px 6px; border:1px solid var(--line);
  border-radius:4px; width:100%; }
#note { margin-top:8px; min-height:34px; }
.legend { font-size:12px; color:var(--muted); margin:6px 0 0; }
#links { margin-top:16px; background:#fff; border:1px solid var(--line); border-radius:6px; padding:10px 14px; }
#links:empty { display:none; }
#links h3 { font-size:14px; margin:4px 0 8px; }
#links .track { margin:8px 0 4px; }
#links .why { font-size:12px; color:#333; margin:3px 0; }
#links ul { list-style:none; margin:0 0 8px; padding:0; }
#links li { border-top:1px solid #eee; padding:6px 0; }
#links .quote { font-size:13px; color:#333; margin:3px 0; }
#links .ok { color:var(--ok); font-size:12px; font-weight:600; }
#links .short { color:var(--bad); font-size:12px; font-weight:600; }
#links .conflict { color:var(--fix); font-size:12px; font-weight:600; }
#links button { font:inherit; font-size:12px; padding:2px 9px; border-radius:4px; border:1px solid var(--line);
  background:#fafafa; cursor:pointer; margin-right:6px; }
#links button.active { font-weight:700; box-shadow:0 0 0 2px var(--accent) inset; }
#links button.link-confirmed { border-color:#9ed5ad; }
#links button.link-rejected { border-color:#efaaaa; }
.status { font-size:10px; font-weight:700; text-transform:uppercase; padding:1px 6px; border-radius:3px; }
.s-met { background:#dcf3e3; color:var(--ok); } .s-missed { background:#fde2e2; color:var(--bad); }
.s-behind { background:#fff0d6; color:var(--fix); } .s-on_track { background:#e3ebfb; color:#2457c5; }
.s-no_evidence { background:#eee; color:#666; }
.legend mark { font-size:11px; }
"""

_JS = r"""
(function () {
  "use strict";
  const TOKEN = document.querySelector('meta[name="camket-token"]').content;
  const VERDICTS = JSON.parse(document.getElementById('verdicts').textContent);
  const $ = (id) => document.getElementById(id);
  let claims = [], shown = [], current = null;

  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function verdictName(v) { return v ? v.replace('_', ' ') : 'unreviewed'; }

  async function api(path, options) {
    const res = await fetch(path, options);
    const body = await res.json().catch(() => ({}));
    if (!res.ok) throw new Error(body.error || res.statusText);
    return body;
  }

  function fillSelect(sel, values) {
    const keep = sel.value;
    while (sel.options.length > 1) sel.remove(1);
    values.forEach((v) => { const o = el('option', null, v); o.value = String(v); sel.appendChild(o); });
    sel.value = keep;
  }

  function setupFilters() {
    const uniq = (f) => [...new Set(claims.map(f).filter((v) => v !== null && v !== undefined))].sort();
    fillSelect($('f-province'), uniq((c) => c.province));
    fillSelect($('f-type'), uniq((c) => c.type));
    fillSelect($('f-year'), uniq((c) => c.year));
  }

  function matches(c) {
    const q = $('f-search').value.trim().toLowerCase();
    const prov = $('f-province').value, type = $('f-type').value, year = $('f-year').value;
    const conf = parseFloat($('f-conf').value), verdict = $('f-verdict').value;
    if (prov && c.province !== prov) return false;
    if (type && c.type !== type) return false;
    if (year && String(c.year) !== year) return false;
    if (!isNaN(conf) && (c.confidence === null || c.confidence < conf)) return false;
    if (verdict === 'none' && c.verdict) return false;
    if (verdict && verdict !== 'none' && c.verdict !== verdict) return false;
    if (q) {
      const hay = [c.sentence, c.article_id, c.actor, c.speaker, c.province, c.indicator, c.id]
        .concat(c.metrics).join(' ').toLowerCase();
      if (!hay.includes(q)) return false;
    }
    return true;
  }

  function renderList() {
    shown = claims.filter(matches);
    const ul = $('claims');
    ul.replaceChildren();
    shown.forEach((c) => {
      const li = el('li');
      li.dataset.id = c.id;
      if (current && c.id === current) li.classList.add('current');
      li.appendChild(el('span', 'badge v-' + (c.verdict || 'none'), verdictName(c.verdict)));
      li.appendChild(el('div', 'text', c.sentence));
      const meta = [c.type, c.province || '—', c.year || 'no deadline',
                    c.confidence === null ? '' : 'conf ' + Number(c.confidence).toFixed(2), c.article_id];
      li.appendChild(el('div', 'meta', meta.filter(Boolean).join(' · ')));
      li.addEventListener('click', () => {
        if (document.activeElement && document.activeElement !== document.body) document.activeElement.blur();
        open(c.id);
      });
      ul.appendChild(li);
    });
    $('count').textContent = shown.length + ' of ' + claims.length + ' claims shown';
    const done = claims.filter((c) => c.verdict).length;
    $('progress').textContent = done + ' / ' + claims.length + ' reviewed';
  }

  function fact(dl, name, value) {
    if (value === null || value === undefined || value === '') value = '—';
    dl.appendChild(el('dt', null, name));
    dl.appendChild(el('dd', null, value));
  }

  function renderDetail(data) {
    const box = $('detail');
    box.replaceChildren();
    const s = data.summary, r = data.record, v = data.view;
    const h = el('h2');
    h.appendChild(el('span', 'badge t-' + s.type, s.type));
    h.appendChild(document.createTextNode(' ' + (data.article.title || data.article.article_id)));
    box.appendChild(h);
    const dl = el('dl', 'facts');
    fact(dl, 'claim id', s.id);
    fact(dl, 'article', data.article.article_id);
    fact(dl, 'actor', r.actor ? r.actor.text + (r.actor.province ? ' (' + r.actor.province + ')' : '') : null);
    fact(dl, 'speaker', r.speaker ? [r.speaker.title, r.speaker.name].filter(Boolean).join(' ') : null);
    fact(dl, 'deadline', r.deadline ? r.deadline.year + ' — “' + r.deadline.text + '”' : null);
    fact(dl, 'metrics', (r.metrics || []).map((m) => (m.comparator ? m.comparator + ' ' : '') + m.value +
      (m.value_max !== undefined && m.value_max !== null ? '–' + m.value_max : '') + ' ' + m.unit +
      (m.currency ? ' ' + m.currency : '') + ' (“' + m.text + '”)').join('; '));
    fact(dl, 'indicator', s.indicator ? s.indicator + (s.indicator_key ? ' (' + s.indicator_key + ')' : '') : null);
    fact(dl, 'confidence', s.confidence === null ? null : Number(s.confidence).toFixed(2));
    box.appendChild(dl);
    if (!v.has_text) box.appendChild(el('div', 'notice',
      'Article text not found (give --texts): showing the sentence from the record only.'));
    const art = el('div');
    art.id = 'article';
    art.appendChild(el('span', 'context', v.before));
    const mark = el('mark', 'sentence');
    mark.id = 'sentence';
    v.sentence.forEach((seg) => {
      if (!seg.label) { mark.appendChild(document.createTextNode(seg.text)); return; }
      const m = el('mark', 'ent ent-' + seg.label, seg.text);
      m.dataset.label = seg.label;
      if (seg.title) m.title = seg.title;
      mark.appendChild(m);
    });
    art.appendChild(mark);
    art.appendChild(el('span', 'context', v.after));
    box.appendChild(art);
    const legend = el('div', 'legend');
    ['METRIC', 'DEADLINE', 'ACTOR', 'SPEAKER'].forEach((l) => {
      const m = el('mark', 'ent ent-' + l, l.toLowerCase()); m.dataset.label = ''; legend.appendChild(m);
      legend.appendChild(document.createTextNode(' '));
    });
    box.appendChild(legend);
    box.appendChild(verdictPanel(s, r));
    box.appendChild(linksPanel(s, data.links || {tracks: [], targets: []}));
    mark.scrollIntoView({block: 'center'});
    box.scrollTop = 0;
  }

  function verdictPanel(s, r) {
    const panel = el('section');
    panel.id = 'verdict';
    const buttons = el('div', 'buttons');
    const keys = {correct: 'c', wrong: 'w', needs_correction: 'n'};
    VERDICTS.forEach((name) => {
      const b = el('button', name + (s.verdict === name ? ' active' : ''));
      b.type = 'button';
      b.dataset.verdict = name;
      b.appendChild(document.createTextNode(verdictName(name) + ' '));
      b.appendChild(el('kbd', null, keys[name]));
      b.addEventListener('click', () => name === 'needs_correction' ? openFix(true) : save(name));
      buttons.appendChild(b);
    });
    const clear = el('button', null, 'clear ');
    clear.type = 'button';
    clear.appendChild(el('kbd', null, 'x'));
    clear.addEventListener('click', () => save(null));
    buttons.appendChild(clear);
    const status = el('span', null, 'verdict: ' + verdictName(s.verdict));
    status.id = 'status';
    status.dataset.verdict = s.verdict || '';
    buttons.appendChild(status);
    panel.appendChild(buttons);
    const note = el('textarea');
    note.id = 'note';
    note.placeholder = 'note (optional)';
    note.value = s.note || '';
    panel.appendChild(note);
    const fix = el('div');
    fix.id = 'fix';
    const c = s.corrected || {};
    const field = (label, input) => { fix.appendChild(el('label', null, label)); fix.appendChild(input); };
    const type = el('select'); type.id = 'fix-type';
    ['target', 'achievement'].forEach((t) => { const o = el('option', null, t); o.value = t; type.appendChild(o); });
    type.value = c.type || r.type;
    field('type', type);
    const year = el('input'); year.id = 'fix-deadline'; year.type = 'number'; year.placeholder = 'year or empty';
    year.value = c.deadline !== undefined ? (c.deadline === null ? '' : c.deadline)
                                           : (r.deadline ? r.deadline.year : '');
    field('deadline', year);
    const actor = el('input'); actor.id = 'fix-actor';
    actor.value = c.actor !== undefined ? (c.actor || '')
                                        : (r.actor ? (r.actor.province || r.actor.text) : '');
    field('actor', actor);
    const metrics = el('textarea'); metrics.id = 'fix-metrics'; metrics.rows = 3;
    metrics.placeholder = 'one per line: value unit [comparator], e.g. 20 percent at_least';
    const ms = c.metrics || r.metrics || [];
    metrics.value = ms.map((m) => [m.value, m.unit, m.comparator].filter((x) => x !== undefined && x !== null)
      .join(' ')).join('\n');
    field('metrics', metrics);
    const saveFix = el('button', null, 'save correction (Ctrl+Enter)');
    saveFix.type = 'button';
    saveFix.id = 'fix-save';
    saveFix.addEventListener('click', () => save('needs_correction'));
    fix.appendChild(el('span'));
    fix.appendChild(saveFix);
    panel.appendChild(fix);
    if (s.verdict === 'needs_correction') fix.classList.add('open');
    return panel;
  }

  const STATUS = {met: 'met', missed: 'missed', on_track: 'on track', behind: 'behind', no_evidence: 'no result yet'};

  function linksPanel(s, links) {
    const panel = el('section');
    panel.id = 'links';
    if (links.tracks.length) {
      panel.appendChild(el('h3', null, 'Results linked to this target'));
      links.tracks.forEach((t) => {
        const head = el('div', 'track');
        head.appendChild(el('span', 'status s-' + t.status, STATUS[t.status] || t.status));
        head.appendChild(el('b', null, ' ' + (t.indicator || t.key)));
        head.appendChild(el('div', 'why', t.reason));
        panel.appendChild(head);
        const ul = el('ul');
        if (!t.evidence.length) ul.appendChild(el('li', 'why', 'No comparable result was found.'));
        t.evidence.forEach((e) => ul.appendChild(linkItem(s.id, e.id, e, e.id)));
        panel.appendChild(ul);
      });
    }
    if (links.targets.length) {
      panel.appendChild(el('h3', null, 'Targets this result is evidence for'));
      const ul = el('ul');
      links.targets.forEach((t) => ul.appendChild(linkItem(t.id, s.id, t, t.id)));
      panel.appendChild(ul);
    }
    return panel;
  }

  function linkItem(targetId, resultId, item, otherId) {
    const li = el('li');
    li.dataset.target = targetId;
    li.dataset.result = resultId;
    li.dataset.link = item.link || '';
    const head = el('div');
    head.appendChild(el('b', null, item.value_text || '—'));
    const when = [item.part, item.year || item.deadline].filter((x) => x !== null && x !== undefined).join(' ');
    head.appendChild(document.createTextNode(' · ' + (when || 'undated') + ' · article ' + item.article_id + ' '));
    if (item.meets_target === true) head.appendChild(el('span', 'ok', 'reaches the target'));
    if (item.meets_target === false) head.appendChild(el('span', 'short', 'short of the target'));
    if (item.conflict) head.appendChild(el('span', 'conflict', ' · conflicting figure'));
    li.appendChild(head);
    li.appendChild(el('div', 'quote', item.sentence));
    const buttons = el('div');
    [['confirmed', 'confirm link'], ['rejected', 'reject link']].forEach(([v, label]) => {
      const b = el('button', 'link-' + v + (item.link === v ? ' active' : ''), label);
      b.type = 'button';
      b.dataset.link = v;
      b.addEventListener('click', () => saveLink(li, li.dataset.link === v ? null : v));
      buttons.appendChild(b);
    });
    const go = el('button', null, 'open claim');
    go.type = 'button';
    go.addEventListener('click', () => open(otherId));
    buttons.appendChild(go);
    buttons.appendChild(el('span', 'why', item.link ? 'link ' + item.link : ''));
    li.appendChild(buttons);
    return li;
  }

  async function saveLink(li, verdict) {
    const info = li.querySelector('span.why');
    info.textContent = 'saving…';
    try {
      await api('/api/link', {method: 'POST',
        headers: {'Content-Type': 'application/json', 'X-Camket-Token': TOKEN},
        body: JSON.stringify({target: li.dataset.target, result: li.dataset.result, verdict: verdict})});
      li.dataset.link = verdict || '';
      li.querySelectorAll('button[data-link]').forEach((b) => b.classList.toggle('active', b.dataset.link === verdict));
      info.textContent = verdict ? 'link ' + verdict : 'link verdict cleared';
    } catch (err) {
      info.textContent = 'not saved: ' + err.message;
    }
  }

  function openFix(focus) {
    $('fix').classList.add('open');
    if (focus) $('fix-type').focus();
  }

  function readCorrection() {
    const year = $('fix-deadline').value.trim();
    const metrics = $('fix-metrics').value.split('\n').map((l) => l.trim()).filter(Boolean).map((l) => {
      const [value, unit, comparator] = l.split(/\s+/);
      const m = {value: Number(value), unit: unit || 'other'};
      if (comparator) m.comparator = comparator;
      return m;
    }).filter((m) => !isNaN(m.value));
    return {type: $('fix-type').value, deadline: year ? parseInt(year, 10) : null,
            actor: $('fix-actor').value.trim() || null, metrics: metrics};
  }

  async function save(verdict) {
    if (!current) return;
    const body = {id: current, verdict: verdict, note: $('note').value.trim() || null};
    if (verdict === 'needs_correction') body.corrected = readCorrection();
    $('status').textContent = 'saving…';
    try {
      const out = await api('/api/verdict', {method: 'POST',
        headers: {'Content-Type': 'application/json', 'X-Camket-Token': TOKEN}, body: JSON.stringify(body)});
      const i = claims.findIndex((c) => c.id === current);
      claims[i] = out.summary;
      renderList();
      const s = out.summary;
      $('status').textContent = 'saved: ' + verdictName(s.verdict);
      $('status').dataset.verdict = s.verdict || '';
      document.querySelectorAll('#verdict button[data-verdict]').forEach((b) =>
        b.classList.toggle('active', b.dataset.verdict === s.verdict));
      if (verdict !== 'needs_correction') $('fix').classList.remove('open');
    } catch (err) {
      $('status').textContent = 'not saved: ' + err.message;
    }
  }

  async function open(id) {
    current = id;
    history.replaceState(null, '', '#' + encodeURIComponent(id));
    document.querySelectorAll('#claims li').forEach((li) => {
      li.classList.toggle('current', li.dataset.id === id);
      if (li.dataset.id === id) li.scrollIntoView({block: 'nearest'});
    });
    try { renderDetail(await api('/api/claims/' + encodeURIComponent(id))); }
    catch (err) { $('detail').replaceChildren(el('div', 'notice', 'Cannot load claim: ' + err.message)); }
  }

  function step(delta) {
    if (!shown.length) return;
    let i = shown.findIndex((c) => c.id === current);
    i = i < 0 ? 0 : Math.min(shown.length - 1, Math.max(0, i + delta));
    open(shown[i].id);
  }

  document.addEventListener('keydown', (e) => {
    const t = e.target, typing = t && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT');
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey) && $('fix') && $('fix').classList.contains('open')) {
      e.preventDefault(); save('needs_correction'); return;
    }
    if (e.key === 'Escape') { if (typing) t.blur(); return; }
    if (typing || e.ctrlKey || e.metaKey || e.altKey) return;
    const actions = {j: () => step(1), k: () => step(-1), c: () => save('correct'), w: () => save('wrong'),
      n: () => openFix(true), x: () => save(null), '/': () => $('f-search').focus()};
    if (actions[e.key]) { e.preventDefault(); actions[e.key](); }
  });

  ['f-search', 'f-province', 'f-type', 'f-year', 'f-conf', 'f-verdict'].forEach((id) =>
    $(id).addEventListener('input', renderList));
  // a chosen filter gives the keys back to the shortcuts
  ['f-province', 'f-type', 'f-year', 'f-verdict'].forEach((id) =>
    $(id).addEventListener('change', (e) => { renderList(); e.target.blur(); }));

  (async function init() {
    try { claims = (await api('/api/claims')).claims; }
    catch (err) { $('detail').replaceChildren(el('div', 'notice', 'Cannot load claims: ' + err.message)); return; }
    setupFilters();
    renderList();
    const wanted = decodeURIComponent(location.hash.slice(1));
    if (wanted && claims.some((c) => c.id === wanted)) open(wanted);
    else if (shown.length) open(shown[0].id);
    document.body.dataset.ready = '1';
  })();
})();
"""

_HTML = """<!DOCTYPE html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="camket-token" content="{token}">
<title>{title}</title>
<style>{css}</style>
</head>
<body>
<header>
  <h1>{title}</h1><span class="progress" id="progress"></span>
  <span class="keys"><kbd>j</kbd>/<kbd>k</kbd> next/prev · <kbd>c</kbd> correct · <kbd>w</kbd> wrong ·
  <kbd>n</kbd> needs correction · <kbd>x</kbd> clear · <kbd>/</kbd> search</span>
</header>
<main>
  <aside id="sidebar">
    <div id="filters">
      <div class="wide"><label for="f-search">search</label>
        <input id="f-search" type="search" placeholder="text, actor, article, metric…"></div>
      <div><label for="f-province">province</label><select id="f-province"><option value="">all</option></select></div>
      <div><label for="f-type">type</label><select id="f-type"><option value="">all</option></select></div>
      <div><label for="f-year">deadline year</label><select id="f-year"><option value="">all</option></select></div>
      <div><label for="f-conf">min confidence</label>
        <input id="f-conf" type="number" min="0" max="1" step="0.05" placeholder="0–1"></div>
      <div class="wide"><label for="f-verdict">verdict</label><select id="f-verdict">
        <option value="">all</option><option value="none">unreviewed</option>
        <option value="correct">correct</option><option value="wrong">wrong</option>
        <option value="needs_correction">needs correction</option></select></div>
    </div>
    <div id="count"></div>
    <ul id="claims"></ul>
  </aside>
  <section id="detail"><div id="empty">No claim selected.</div></section>
</main>
<script type="application/json" id="verdicts">{verdicts}</script>
<script>{js}</script>
</body>
</html>
"""


def render_page(token, title="camket review"):
    """The page's HTML with the session token embedded (escaped like everything else)."""
    return _HTML.format(token=html.escape(token, quote=True), title=html.escape(title),
                        css=_CSS, js=_JS, verdicts=json.dumps(list(VERDICTS)))
