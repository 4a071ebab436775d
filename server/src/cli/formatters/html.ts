/**
 * `--format html`: one self-contained page for a compliance reviewer to read, print or mail.
 * Inline CSS (allowed by its hash in a Content-Security-Policy that allows nothing else),
 * inline SVG charts, no script, no font, image or link to load. Every text is escaped.
 * Numbers carry `data-*` attributes (`data-total`, `data-rule`, `data-severity`,
 * `data-provider`, `data-patient`, `data-code`, `data-count`, …) so tests and scripts can
 * read them.
 */
import { createHash } from 'node:crypto';
import { docsUrl } from '../../engine/rule';
import type { Severity } from '../../engine/types';
import type { FileReport, Summary } from '../report';
import { VERSION } from '../version';

export interface HtmlOptions {
  /** `--no-snippets` was given: the page says that it holds no note text. */
  noSnippets?: boolean;
  /** `--baseline` file, named in the header when findings were suppressed. */
  baseline?: string;
}

const SEVERITIES: Severity[] = ['error', 'warning', 'info'];
const SEVERITY_LABEL: Record<Severity, string> = { error: 'Errors', warning: 'Warnings', info: 'Infos' };
const COLOR: Record<Severity, string> = { error: '#b3261e', warning: '#9a6700', info: '#1f5fa8' };
const COMPUTED_COLOR = '#3b4a5a';
const BILLED_COLOR = '#c77c02';

/** Escapes text for HTML element content and (double- or single-quoted) attribute values. */
export function esc(s: string | number): string {
  return String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

interface Counts {
  error: number;
  warning: number;
  info: number;
  total: number;
  fixable: number;
  notes: number;
}

const zero = (): Counts => ({ error: 0, warning: 0, info: 0, total: 0, fixable: 0, notes: 0 });

function tally(map: Map<string, Counts>, key: string): Counts {
  let c = map.get(key);
  if (!c) map.set(key, (c = zero()));
  return c;
}

interface CodeUnits {
  code: string;
  label: string;
  notes: number;
  computed: number;
  billed: number;
  /** Notes where missing minutes leave the computed units unknown. */
  unknown: number;
}

/** Everything the page shows, counted once. */
export function reportData(files: FileReport[]) {
  const byRule = new Map<string, Counts>();
  const bySeverity = new Map<string, Counts>(SEVERITIES.map((s) => [s, zero()]));
  const byProvider = new Map<string, Counts>();
  const byPatient = new Map<string, Counts>();
  const codes = new Map<string, CodeUnits>();
  const dates: string[] = [];
  let fixable = 0;
  for (const f of files) {
    if (!f.isNote) continue;
    const provider = f.meta?.provider ?? '';
    const patient = f.meta?.patient ?? '';
    if (f.meta?.date) dates.push(f.meta.date);
    tally(byProvider, provider).notes++;
    tally(byPatient, patient).notes++;
    for (const x of f.findings) {
      for (const c of [tally(byRule, x.ruleId), bySeverity.get(x.severity)!, tally(byProvider, provider), tally(byPatient, patient)]) {
        c[x.severity]++;
        c.total++;
        if (x.fix) c.fixable++;
      }
      if (x.fix) fixable++;
    }
    for (const c of f.billing?.codes ?? []) {
      let u = codes.get(c.code);
      if (!u) codes.set(c.code, (u = { code: c.code, label: f.codeLabels?.[c.code] ?? '', notes: 0, computed: 0, billed: 0, unknown: 0 }));
      u.notes++;
      if (c.units === null) u.unknown++;
      else u.computed += c.units;
      u.billed += c.billedUnits ?? 0;
    }
  }
  for (const c of bySeverity.values()) c.notes = 0;
  dates.sort();
  return {
    byRule: [...byRule.entries()].sort((a, b) => b[1].total - a[1].total || cmp(a[0], b[0])),
    bySeverity,
    byProvider: [...byProvider.entries()].sort((a, b) => b[1].total - a[1].total || blankLast(a[0], b[0])),
    byPatient: [...byPatient.entries()].sort((a, b) => blankLast(a[0], b[0])),
    codes: [...codes.values()].sort((a, b) => cmp(a.code, b.code)),
    patients: [...byPatient.keys()].filter((p) => p !== '').length,
    fixable,
    firstDate: dates[0] ?? null,
    lastDate: dates[dates.length - 1] ?? null,
  };
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function blankLast(a: string, b: string): number {
  return a === '' ? (b === '' ? 0 : 1) : b === '' ? -1 : cmp(a, b);
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

const CSS = `
:root { color-scheme: light; --ink: #1d232a; --muted: #5b6570; --line: #d9dee3; --panel: #f5f7f9; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: var(--ink); background: #fff; }
main { max-width: 1040px; margin: 0 auto; padding: 28px 32px 48px; }
h1 { font-size: 24px; margin: 0 0 4px; }
h2 { font-size: 17px; margin: 32px 0 10px; padding-bottom: 4px; border-bottom: 2px solid var(--line); }
h3 { font-size: 14px; margin: 22px 0 4px; word-break: break-all; }
p.lead { margin: 0; color: var(--muted); }
p.note { color: var(--muted); margin: 6px 0 0; }
.privacy { display: inline-block; margin-top: 8px; padding: 2px 8px; border: 1px solid var(--line); border-radius: 4px; background: var(--panel); font-size: 12px; }
dl.totals { display: grid; grid-template-columns: repeat(auto-fit, minmax(112px, 1fr)); gap: 10px; margin: 20px 0 0; }
dl.totals div { background: var(--panel); border: 1px solid var(--line); border-radius: 6px; padding: 10px 12px; }
dl.totals dt { font-size: 12px; color: var(--muted); text-transform: uppercase; letter-spacing: .04em; }
dl.totals dd { margin: 2px 0 0; font-size: 24px; font-weight: 650; font-variant-numeric: tabular-nums; }
dl.totals .error dd { color: ${COLOR.error}; }
dl.totals .warning dd { color: ${COLOR.warning}; }
dl.totals .info dd { color: ${COLOR.info}; }
.grid { display: grid; grid-template-columns: 1fr 1fr; gap: 0 28px; }
.grid > section { min-width: 0; }
table { width: 100%; border-collapse: collapse; font-variant-numeric: tabular-nums; }
th, td { text-align: left; padding: 5px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { font-size: 12px; color: var(--muted); font-weight: 600; background: var(--panel); }
td.n, th.n { text-align: right; white-space: nowrap; }
tr { break-inside: avoid; }
.none { color: var(--muted); font-style: italic; }
.sev { display: inline-block; min-width: 62px; font-size: 12px; font-weight: 600; }
.sev-error { color: ${COLOR.error}; }
.sev-warning { color: ${COLOR.warning}; }
.sev-info { color: ${COLOR.info}; }
td.loc { white-space: nowrap; font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: 12px; }
td.msg { word-break: break-word; }
a { color: #1f5fa8; text-decoration: none; }
a:hover { text-decoration: underline; }
a.rule { white-space: nowrap; }
code, .rule { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: 12px; }
.meta { color: var(--muted); font-size: 12px; margin: 0 0 6px; }
svg { display: block; max-width: 100%; height: auto; }
svg text { font: 12px system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; fill: var(--ink); }
svg text.rule { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 11.5px; }
.legend { display: flex; gap: 16px; font-size: 12px; color: var(--muted); margin: 4px 0 8px; }
.legend .sw { display: inline-block; width: 10px; height: 10px; margin-right: 5px; vertical-align: -1px; border-radius: 2px; }
.sw-error { background: ${COLOR.error}; } .sw-warning { background: ${COLOR.warning}; } .sw-info { background: ${COLOR.info}; }
.sw-computed { background: ${COMPUTED_COLOR}; } .sw-billed { background: ${BILLED_COLOR}; }
footer { margin-top: 36px; color: var(--muted); font-size: 12px; border-top: 1px solid var(--line); padding-top: 8px; }
@media (max-width: 760px) { .grid { grid-template-columns: 1fr; } main { padding: 16px; } }
@media print {
  @page { size: A4; margin: 14mm 12mm; }
  body { font-size: 10.5pt; }
  main { max-width: none; padding: 0; }
  h2 { break-after: avoid; }
  h3 { break-after: avoid; }
  section.chart, dl.totals { break-inside: avoid; }
  dl.totals div, th { background: none; }
  a { color: inherit; }
}
`;

export function formatHtml(files: FileReport[], summary: Summary, opts: HtmlOptions = {}): string {
  const d = reportData(files);
  const styleHash = createHash('sha256').update(CSS, 'utf8').digest('base64');
  const csp = `default-src 'none'; style-src 'sha256-${styleHash}'; img-src 'none'; base-uri 'none'; form-action 'none'`;
  const title = 'Therapy Note Lint report';
  const dates = d.firstDate ? (d.firstDate === d.lastDate ? `dated ${d.firstDate}` : `dated ${d.firstDate} to ${d.lastDate}`) : '';
  const lead = [plural(summary.notes, 'note'), d.patients > 0 ? plural(d.patients, 'patient') : '', dates].filter(Boolean).join(' · ');
  const totals: [string, string, number, string][] = [
    ['files', 'Files', summary.files, ''],
    ['notes', 'Notes', summary.notes, ''],
    ['patients', 'Patients', d.patients, ''],
    ['errors', 'Errors', summary.errors, 'error'],
    ['warnings', 'Warnings', summary.warnings, 'warning'],
    ['infos', 'Infos', summary.infos, 'info'],
    ['fixable', 'Fixable', d.fixable, ''],
  ];
  if (summary.suppressed !== undefined) totals.push(['suppressed', 'Suppressed', summary.suppressed, '']);

  let h = '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n';
  h += `<meta http-equiv="Content-Security-Policy" content="${esc(csp)}">\n`;
  h += '<meta name="viewport" content="width=device-width, initial-scale=1">\n<meta name="referrer" content="no-referrer">\n';
  h += `<meta name="generator" content="therapy-note-lint ${esc(VERSION)}">\n`;
  h += `<title>${esc(title)}</title>\n<style>${CSS}</style>\n</head>\n<body>\n<main>\n`;
  h += `<header>\n<h1>${esc(title)}</h1>\n<p class="lead">${esc(lead)}</p>\n`;
  if (opts.noSnippets) h += '<p class="privacy">Without note text (<code>--no-snippets</code>): quoted note text in messages is shown as "…".</p>\n';
  if (summary.suppressed !== undefined && opts.baseline) {
    h += `<p class="note">${esc(plural(summary.suppressed, 'finding'))} recorded in the baseline <code>${esc(opts.baseline)}</code> are not shown or counted.</p>\n`;
  }
  h += '</header>\n';

  h += '<section id="totals" aria-label="Totals">\n<dl class="totals">\n';
  for (const [key, label, n, cls] of totals) h += `<div${cls ? ` class="${cls}"` : ''}><dt>${esc(label)}</dt><dd data-total="${key}">${n}</dd></div>\n`;
  h += '</dl>\n</section>\n';

  h += '<div class="grid">\n';
  h += `<section id="chart-rules" class="chart">\n<h2>Findings per rule</h2>\n${ruleChart(d.byRule)}</section>\n`;
  h += `<section id="chart-units" class="chart">\n<h2>Billed and computed units per code</h2>\n${unitsChart(d.codes)}</section>\n`;
  h += '</div>\n';

  h += '<div class="grid">\n<section id="by-severity">\n<h2>By severity</h2>\n<table>\n<thead><tr><th>Severity</th><th class="n">Findings</th><th class="n">Fixable</th></tr></thead>\n<tbody>\n';
  for (const s of SEVERITIES) {
    const c = d.bySeverity.get(s)!;
    h += `<tr data-severity="${s}" data-count="${c.total}"><td><span class="sev sev-${s}">${SEVERITY_LABEL[s]}</span></td><td class="n">${c.total}</td><td class="n">${c.fixable}</td></tr>\n`;
  }
  h += '</tbody>\n</table>\n</section>\n';
  h += `<section id="by-rule">\n<h2>By rule</h2>\n${countTable('Rule', 'rule', d.byRule, (id) => `<a class="rule" href="${esc(docsUrl(id))}">${esc(id)}</a>`, false)}</section>\n</div>\n`;

  h += '<div class="grid">\n';
  h += `<section id="by-provider">\n<h2>By provider</h2>\n${countTable('Provider', 'provider', d.byProvider, (p) => (p ? esc(p) : '<span class="none">not stated</span>'), true)}</section>\n`;
  h += `<section id="by-patient">\n<h2>By patient</h2>\n${countTable('Patient', 'patient', d.byPatient, (p) => (p ? esc(p) : '<span class="none">no patient id</span>'), true)}</section>\n`;
  h += '</div>\n';

  h += `<section id="units">\n<h2>Units per code</h2>\n${unitsTable(d.codes)}</section>\n`;
  h += `<section id="findings">\n<h2>Findings</h2>\n${findingsList(files)}</section>\n`;

  h += `<footer>therapy-note-lint ${esc(VERSION)}. Units are computed from the documented minutes under each note's payer profile; `;
  h += 'each rule id links to its page, which says what the rule checks and why.</footer>\n';
  h += '</main>\n</body>\n</html>\n';
  return h;
}

function countTable(head: string, attr: string, rows: [string, Counts][], label: (key: string) => string, withNotes: boolean): string {
  if (rows.length === 0) return '<p class="none">No findings.</p>\n';
  let t = `<table>\n<thead><tr><th>${head}</th>${withNotes ? '<th class="n">Notes</th>' : ''}<th class="n">Errors</th><th class="n">Warnings</th><th class="n">Infos</th><th class="n">Total</th></tr></thead>\n<tbody>\n`;
  for (const [key, c] of rows) {
    t += `<tr data-${attr}="${esc(key)}" data-count="${c.total}"${withNotes ? ` data-notes="${c.notes}"` : ''}><td>${label(key)}</td>`;
    if (withNotes) t += `<td class="n">${c.notes}</td>`;
    t += `<td class="n">${c.error}</td><td class="n">${c.warning}</td><td class="n">${c.info}</td><td class="n"><strong>${c.total}</strong></td></tr>\n`;
  }
  return t + '</tbody>\n</table>\n';
}

/** Horizontal bars, one per rule, stacked by severity. */
function ruleChart(rows: [string, Counts][]): string {
  if (rows.length === 0) return '<p class="none">No findings.</p>\n';
  const labelW = 200;
  const barW = 230;
  const rowH = 22;
  const width = labelW + barW + 40;
  const height = rows.length * rowH + 4;
  const max = Math.max(...rows.map(([, c]) => c.total));
  let s = legend(SEVERITIES.map((x) => [`sw-${x}`, SEVERITY_LABEL[x]]));
  s += `<svg role="img" aria-label="Findings per rule" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" xmlns="http://www.w3.org/2000/svg">\n`;
  rows.forEach(([id, c], i) => {
    const y = i * rowH + 2;
    s += `<g data-rule="${esc(id)}" data-count="${c.total}"><title>${esc(`${id}: ${c.total}`)}</title>`;
    s += `<text class="rule" x="${labelW - 8}" y="${y + 15}" text-anchor="end">${esc(id.length > 30 ? id.slice(0, 29) + '…' : id)}</text>`;
    let x = labelW;
    for (const sev of SEVERITIES) {
      if (c[sev] === 0) continue;
      const w = Math.max(2, (c[sev] / max) * barW);
      s += `<rect x="${x.toFixed(1)}" y="${y + 3}" width="${w.toFixed(1)}" height="${rowH - 8}" fill="${COLOR[sev]}"/>`;
      x += w;
    }
    s += `<text x="${(x + 6).toFixed(1)}" y="${y + 15}">${c.total}</text></g>\n`;
  });
  return s + '</svg>\n';
}

/** Two bars per code: the units the minutes earn and the units billed, summed over the notes. */
function unitsChart(codes: CodeUnits[]): string {
  if (codes.length === 0) return '<p class="none">No codes documented or billed.</p>\n';
  const labelW = 60;
  const barW = 330;
  const rowH = 34;
  const width = labelW + barW + 50;
  const height = codes.length * rowH + 4;
  const max = Math.max(1, ...codes.map((c) => Math.max(c.computed, c.billed)));
  let s = legend([['sw-computed', 'Computed from minutes'], ['sw-billed', 'Billed']]);
  s += `<svg role="img" aria-label="Billed and computed units per code" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" xmlns="http://www.w3.org/2000/svg">\n`;
  codes.forEach((c, i) => {
    const y = i * rowH + 2;
    s += `<g data-code="${esc(c.code)}" data-computed="${c.computed}" data-billed="${c.billed}"><title>${esc(`${c.code}: computed ${c.computed}, billed ${c.billed}`)}</title>`;
    s += `<text x="0" y="${y + 19}">${esc(c.code)}</text>`;
    const bar = (n: number, dy: number, fill: string) => {
      const w = n === 0 ? 0 : Math.max(2, (n / max) * barW);
      return `<rect x="${labelW}" y="${y + dy}" width="${w.toFixed(1)}" height="12" fill="${fill}"/><text x="${(labelW + w + 5).toFixed(1)}" y="${y + dy + 10}">${n}</text>`;
    };
    s += bar(c.computed, 3, COMPUTED_COLOR) + bar(c.billed, 17, BILLED_COLOR) + '</g>\n';
  });
  return s + '</svg>\n';
}

function legend(items: [string, string][]): string {
  return `<div class="legend">${items.map(([cls, label]) => `<span><span class="sw ${cls}"></span>${esc(label)}</span>`).join('')}</div>\n`;
}

function unitsTable(codes: CodeUnits[]): string {
  if (codes.length === 0) return '<p class="none">No codes documented or billed.</p>\n';
  let t = '<table>\n<thead><tr><th>Code</th><th>Label</th><th class="n">Notes</th><th class="n">Computed units</th><th class="n">Billed units</th><th class="n">Billed − computed</th></tr></thead>\n<tbody>\n';
  for (const c of codes) {
    const diff = c.billed - c.computed;
    t += `<tr data-code="${esc(c.code)}" data-computed="${c.computed}" data-billed="${c.billed}"><td><code>${esc(c.code)}</code></td><td>${esc(c.label)}</td><td class="n">${c.notes}</td>`;
    t += `<td class="n">${c.computed}${c.unknown > 0 ? ` <span class="none">(+${c.unknown} unknown)</span>` : ''}</td><td class="n">${c.billed}</td>`;
    t += `<td class="n">${diff > 0 ? `+${diff}` : diff < 0 ? `−${-diff}` : '0'}</td></tr>\n`;
  }
  t += '</tbody>\n</table>\n';
  return t + '<p class="note">Computed units are what the documented minutes earn under each note\'s payer profile; "unknown" counts notes whose missing minutes leave them open.</p>\n';
}

function baseName(path: string): string {
  const i = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return path.slice(i + 1);
}

function findingsList(files: FileReport[]): string {
  const withFindings = files.filter((f) => f.findings.length > 0);
  if (withFindings.length === 0) return '<p class="none">No findings.</p>\n';
  let s = '';
  for (const f of withFindings) {
    const m = f.meta;
    const facts = m
      ? [m.patient && `patient ${m.patient}`, m.date, m.visit !== null && `visit ${m.visit}`, m.discipline, m.noteType, m.provider, m.payer && `payer ${m.payer}`].filter(Boolean).join(' · ')
      : '';
    s += `<h3 data-file="${esc(f.path)}">${esc(f.path)}</h3>\n`;
    if (facts) s += `<p class="meta">${esc(facts)}</p>\n`;
    s += '<table>\n<thead><tr><th>Location</th><th>Severity</th><th>Message</th><th>Rule</th></tr></thead>\n<tbody>\n';
    for (const x of f.findings) {
      const line = x.range.start.line + 1;
      const loc = `${baseName(f.path)}:${line}`;
      s += `<tr data-finding data-rule="${esc(x.ruleId)}" data-severity="${x.severity}" data-file="${esc(f.path)}" data-line="${line}">`;
      s += `<td class="loc" title="${esc(`${f.path}:${line}:${x.range.start.character + 1}`)}">${esc(loc)}</td><td><span class="sev sev-${x.severity}">${x.severity}</span></td><td class="msg">${esc(x.message)}</td>`;
      s += `<td><a class="rule" href="${esc(docsUrl(x.ruleId))}">${esc(x.ruleId)}</a>${x.fix ? ' <span class="none">fixable</span>' : ''}</td></tr>\n`;
    }
    s += '</tbody>\n</table>\n';
  }
  return s;
}
