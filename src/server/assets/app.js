/* global document, window, fetch, sessionStorage, history, location, URLSearchParams, Chart */
// Rampart dashboard: plain DOM code over the JSON API (/api/openapi.json). Data is only ever put
// into the page as text (never as HTML), so a hostile resource name cannot inject markup.
'use strict';

const state = { token: null, cluster: null, scanId: null, scan: null, frameworks: [], charts: {} };
const $ = (sel) => document.querySelector(sel);

function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null) continue;
    if (k === 'class') e.className = v;
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v);
  }
  for (const c of children.flat()) if (c !== undefined && c !== null) e.append(c instanceof window.Node ? c : String(c));
  return e;
}

function setStatus(text) {
  $('#status').textContent = text;
}

async function api(path) {
  const res = await fetch(path, { headers: { authorization: `Bearer ${state.token}` } });
  if (res.status === 401) {
    showLogin('The token was not accepted.');
    throw new Error('unauthorized');
  }
  const body = await res.json();
  if (!res.ok) throw new Error(body.error || `HTTP ${res.status}`);
  return body;
}

function showLogin(message) {
  sessionStorage.removeItem('rampart_token');
  state.token = null;
  $('#app').hidden = true;
  $('#logout').hidden = true;
  $('#login').hidden = false;
  $('#login-error').textContent = message || '';
}

function resourceText(f) {
  return `${f.kind} ${f.namespace ? `${f.namespace}/` : ''}${f.name}`;
}

async function loadClusters() {
  const clusters = await api('/api/clusters');
  const ul = $('#clusters');
  ul.replaceChildren();
  for (const c of clusters) {
    ul.append(el('li', { 'data-cluster': c.cluster, class: c.cluster === state.cluster ? 'selected' : '', onclick: () => selectCluster(c.cluster) }, c.cluster, el('small', {}, `${c.scans} scan${c.scans === 1 ? '' : 's'}, ${c.lastFindings} open`)));
  }
  if (!clusters.length) {
    ul.append(el('li', { class: 'muted' }, 'No scans stored yet: rampart scan … --store'));
    setStatus('no scans');
    return;
  }
  if (!state.cluster) await selectCluster(clusters[0].cluster);
}

async function selectCluster(cluster) {
  state.cluster = cluster;
  for (const li of document.querySelectorAll('#clusters li')) li.classList.toggle('selected', li.dataset.cluster === cluster);
  const scans = await api(`/api/scans?cluster=${encodeURIComponent(cluster)}&limit=50`);
  const ul = $('#scans');
  ul.replaceChildren();
  for (const s of scans) {
    ul.append(el('li', { 'data-scan': String(s.id), onclick: () => selectScan(s.id) }, `#${s.id} ${s.generatedAt.slice(0, 16).replace('T', ' ')}`, el('small', {}, `${s.findings} open, ${s.waived} waived`)));
  }
  await drawTrend();
  if (scans.length) await selectScan(scans[0].id);
}

async function selectScan(id) {
  state.scanId = id;
  for (const li of document.querySelectorAll('#scans li')) li.classList.toggle('selected', li.dataset.scan === String(id));
  const scan = await api(`/api/scans/${id}`);
  state.scan = scan;
  $('#scan-title').textContent = `Scan #${scan.id} of ${scan.cluster} — ${scan.generatedAt.replace('T', ' ').slice(0, 19)} UTC`;
  const cards = $('#cards');
  cards.replaceChildren(
    el('div', { class: 'card', id: 'card-open' }, el('b', {}, String(scan.findings)), el('span', {}, 'open findings')),
    el('div', { class: 'card' }, el('b', {}, String(scan.waived)), el('span', {}, 'waived')),
    el('div', { class: 'card' }, el('b', {}, String(scan.resources)), el('span', {}, 'resources')),
    ...scan.frameworks.filter((f) => f.score !== null).map((f) => el('div', { class: 'card', 'data-framework': f.id }, el('b', {}, `${f.score}%`), el('span', {}, f.name))),
  );
  drawSeverity(scan.bySeverity);
  state.frameworks = await api(`/api/scans/${id}/frameworks`);
  fillFrameworkSelect();
  await loadFindings();
  await loadWaivers();
  setStatus(`${state.cluster} · scan #${id}`);
}

function chart(id, config) {
  if (state.charts[id]) state.charts[id].destroy();
  state.charts[id] = new Chart($(`#${id}`), config);
}

const SEV_COLORS = { critical: '#7b1fa2', high: '#c62828', medium: '#ef6c00', low: '#0277bd', info: '#607d8b' };

function drawSeverity(bySeverity) {
  const labels = Object.keys(SEV_COLORS);
  chart('severity-chart', {
    type: 'bar',
    data: { labels, datasets: [{ label: 'open findings', data: labels.map((k) => bySeverity[k] || 0), backgroundColor: labels.map((k) => SEV_COLORS[k]) }] },
    options: { animation: false, plugins: { legend: { display: false } }, scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } },
  });
}

async function drawTrend() {
  const points = await api(`/api/trend?cluster=${encodeURIComponent(state.cluster)}`);
  const scans = [...new Set(points.map((p) => p.scanId))];
  const byFw = new Map();
  for (const p of points) {
    if (p.score === null) continue;
    if (!byFw.has(p.framework)) byFw.set(p.framework, new Map());
    byFw.get(p.framework).set(p.scanId, p.score);
  }
  const palette = ['#1565c0', '#2e7d32', '#c62828', '#6a1b9a', '#ef6c00', '#00838f', '#5d4037'];
  $('#trend-empty').hidden = scans.length > 1;
  $('#trend-chart').dataset.points = String(scans.length);
  chart('trend-chart', {
    type: 'line',
    data: {
      labels: scans.map((id) => `#${id}`),
      datasets: [...byFw].map(([fw, m], i) => ({ label: fw, data: scans.map((id) => (m.has(id) ? m.get(id) : null)), borderColor: palette[i % palette.length], backgroundColor: palette[i % palette.length], spanGaps: true })),
    },
    options: { animation: false, scales: { y: { min: 0, max: 100, title: { display: true, text: 'score %' } } } },
  });
}

function fillFrameworkSelect() {
  const sel = $('#framework-select');
  const keep = sel.value;
  sel.replaceChildren(...state.frameworks.map((f) => el('option', { value: f.id }, `${f.name}${f.score !== null ? ` — ${f.score}%` : ''}`)));
  if (state.frameworks.some((f) => f.id === keep)) sel.value = keep;
  drawFramework();
}

function drawFramework() {
  const fw = state.frameworks.find((f) => f.id === $('#framework-select').value);
  const sections = $('#framework-sections');
  const tbody = $('#controls-table tbody');
  sections.replaceChildren();
  tbody.replaceChildren();
  if (!fw) return;
  for (const s of fw.sections) sections.append(el('div', { class: 'card' }, el('b', {}, s.score === null ? '—' : `${s.score}%`), el('span', {}, `${s.id} ${s.title}`)));
  for (const c of fw.controls) {
    tbody.append(
      el(
        'tr',
        { 'data-control': c.id, onclick: () => showControlFindings(c) },
        el('td', {}, c.id),
        el('td', {}, c.title),
        el('td', {}, c.section),
        el('td', {}, el('span', { class: `st st-${c.status}` }, c.status)),
        el('td', {}, String(c.failing.length)),
      ),
    );
  }
}

async function showControlFindings(c) {
  if (!c.failing.length && !c.waived.length) return;
  selectTab('findings');
  await showFinding(c.failing[0] || c.waived[0]);
}

async function loadFindings(event) {
  if (event) event.preventDefault();
  if (!state.scanId) return;
  const p = new URLSearchParams();
  const add = (k, v) => v && p.set(k, v);
  add('severity', $('#filter-severity').value);
  add('status', $('#filter-status').value);
  add('rule', $('#filter-rule').value.trim());
  add('q', $('#filter-q').value.trim());
  if ($('#filter-namespace').value.trim()) p.set('namespace', $('#filter-namespace').value.trim());
  if ($('#filter-open').checked) p.set('waived', 'false');
  p.set('limit', '500');
  const out = await api(`/api/scans/${state.scanId}/findings?${p}`);
  $('#findings-count').textContent = `${out.total} finding${out.total === 1 ? '' : 's'}${out.total > out.items.length ? ` (first ${out.items.length} shown)` : ''}`;
  const tbody = $('#findings-table tbody');
  tbody.replaceChildren(
    ...out.items.map((f) =>
      el(
        'tr',
        { 'data-fingerprint': f.fingerprint, onclick: () => showFinding(f.fingerprint) },
        el('td', {}, el('span', { class: `sev sev-${f.severity}` }, f.waived ? `${f.severity} (waived)` : f.severity)),
        el('td', {}, f.ruleId),
        el('td', {}, resourceText(f)),
        el('td', {}, f.message),
        el('td', {}, f.file ? `${f.file}${f.line ? `:${f.line}` : ''}` : ''),
      ),
    ),
  );
}

async function showFinding(fp) {
  const d = await api(`/api/scans/${state.scanId}/findings/${fp}`);
  const f = d.finding;
  const box = $('#finding-detail');
  const where = f.location.file ? `${f.location.file}${f.location.line ? `:${f.location.line}` : ''}` : f.source.cluster || f.source.nodeRoot || f.source.image || '';
  const parts = [
    el('h3', {}, `${f.title}`),
    el('p', {}, el('span', { class: `sev sev-${f.severity}` }, f.severity), ` ${f.ruleId} · ${f.status}`),
    el('p', {}, f.message),
    el('dl', {}, el('dt', {}, 'Resource'), el('dd', {}, `${f.resource.kind} ${f.resource.namespace ? `${f.resource.namespace}/` : ''}${f.resource.name}`), el('dt', {}, 'Where'), el('dd', {}, `${where}${f.location.path ? ` (${f.location.path})` : ''}`)),
    f.evidence ? el('pre', {}, JSON.stringify(f.evidence, null, 2)) : null,
    f.remediation ? el('p', {}, el('b', {}, 'Fix: '), f.remediation) : null,
    f.waiver ? el('p', { class: 'muted' }, `Waived: ${f.waiver.justification}${f.waiver.acceptedBy ? ` — accepted by ${f.waiver.acceptedBy}` : ''}${f.waiver.expires ? `, until ${f.waiver.expires}` : ''}`) : null,
    d.controls.length ? el('p', {}, el('b', {}, 'Controls: '), d.controls.map((c) => `${c.framework} ${c.control}`).join(', ')) : null,
    d.sameResource.length ? el('div', {}, el('b', {}, 'Other findings on this resource'), el('ul', {}, d.sameResource.map((x) => el('li', {}, `${x.severity} ${x.ruleId}: ${x.message}`)))) : null,
  ];
  box.replaceChildren(...parts.filter(Boolean));
  box.hidden = false;
  box.scrollIntoView({ block: 'nearest' });
}

async function loadWaivers() {
  const w = await api(`/api/scans/${state.scanId}/waivers`);
  $('#waivers-table tbody').replaceChildren(
    ...w.exceptions.map((e) =>
      el(
        'tr',
        {},
        el('td', {}, e.ruleId),
        el('td', {}, Object.entries(e.selector).map(([k, v]) => `${k}=${v}`).join(', ') || 'all'),
        el('td', {}, e.justification),
        el('td', {}, e.acceptedBy || ''),
        el('td', { class: e.expired ? 'error' : '' }, e.expires ? `${e.expires}${e.expired ? ' (expired)' : ''}` : 'never'),
        el('td', {}, String(e.matched)),
      ),
    ),
  );
}

function selectTab(name) {
  for (const b of document.querySelectorAll('.tabs button')) b.setAttribute('aria-selected', String(b.dataset.tab === name));
  for (const s of document.querySelectorAll('.tab')) s.hidden = s.id !== `tab-${name}`;
}

async function start() {
  $('#app').hidden = false;
  $('#login').hidden = true;
  $('#logout').hidden = false;
  try {
    await loadClusters();
  } catch (err) {
    if (err.message !== 'unauthorized') setStatus(`error: ${err.message}`);
  }
}

function init() {
  const m = /(?:^|[#&])token=([^&]+)/.exec(location.hash);
  if (m) {
    sessionStorage.setItem('rampart_token', decodeURIComponent(m[1]));
    history.replaceState(null, '', location.pathname + location.search);
  }
  state.token = sessionStorage.getItem('rampart_token');
  for (const b of document.querySelectorAll('.tabs button')) b.addEventListener('click', () => selectTab(b.dataset.tab));
  $('#filters').addEventListener('submit', loadFindings);
  $('#framework-select').addEventListener('change', drawFramework);
  $('#logout').addEventListener('click', () => showLogin(''));
  $('#login').addEventListener('submit', (e) => {
    e.preventDefault();
    state.token = $('#token-input').value.trim();
    sessionStorage.setItem('rampart_token', state.token);
    start();
  });
  if (state.token) start();
  else showLogin('');
}

document.addEventListener('DOMContentLoaded', init);
