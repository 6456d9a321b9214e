import { SEVERITIES, type Finding } from '../core/types.js';
import { frameworksOf } from '../frameworks/assess.js';
import type { FrameworkResult } from '../frameworks/types.js';
import type { Reporter } from './index.js';
import { openFindings, type Report } from './report.js';
import { readChartJs } from '../core/package-files.js';

/** Escapes text for HTML content and attribute values. */
export function esc(v: unknown): string {
  return String(v ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** JSON that is safe inside a <script> element. */
function scriptJson(v: unknown): string {
  return JSON.stringify(v).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

let chartJs: string | undefined;
/** Chart.js (MIT) UMD build, inlined so the report opens with no network. */
function chartJsSource(): string {
  if (chartJs === undefined) {
    chartJs = readChartJs();
  }
  return chartJs;
}

const SEV_COLORS: Record<string, string> = { critical: '#7b1fa2', high: '#c62828', medium: '#ef6c00', low: '#0277bd', info: '#607d8b' };

function resKey(f: Finding): string {
  return `${f.resource.kind} ${f.resource.namespace ? `${f.resource.namespace}/` : ''}${f.resource.name}`;
}

function where(f: Finding): string {
  if (f.location.file) return `${f.location.file}${f.location.line ? `:${f.location.line}` : ''}`;
  return f.source.cluster ?? f.source.nodeRoot ?? f.source.image ?? '';
}

function statusBadge(status: string): string {
  return `<span class="st st-${esc(status)}">${esc(status)}</span>`;
}

function findingRow(f: Finding, anchor = false): string {
  const label = f.waiver ? 'waived' : f.status === 'fail' ? f.severity : f.status;
  return `<tr${anchor ? ` id="f-${esc(f.fingerprint)}"` : ''} data-severity="${esc(f.severity)}"><td><span class="sev sev-${esc(f.severity)}">${esc(label)}</span></td><td><code>${esc(f.ruleId)}</code></td><td>${esc(f.message)}${
    f.evidence ? `<div class="ev">${esc(JSON.stringify(f.evidence))}</div>` : ''
  }${f.remediation ? `<div class="fix"><b>Fix:</b> ${esc(f.remediation)}</div>` : ''}${f.waiver ? `<div class="waiver">Waived: ${esc(f.waiver.justification)}${f.waiver.acceptedBy ? ` — ${esc(f.waiver.acceptedBy)}` : ''}${f.waiver.expires ? `, until ${esc(f.waiver.expires)}` : ''}</div>` : ''}</td><td>${esc(where(f))}${f.location.path ? `<br><code>${esc(f.location.path)}</code>` : ''}</td></tr>`;
}

function frameworkSection(fw: FrameworkResult, findings: Map<string, Finding>): string {
  const sections = fw.sections
    .map((s) => `<tr><td>${esc(s.id)}</td><td>${esc(s.title)}</td><td class="num">${s.score === null ? '—' : `${s.score}%`}</td><td class="num">${s.counts.pass}</td><td class="num">${s.counts.fail}</td><td class="num">${s.counts.waived}</td><td class="num">${s.counts.manual}</td><td class="num">${s.counts['not-assessed'] + s.counts['not-applicable']}</td></tr>`)
    .join('');
  const controls = fw.controls
    .map((c) => {
      const ev = [...c.failing, ...c.waived]
        .slice(0, 5)
        .map((fp) => findings.get(fp))
        .filter((f): f is Finding => Boolean(f))
        .map((f) => `<a href="#f-${esc(f.fingerprint)}">${esc(resKey(f))}</a>`)
        .join(', ');
      const more = c.failing.length + c.waived.length > 5 ? ` and ${c.failing.length + c.waived.length - 5} more` : '';
      const rules = c.rules.map((r) => `${r.rule}${r.checkId ? `#${r.checkId}` : ''}`).join(', ');
      return `<tr data-control="${esc(c.id)}" data-status="${esc(c.status)}"><td>${esc(c.id)}</td><td>${esc(c.title)}</td><td>${statusBadge(c.status)}</td><td>${ev}${more}${ev ? '<br>' : ''}<small>${esc(rules || 'needs a person')}</small></td></tr>`;
    })
    .join('');
  return `<section class="fw" id="fw-${esc(fw.id)}" data-framework="${esc(fw.id)}" data-score="${fw.score ?? ''}">
<h3>${esc(fw.name)} <small>${esc(fw.version)}</small> — <span class="score">${fw.score === null ? 'no decided controls' : `${fw.score}%`}</span></h3>
<p class="muted">${fw.counts.pass} pass · ${fw.counts.fail} fail · ${fw.counts.waived} waived · ${fw.counts.manual} manual · ${fw.counts['not-applicable']} not applicable · ${fw.counts['not-assessed']} not assessed</p>
<table><thead><tr><th>Section</th><th>Title</th><th>Score</th><th>Pass</th><th>Fail</th><th>Waived</th><th>Manual</th><th>Other</th></tr></thead><tbody>${sections}</tbody></table>
<details class="controls"><summary>${fw.controls.length} controls</summary><table><thead><tr><th>Control</th><th>Title</th><th>Status</th><th>Evidence</th></tr></thead><tbody>${controls}</tbody></table></details>
</section>`;
}

interface Edge {
  from: string;
  to: string;
  label?: string;
}

/** Finds escalation paths in an RBAC extension of unknown shape: arrays of steps or of edges. */
export function pathsOf(rbac: unknown): { title: string; nodes: string[]; labels: string[] }[] {
  const out: { title: string; nodes: string[]; labels: string[] }[] = [];
  const name = (n: unknown): string => {
    if (typeof n === 'string') return n;
    if (n && typeof n === 'object') {
      const o = n as Record<string, unknown>;
      const kind = o.kind ? `${o.kind} ` : '';
      const ns = o.namespace ? `${o.namespace}/` : '';
      if (o.name) return `${kind}${ns}${o.name}`;
      if (o.id) return String(o.id);
      if (o.subject) return name(o.subject);
    }
    return JSON.stringify(n);
  };
  const list = Array.isArray(rbac) ? rbac : rbac && typeof rbac === 'object' ? ((rbac as any).escalationPaths ?? (rbac as any).paths ?? []) : [];
  if (!Array.isArray(list)) return out;
  list.slice(0, 50).forEach((p: any, i: number) => {
    const steps: unknown[] | undefined = Array.isArray(p) ? p : (p?.steps ?? p?.path ?? p?.nodes ?? p?.edges);
    if (!Array.isArray(steps) || steps.length === 0) return;
    const title = String(p?.title ?? p?.description ?? p?.goal ?? p?.target ?? `path ${i + 1}`);
    const isEdge = (s: any): s is Edge => s && typeof s === 'object' && 'from' in s && 'to' in s;
    if (steps.every(isEdge)) {
      const nodes = [name((steps[0] as Edge).from), ...steps.map((s) => name((s as Edge).to))];
      out.push({ title, nodes, labels: steps.map((s: any) => String(s.label ?? s.via ?? s.permission ?? s.verb ?? '')) });
    } else {
      out.push({ title, nodes: steps.map(name), labels: steps.slice(1).map((s: any) => String(s?.via ?? s?.label ?? s?.permission ?? '')) });
    }
  });
  return out;
}

/** One SVG per path: boxes left to right, arrows labelled with the permission that links them. */
function pathSvg(p: { nodes: string[]; labels: string[] }): string {
  const w = 190;
  const gap = 110;
  const h = 64;
  const width = p.nodes.length * w + (p.nodes.length - 1) * gap + 10;
  const parts: string[] = [];
  p.nodes.forEach((n, i) => {
    const x = 5 + i * (w + gap);
    const short = n.length > 30 ? `${n.slice(0, 29)}…` : n;
    parts.push(`<rect x="${x}" y="14" width="${w}" height="36" rx="6" class="${i === p.nodes.length - 1 ? 'goal' : 'node'}"/><text x="${x + w / 2}" y="36" text-anchor="middle"><title>${esc(n)}</title>${esc(short)}</text>`);
    if (i < p.nodes.length - 1) {
      const x1 = x + w;
      const x2 = x1 + gap;
      parts.push(`<line x1="${x1}" y1="32" x2="${x2 - 6}" y2="32" class="edge" marker-end="url(#arrow)"/>`);
      const label = p.labels[i] ?? '';
      if (label) parts.push(`<text x="${x1 + gap / 2}" y="26" text-anchor="middle" class="elabel">${esc(label.length > 18 ? `${label.slice(0, 17)}…` : label)}</text>`);
    }
  });
  return `<svg class="path" viewBox="0 0 ${width} ${h}" width="${width}" height="${h}" role="img"><defs><marker id="arrow" markerWidth="8" markerHeight="8" refX="6" refY="4" orient="auto"><path d="M0,0 L8,4 L0,8 z" fill="#555"/></marker></defs>${parts.join('')}</svg>`;
}

function rbacSection(rbac: unknown): string {
  if (rbac === undefined) return '';
  const paths = pathsOf(rbac);
  const body = paths.length
    ? paths.map((p) => `<figure class="rbac-path"><figcaption>${esc(p.title)}</figcaption>${pathSvg(p)}</figure>`).join('')
    : `<pre>${esc(JSON.stringify(rbac, null, 2).slice(0, 20000))}</pre>`;
  return `<section id="rbac"><h2>RBAC escalation paths</h2>${body}</section>`;
}

function imagesSection(images: unknown): string {
  if (images === undefined) return '';
  const list: any[] = Array.isArray(images) ? images : Array.isArray((images as any)?.images) ? (images as any).images : [];
  if (!list.length) return `<section id="images"><h2>Image vulnerabilities</h2><pre>${esc(JSON.stringify(images, null, 2).slice(0, 20000))}</pre></section>`;
  const rows = list
    .map((img) => {
      const vulns: any[] = Array.isArray(img?.vulnerabilities) ? img.vulnerabilities : [];
      const counts = SEVERITIES.map((s) => vulns.filter((v) => String(v?.severity ?? '').toLowerCase() === s).length);
      const top = vulns
        .slice(0, 8)
        .map((v) => `<code>${esc(v.id ?? v.cve ?? '?')}</code> ${esc(v.package ?? v.pkg ?? '')} ${esc(v.version ?? v.installedVersion ?? '')}${v.fixedVersion || v.fixed ? ` → ${esc(v.fixedVersion ?? v.fixed)}` : ''}`)
        .join('<br>');
      return `<tr><td><code>${esc(img?.image ?? img?.ref ?? img?.name ?? '?')}</code></td>${counts.map((c) => `<td class="num">${c}</td>`).join('')}<td>${top}</td></tr>`;
    })
    .join('');
  return `<section id="images"><h2>Image vulnerabilities</h2><table><thead><tr><th>Image</th>${SEVERITIES.map((s) => `<th>${s}</th>`).join('')}<th>Examples</th></tr></thead><tbody>${rows}</tbody></table></section>`;
}

const CSS = `
:root{--line:#d8dee4;--muted:#5b6570;--bg:#f6f8fa}
*{box-sizing:border-box}body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;color:#1b1f24;margin:0 auto;max-width:1200px;padding:1rem 1.5rem}
h1{font-size:1.5rem;margin:.2rem 0}h2{border-bottom:2px solid var(--line);padding-bottom:.2rem;margin-top:2rem}h3 small{color:var(--muted);font-weight:normal}
.muted{color:var(--muted)}table{border-collapse:collapse;width:100%;margin:.5rem 0}th,td{text-align:left;padding:.25rem .45rem;border-bottom:1px solid var(--line);vertical-align:top}th{background:var(--bg);font-size:.85rem}
td.num,th.num{text-align:right}.cards{display:flex;flex-wrap:wrap;gap:.6rem;margin:.6rem 0}.card{border:1px solid var(--line);border-radius:6px;padding:.45rem .8rem;min-width:8.5rem}.card b{display:block;font-size:1.45rem}.card span{color:var(--muted);font-size:.85rem}
.charts{display:grid;grid-template-columns:3fr 2fr;gap:1rem}.charts figure{margin:0;border:1px solid var(--line);border-radius:6px;padding:.5rem}.charts canvas{max-height:260px}
.sev{font-weight:600;text-transform:uppercase;font-size:.78rem}.sev-critical{color:#7b1fa2}.sev-high{color:#c62828}.sev-medium{color:#ef6c00}.sev-low{color:#0277bd}.sev-info{color:#607d8b}
.st{padding:0 .35rem;border-radius:3px;font-size:.8rem;white-space:nowrap}.st-pass{background:#e3f3e4;color:#2e7d32}.st-fail{background:#fde7e7;color:#c62828}.st-waived{background:#fff3e0;color:#8d5a00}.st-manual,.st-not-assessed,.st-not-applicable{background:#eceff1;color:var(--muted)}
.ev{font-family:ui-monospace,monospace;font-size:.8rem;color:#444;word-break:break-all}.fix{font-size:.85rem}.waiver{font-size:.85rem;color:#8d5a00}
details{margin:.3rem 0}summary{cursor:pointer;font-weight:600}details.res{border:1px solid var(--line);border-radius:6px;padding:.3rem .6rem}
svg.path{max-width:100%;height:auto}svg .node{fill:#e8f0fe;stroke:#1565c0}svg .goal{fill:#fde7e7;stroke:#c62828}svg text{font:12px system-ui,sans-serif}svg .edge{stroke:#555;stroke-width:1.5}svg .elabel{font-size:10px;fill:#555}
.rbac-path{margin:.4rem 0}.expired{color:#c62828;font-weight:600}
@media print{body{max-width:none;padding:0;font-size:11px}.charts{grid-template-columns:1fr 1fr}section,figure,tr{break-inside:avoid}h2{break-after:avoid}details>summary{list-style:none}a{color:inherit;text-decoration:none}}
`;

/** Opens every <details> before printing so the PDF holds everything; draws the two charts. */
const SCRIPT = `
(function(){
  var d=JSON.parse(document.getElementById('rampart-data').textContent);
  window.addEventListener('beforeprint',function(){document.querySelectorAll('details').forEach(function(e){e.open=true;});});
  if(typeof Chart==='undefined')return;
  Chart.defaults.animation=false;
  var sev=document.getElementById('chart-severity');
  if(sev)new Chart(sev,{type:'doughnut',data:{labels:d.severities,datasets:[{data:d.bySeverity,backgroundColor:d.colors}]},options:{plugins:{legend:{position:'right'}}}});
  var fw=document.getElementById('chart-frameworks');
  if(fw&&d.frameworks.length)new Chart(fw,{type:'bar',data:{labels:d.frameworks.map(function(f){return f.id;}),datasets:[{label:'score %',data:d.frameworks.map(function(f){return f.score;}),backgroundColor:'#1565c0'}]},options:{indexAxis:'y',scales:{x:{min:0,max:100}},plugins:{legend:{display:false}}}});
  document.body.setAttribute('data-charts','ready');
})();
`;

/** One self-contained HTML file: no request leaves it when opened (scripts, styles and data inline). */
export function renderHtml(report: Report): string {
  const s = report.summary;
  const frameworks = frameworksOf(report);
  const open = openFindings(report);
  const byFp = new Map(report.findings.map((f) => [f.fingerprint, f]));
  const top = [...open].sort((a, b) => SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity)).slice(0, 10);
  const byResource = new Map<string, Finding[]>();
  for (const f of report.findings) {
    if (f.status === 'pass' || f.status === 'not-applicable') continue;
    const k = resKey(f);
    let l = byResource.get(k);
    if (!l) byResource.set(k, (l = []));
    l.push(f);
  }
  const resources = [...byResource]
    .sort((a, b) => b[1].filter((f) => !f.waiver).length - a[1].filter((f) => !f.waiver).length || a[0].localeCompare(b[0]))
    .map(([k, list]) => {
      const openN = list.filter((f) => !f.waiver && (f.status === 'fail' || f.status === 'warn' || f.status === 'error')).length;
      list.sort((a, b) => SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity));
      return `<details class="res" data-resource="${esc(k)}"><summary>${esc(k)} — ${openN} open${list.length > openN ? `, ${list.length - openN} other` : ''} <span class="muted">${esc(list[0]!.location.file ?? '')}</span></summary><table><thead><tr><th>Severity</th><th>Rule</th><th>Finding</th><th>Where</th></tr></thead><tbody>${list.map((f) => findingRow(f, true)).join('')}</tbody></table></details>`;
    })
    .join('');
  const waivers = report.exceptions
    .map(
      (e) =>
        `<tr><td><code>${esc(e.ruleId)}</code></td><td>${esc(Object.entries(e.selector).map(([k, v]) => `${k}=${v}`).join(', ') || 'all resources')}</td><td>${esc(e.justification)}</td><td>${esc(e.acceptedBy ?? '')}</td><td${e.expired ? ' class="expired"' : ''}>${esc(e.expires ?? 'never')}${e.expired ? ' (expired: no longer waives)' : ''}</td><td class="num">${e.matched}</td><td>${esc(e.origin)}</td></tr>`,
    )
    .join('');
  const data = {
    severities: [...SEVERITIES],
    bySeverity: SEVERITIES.map((k) => s.bySeverity[k]),
    colors: SEVERITIES.map((k) => SEV_COLORS[k]),
    frameworks: frameworks.filter((f) => f.score !== null).map((f) => ({ id: f.id, score: f.score })),
  };
  const title = `Rampart report — ${report.target.kind} ${report.target.inputs.join(' ')}`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<title>${esc(title)}</title><style>${CSS}</style></head>
<body>
<header><h1>${esc(title)}</h1><p class="muted">Generated ${esc(report.generatedAt)} by Rampart ${esc(report.tool.version)}${report.context?.cluster ? ` · cluster ${esc(report.context.cluster)}` : ''}</p></header>
<section id="overview"><h2>Overview</h2>
<div class="cards">
<div class="card"><b data-count="open">${s.findings}</b><span>open findings</span></div>
${SEVERITIES.map((k) => `<div class="card"><b class="sev-${k}" data-count="${k}">${s.bySeverity[k]}</b><span>${k}</span></div>`).join('')}
<div class="card"><b data-count="waived">${s.waived}</b><span>waived</span></div>
<div class="card"><b data-count="resources">${s.resources}</b><span>resources</span></div>
<div class="card"><b data-count="rules">${s.rulesRun}</b><span>rules run</span></div>
</div>
<div class="charts"><figure><figcaption>Score per framework</figcaption><canvas id="chart-frameworks" height="220"></canvas>${
    frameworks.length ? `<table class="scores"><tbody>${frameworks.map((f) => `<tr><td><a href="#fw-${esc(f.id)}">${esc(f.name)}</a></td><td class="num" data-framework-score="${esc(f.id)}">${f.score === null ? '—' : `${f.score}%`}</td></tr>`).join('')}</tbody></table>` : '<p class="muted">No framework assessed.</p>'
  }</figure>
<figure><figcaption>Open findings by severity</figcaption><canvas id="chart-severity" height="220"></canvas></figure></div>
<h3>Top risks</h3>${top.length ? `<table><thead><tr><th>Severity</th><th>Rule</th><th>Finding</th><th>Resource</th></tr></thead><tbody>${top.map((f) => `<tr><td><span class="sev sev-${esc(f.severity)}">${esc(f.severity)}</span></td><td><code>${esc(f.ruleId)}</code></td><td>${esc(f.message)}</td><td><a href="#f-${esc(f.fingerprint)}">${esc(resKey(f))}</a></td></tr>`).join('')}</tbody></table>` : '<p>No open findings.</p>'}
</section>
${frameworks.length ? `<section id="frameworks"><h2>Frameworks</h2>${frameworks.map((fw) => frameworkSection(fw, byFp)).join('')}</section>` : ''}
<section id="resources"><h2>Resources</h2>${resources || '<p>No findings on any resource.</p>'}</section>
${rbacSection(report.extensions?.rbac)}
${imagesSection(report.extensions?.images)}
<section id="waivers"><h2>Waivers</h2>${waivers ? `<table><thead><tr><th>Rule / control</th><th>Resources</th><th>Justification</th><th>Accepted by</th><th>Expires</th><th>Matched</th><th>Written at</th></tr></thead><tbody>${waivers}</tbody></table>` : '<p>No exceptions.</p>'}</section>
${report.diagnostics.length ? `<section id="diagnostics"><h2>Diagnostics</h2><ul>${report.diagnostics.map((d) => `<li><b>${esc(d.level)}</b> ${esc(d.message)}</li>`).join('')}</ul></section>` : ''}
<script id="rampart-data" type="application/json">${scriptJson(data)}</script>
<script>${chartJsSource().replace(/<\/script/gi, '<\\/script')}</script>
<script>${SCRIPT}</script>
</body></html>
`;
}

export const htmlReporter: Reporter = {
  description: 'one self-contained HTML file: scores, controls, per-resource drill-down, waivers (prints to PDF)',
  extension: 'html',
  render: renderHtml,
};
