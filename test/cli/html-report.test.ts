/**
 * The HTML report in a real browser: headless Debian Chromium driven by playwright-core
 * (installed by scripts/setup-editors.sh). The page is built from a folder of several notes;
 * every network request is blocked and none may be attempted; the numbers in the page must
 * equal the `--format json` output of the same run; finding links point at the rule pages.
 * A full-page screenshot is kept in test-results/html-report.png.
 */
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdirSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { cleanup, cli, tempDir } from './harness';

const CHROMIUM = '/usr/bin/chromium';
const FIXTURES = resolve('test/fixtures/reports');
const RESULTS = resolve('test-results');
const DOCS = 'https://github.com/therapy-note-lint/therapy-note-lint/blob/main/docs/rules/';

interface JsonOut {
  files: {
    path: string;
    isNote: boolean;
    findings: { ruleId: string; severity: 'error' | 'warning' | 'info'; line: number; fixable: boolean }[];
    billing: { codes: { code: string; units: number | null; billedUnits: number | null }[] } | null;
    meta: { patient: string | null; provider: string | null } | null;
  }[];
  summary: { files: number; notes: number; errors: number; warnings: number; infos: number };
}

/** Counts per key, as the page shows them (findings, and notes per key). */
function countBy(out: JsonOut, key: (f: JsonOut['files'][number]) => string): Record<string, { count: number; notes: number }> {
  const m: Record<string, { count: number; notes: number }> = {};
  for (const f of out.files.filter((x) => x.isNote)) {
    const k = key(f);
    m[k] ??= { count: 0, notes: 0 };
    m[k].notes++;
    m[k].count += f.findings.length;
  }
  return m;
}

describe('HTML report in headless Chromium', function () {
  this.timeout(120000);
  let browser: Browser;
  let page: Page;
  let dir = '';
  let out: JsonOut;
  const requests: string[] = [];
  const blocked: string[] = [];
  const consoleMessages: string[] = [];
  let reportUrl = '';

  before(async () => {
    assert.ok(existsSync(CHROMIUM), `${CHROMIUM} is missing: run scripts/setup-editors.sh (it installs Debian's chromium)`);
    // The same run in both formats, on a copy of the fixture folder.
    dir = tempDir({});
    cpSync(FIXTURES, join(dir, 'notes'), { recursive: true });
    const html = cli(['--format', 'html', '--output-file', 'report.html', 'notes'], dir);
    assert.equal(html.status, 1, html.stderr);
    const r = cli(['--format', 'json', 'notes'], dir);
    assert.equal(r.status, 1, r.stderr);
    out = JSON.parse(r.stdout) as JsonOut;
    const file = join(dir, 'report.html');
    reportUrl = pathToFileURL(file).href;

    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    const context = await browser.newContext({ viewport: { width: 1100, height: 900 }, offline: true });
    // Every request but the page itself is refused, and recorded.
    await context.route('**/*', (route) => {
      if (route.request().url() === reportUrl) return route.continue();
      blocked.push(route.request().url());
      return route.abort('blockedbyclient');
    });
    page = await context.newPage();
    page.on('request', (req) => requests.push(req.url()));
    page.on('console', (msg) => consoleMessages.push(`${msg.type()}: ${msg.text()}`));
    page.on('pageerror', (err) => consoleMessages.push(`pageerror: ${err.message}`));
    await page.goto(reportUrl, { waitUntil: 'load' });
  });

  after(async () => {
    if (page) {
      mkdirSync(RESULTS, { recursive: true });
      await page.screenshot({ path: join(RESULTS, 'html-report.png'), fullPage: true });
    }
    await browser?.close();
    if (dir) cleanup(dir);
  });

  it('renders with its own styles, and attempts no request but the page itself', async () => {
    assert.deepEqual(requests, [reportUrl]);
    assert.deepEqual(blocked, []);
    // No Content-Security-Policy violation, no script error: the inline style is allowed by its hash.
    assert.deepEqual(consoleMessages, []);
    assert.equal(await page.title(), 'Therapy Note Lint report');
    assert.equal(await page.locator('h1').evaluate((h) => (globalThis as unknown as { getComputedStyle(e: unknown): { fontSize: string } }).getComputedStyle(h).fontSize), '24px');
    assert.equal(await page.locator('script, img, link, iframe, object').count(), 0);
  });

  it('the totals equal the JSON output of the same run', async () => {
    const total = async (k: string) => Number(await page.locator(`[data-total="${k}"]`).innerText());
    const notes = out.files.filter((f) => f.isNote);
    const all = notes.flatMap((f) => f.findings);
    const expected = {
      files: out.summary.files,
      notes: out.summary.notes,
      patients: new Set(notes.map((f) => f.meta?.patient).filter((p) => p)).size,
      errors: out.summary.errors,
      warnings: out.summary.warnings,
      infos: out.summary.infos,
      fixable: all.filter((x) => x.fixable).length,
    };
    const shown: Record<string, number> = {};
    for (const k of Object.keys(expected)) shown[k] = await total(k);
    assert.deepEqual(shown, expected);
    // And the numbers themselves, so that the comparison cannot pass on an empty run.
    assert.deepEqual(expected, { files: 6, notes: 5, patients: 3, errors: 7, warnings: 2, infos: 1, fixable: 1 });
  });

  it('per rule, per severity, per provider and per patient: the JSON\'s counts', async () => {
    const all = out.files.flatMap((f) => f.findings);
    const byRule: Record<string, number> = {};
    for (const x of all) byRule[x.ruleId] = (byRule[x.ruleId] ?? 0) + 1;
    const read = (selector: string, attr: string) =>
      page.locator(selector).evaluateAll((rows, a) => Object.fromEntries(rows.map((r) => [r.getAttribute(a)!, Number(r.getAttribute('data-count'))])), attr);
    assert.deepEqual(await read('#by-rule tr[data-rule]', 'data-rule'), byRule);
    assert.deepEqual(await read('#chart-rules g[data-rule]', 'data-rule'), byRule);
    // What a reader sees in the table's Total column is the same number.
    const visible = await page.locator('#by-rule tr[data-rule]').evaluateAll((rows) => Object.fromEntries(rows.map((r) => [r.getAttribute('data-rule')!, Number(r.lastElementChild!.textContent)])));
    assert.deepEqual(visible, byRule);

    const bySeverity = { error: out.summary.errors, warning: out.summary.warnings, info: out.summary.infos };
    assert.deepEqual(await read('#by-severity tr[data-severity]', 'data-severity'), bySeverity);

    const withNotes = (selector: string, attr: string) =>
      page.locator(selector).evaluateAll((rows, a) => Object.fromEntries(rows.map((r) => [r.getAttribute(a)!, { count: Number(r.getAttribute('data-count')), notes: Number(r.getAttribute('data-notes')) }])), attr);
    assert.deepEqual(await withNotes('#by-patient tr[data-patient]', 'data-patient'), countBy(out, (f) => f.meta?.patient ?? ''));
    assert.deepEqual(await withNotes('#by-provider tr[data-provider]', 'data-provider'), countBy(out, (f) => f.meta?.provider ?? ''));
    // The rows themselves: the note without a patient id has a row of its own, last.
    assert.deepEqual(Object.keys(await withNotes('#by-provider tr[data-provider]', 'data-provider')), ["Dana O'Neil, PT, DPT", 'Priya Nair, OTR/L', 'Aaron Whitlock, MS, CCC-SLP']);
    assert.deepEqual(Object.keys(await withNotes('#by-patient tr[data-patient]', 'data-patient')), ['P-0101', 'P-0202', 'P-0303', '']);
  });

  it('billed and computed units per code: the sums of the JSON billing', async () => {
    const expected: Record<string, { computed: number; billed: number }> = {};
    for (const f of out.files) {
      for (const c of f.billing?.codes ?? []) {
        expected[c.code] ??= { computed: 0, billed: 0 };
        expected[c.code].computed += c.units ?? 0;
        expected[c.code].billed += c.billedUnits ?? 0;
      }
    }
    const read = (selector: string) =>
      page.locator(selector).evaluateAll((gs) => Object.fromEntries(gs.map((g) => [g.getAttribute('data-code')!, { computed: Number(g.getAttribute('data-computed')), billed: Number(g.getAttribute('data-billed')) }])));
    assert.deepEqual(await read('#chart-units g[data-code]'), expected);
    assert.deepEqual(await read('#units tr[data-code]'), expected);
    assert.deepEqual(expected['97530'], { computed: 5, billed: 6 });
  });

  it('lists every finding with file:line, linking to its rule page', async () => {
    const rows = await page.locator('#findings tr[data-finding]').evaluateAll((trs) =>
      trs.map((tr) => ({
        file: tr.getAttribute('data-file'),
        rule: tr.getAttribute('data-rule'),
        loc: tr.querySelector('td.loc')!.textContent,
        href: tr.querySelector('a')!.getAttribute('href'),
        link: tr.querySelector('a')!.textContent,
      })),
    );
    const expected = out.files.flatMap((f) =>
      f.findings.map((x) => ({ file: f.path, rule: x.ruleId, loc: `${basename(f.path)}:${x.line}`, href: `${DOCS}${x.ruleId}.md`, link: x.ruleId })),
    );
    assert.deepEqual(rows, expected);
    assert.equal(rows.length, 10);
  });

  it('shows note text escaped: a tag in a front-matter value is text, not an element', async () => {
    const message = await page.locator('#findings tr[data-rule="invalid-front-matter"] td.msg').innerText();
    assert.equal(message, 'Front matter `visit` must be a whole number of 1 or more (the treatment day in the episode); found "<img src=x onerror=alert(1)>".');
  });

  it('prints (A4 PDF)', async () => {
    await page.emulateMedia({ media: 'print' });
    const pdf = await page.pdf({ format: 'A4' });
    await page.emulateMedia({ media: 'screen' });
    assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
    assert.deepEqual(blocked, []);
  });
});
