/**
 * The reviewer's reports on the built CLI: per-file metadata, --format csv and html,
 * --no-snippets (a canary that must never reach any output) and the baseline.
 */
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Ajv from 'ajv-draft-04';
import { md } from '../helpers';
import { cleanup, cli, tempDir } from './harness';

const FIXTURES = resolve('test/fixtures/reports');
const DOCS = 'https://github.com/therapy-note-lint/therapy-note-lint/blob/main/docs/rules/';

interface JsonFinding { ruleId: string; severity: string; line: number; column: number; endLine: number; endColumn: number; message: string; fixable: boolean }
interface JsonFile { path: string; isNote: boolean; findings: JsonFinding[]; meta: Record<string, unknown> | null }
interface JsonOut { files: JsonFile[]; summary: Record<string, number> }
/** The summary's counts (without `episodes`, which episode.test.ts and cli.test.ts check). */
const counts = (summary: Record<string, unknown>) => Object.fromEntries(Object.entries(summary).filter(([k]) => k !== 'episodes'));

const json = (stdout: string) => JSON.parse(stdout) as JsonOut;

/** RFC 4180 records (quoted fields with doubled quotes, CRLF between records). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i += 2; continue; }
      if (c === '"') { quoted = false; i++; continue; }
      field += c; i++; continue;
    }
    if (c === '"' && field === '') { quoted = true; i++; continue; }
    if (c === ',') { row.push(field); field = ''; i++; continue; }
    if (c === '\r' && text[i + 1] === '\n') { row.push(field); rows.push(row); row = []; field = ''; i += 2; continue; }
    assert.notEqual(c, '\n', 'a bare LF outside quotes');
    field += c; i++;
  }
  assert.equal(field, '', 'the last record ends with CRLF');
  assert.equal(row.length, 0);
  return rows;
}

describe('reports (dist/cli.js)', function () {
  this.timeout(60000);
  let dir = '';
  afterEach(() => {
    if (dir) cleanup(dir);
    dir = '';
  });

  describe('per-file metadata', () => {
    it('JSON carries each note\'s patient, date, visit, discipline, note type, payer and provider', () => {
      const r = cli(['-f', 'json', '.'], FIXTURES);
      assert.equal(r.status, 1, r.stderr);
      const meta = Object.fromEntries(json(r.stdout).files.map((f) => [f.path, f.meta]));
      assert.deepEqual(meta, {
        'README.md': null,
        'p0101-visit3.note.md': { patient: 'P-0101', date: '2026-03-02', visit: 3, discipline: 'PT', noteType: 'daily', payer: 'medicare', provider: "Dana O'Neil, PT, DPT" },
        'p0101-visit4.note.md': { patient: 'P-0101', date: '2026-03-05', visit: 4, discipline: 'PT', noteType: 'daily', payer: 'medicare', provider: "Dana O'Neil, PT, DPT" },
        'p0202-visit6.note.md': { patient: 'P-0202', date: '2026-03-04', visit: 6, discipline: 'OT', noteType: 'daily', payer: 'medicare', provider: 'Priya Nair, OTR/L' },
        // The visit is not a number: null (and an invalid-front-matter finding).
        'p0303-visit2.note.md': { patient: 'P-0303', date: '2026-03-03', visit: null, discipline: 'SLP', noteType: 'daily', payer: 'medicaid', provider: 'Aaron Whitlock, MS, CCC-SLP' },
        // No front matter: discipline from the signer's credentials, the default payer.
        'walk-in.note.md': { patient: null, date: null, visit: null, discipline: 'PT', noteType: null, payer: 'medicare', provider: "Dana O'Neil, PT, DPT" },
      });
    });

    it('provider: the treating signer, cut after the last credential; a co-signer is not the provider; --payer is the payer', () => {
      dir = tempDir({
        'a.note.md': md('---', 'patient: P-9', 'note_type: daily', '---', '## Subjective', 'ok', '## Plan', 'ok', '', 'Signed: Sam Lee, PTA 03/05/2026 10:40 late entry', 'Co-signed: Ana Ruiz, PT, DPT'),
        'b.note.md': md('---', 'patient: P-9', 'note_type: daily', 'provider: Ana Ruiz', '---', '## Subjective', 'ok', '## Plan', 'ok', '', 'Signed: Sam Lee, PTA'),
      });
      const files = json(cli(['-f', 'json', '--payer', 'commercial', '.'], dir).stdout).files;
      assert.deepEqual(files.map((f) => [f.path, f.meta?.provider, f.meta?.discipline, f.meta?.payer]), [
        ['a.note.md', 'Sam Lee, PTA', 'PT', 'commercial'],
        // Front matter `provider` wins, as written (it has no credentials to cut after).
        ['b.note.md', 'Ana Ruiz', 'PT', 'commercial'],
      ]);
    });
  });

  describe('--format csv', () => {
    it('one row per finding with a header, RFC 4180 quoting and CRLF; the same findings as JSON', () => {
      const r = cli(['-f', 'csv', '.'], FIXTURES);
      assert.equal(r.status, 1, r.stderr);
      assert.equal(r.stderr, '');
      const rows = parseCsv(r.stdout);
      assert.deepEqual(rows[0], [
        'file', 'line', 'column', 'end_line', 'end_column', 'severity', 'rule', 'message', 'fixable',
        'patient', 'date', 'visit', 'discipline', 'note_type', 'payer', 'provider', 'rule_page',
      ]);
      const out = json(cli(['-f', 'json', '.'], FIXTURES).stdout);
      const expected = out.files.flatMap((f) =>
        f.findings.map((x) => [
          f.path, String(x.line), String(x.column), String(x.endLine), String(x.endColumn), x.severity, x.ruleId, x.message, String(x.fixable),
          (f.meta?.patient as string) ?? '', (f.meta?.date as string) ?? '', f.meta?.visit == null ? '' : String(f.meta.visit),
          (f.meta?.discipline as string) ?? '', (f.meta?.noteType as string) ?? '', (f.meta?.payer as string) ?? '', (f.meta?.provider as string) ?? '',
          DOCS + x.ruleId + '.md',
        ]),
      );
      assert.deepEqual(rows.slice(1), expected);
      assert.equal(rows.length - 1, 10);
      // A message with commas and quotes is one quoted field.
      assert.ok(r.stdout.includes(',"97535 entry at line 19 is boilerplate (""ADL training"") with no concrete task: name the task and its parameters (reps, weight, distance, surface, assist or cue level), the goal it serves, your cues and the patient\'s response.",false,P-0202,'));
    });

    it('text cells that a spreadsheet would run as a formula start with a quote', () => {
      const note = (patient: string) => md('---', `patient: "${patient}"`, 'note_type: daily', '---', '## Subjective', 'ok', '## Plan', 'ok');
      dir = tempDir({ '=HYPERLINK(1).note.md': note('=1+2'), 'a.note.md': note('+SUM(A1)'), 'b.note.md': note('-2+3'), 'c.note.md': note('@cmd'), 'd.note.md': note('P-7') });
      const rows = parseCsv(cli(['-f', 'csv', '=HYPERLINK(1).note.md', 'a.note.md', 'b.note.md', 'c.note.md', 'd.note.md'], dir).stdout).slice(1);
      const seen = new Map(rows.map((r) => [r[0], r[9]]));
      assert.deepEqual([...seen.entries()], [
        ["'=HYPERLINK(1).note.md", "'=1+2"],
        ['a.note.md', "'+SUM(A1)"],
        ['b.note.md', "'-2+3"],
        ['c.note.md', "'@cmd"],
        ['d.note.md', 'P-7'],
      ]);
      // Number cells stay numbers.
      assert.ok(rows.every((r) => /^\d+$/.test(r[1]) && /^\d+$/.test(r[2])));
    });
  });

  describe('--format html', () => {
    it('one self-contained page: a strict CSP, no script, nothing to load; the totals in data attributes', () => {
      const r = cli(['-f', 'html', '.'], FIXTURES);
      assert.equal(r.status, 1, r.stderr);
      const html = r.stdout;
      assert.match(html, /^<!DOCTYPE html>\n<html lang="en">/);
      assert.match(html, /<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; style-src &#39;sha256-[A-Za-z0-9+/=]+&#39;; img-src &#39;none&#39;; base-uri &#39;none&#39;; form-action &#39;none&#39;">/);
      assert.ok(!/<script|<link|<img|<iframe|<object|@import|url\(/i.test(html), 'nothing to run or load');
      // Only the rule pages are links.
      const hrefs = [...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1]);
      assert.ok(hrefs.length > 0);
      for (const h of hrefs) assert.match(h, /^https:\/\/github\.com\/therapy-note-lint\/therapy-note-lint\/blob\/main\/docs\/rules\/[a-z0-9-]+\.md$/);
      const total = (k: string) => Number(new RegExp(`data-total="${k}">(\\d+)<`).exec(html)![1]);
      assert.deepEqual(['files', 'notes', 'patients', 'errors', 'warnings', 'infos', 'fixable'].map(total), [6, 5, 3, 7, 2, 1, 1]);
    });

    it('escapes note text: an HTML tag in a front-matter value is shown, not parsed', () => {
      const html = cli(['-f', 'html', 'p0303-visit2.note.md'], FIXTURES).stdout;
      assert.ok(html.includes('found &quot;&lt;img src=x onerror=alert(1)&gt;&quot;.'));
      assert.ok(!html.includes('<img'));
    });

    it('--output-file writes the page', () => {
      dir = tempDir({});
      cpSync(FIXTURES, join(dir, 'notes'), { recursive: true });
      const r = cli(['-f', 'html', '-o', 'report.html', 'notes'], dir);
      assert.equal(r.status, 1);
      assert.equal(r.stdout, '');
      assert.match(readFileSync(join(dir, 'report.html'), 'utf8'), /<title>Therapy Note Lint report<\/title>/);
    });
  });

  describe('--no-snippets', () => {
    // A word that appears nowhere in the tool: where it shows up, note text got out.
    const CANARY = 'Zqxv7canary';
    const config = JSON.stringify({ rules: { 'vague-entry': { severity: 'error', addPhrases: [`${CANARY} drills`] } } });
    const front = (extra: string[]) => ['---', 'patient: P-CAN', 'date: 2026-03-02', 'discipline: PT', 'payer: medicare', 'note_type: daily', ...extra, '---', ''];
    const body = [
      `# PT Daily Note ${CANARY}`, '',
      '## Goals', `- LTG1: Patient will walk 500 ft ${CANARY} independently.`, '',
      `## Subjective`, `Patient reports ${CANARY} pain 3/10.`, '',
      '## Objective',
      `### 97110 Therapeutic exercise — 15 min`, `Stepped over ${CANARY} cones on the mat. Bridges 2x12 (LTG1), VC for pelvic control.`, '',
      `### 97530 Therapeutic activities — 15 min`, `Stepped over ${CANARY} cones on the mat. Hot-PACK to the low back (LTG1), min verbal cues.`, '',
      `### 97112 Neuromuscular re-education — 8 min`, `${CANARY} drills.`, '',
      `### 97116 Gait training — 10 min`, `Gait in a group with two patients ${CANARY} (LTG1), min verbal cues.`, '',
      `- 97140 Manual therapy ${CANARY}`, '',
      'Total timed minutes: 48', 'Total treatment time: 50 min', '',
      '## Assessment', `${CANARY} tolerated well.`, '',
      '## Plan', `Continue ${CANARY}.`, '',
      '## Billing', `- 97110 x1 GP ${CANARY}`, '- 97530 x1 GO', '- 97112 x1 GP', '- 97116 x1 GP', '', `Signed: Dana Lee, PT ${CANARY}`,
    ];
    const notes = {
      '.therapy-note-lint.json': config,
      'a.note.md': md(...front([`visit: ${CANARY}`, `supervisor: [${CANARY}]`]), ...body),
      'b.note.md': md('---', 'patient: P-CAN', `date: ${CANARY}-03`, `payer: ${CANARY}`, 'note_type: daily', '---', ...body),
      'c.note.md': md('---', 'patient: P-CAN', 'note_type: daily', `mood: |${CANARY}`, '  x', '---', ...body),
      'd.note.md': md('---', 'patient: P-CAN', 'note_type: daily', `discipline: ${CANARY} ${'x'.repeat(50)}`, '---', ...body),
    };

    it('without it, the canary reaches the output through every quoting rule (so the test below can fail)', () => {
      dir = tempDir(notes);
      const out = json(cli(['-f', 'json', '.'], dir).stdout);
      const quoting = new Set(out.files.flatMap((f) => f.findings.filter((x) => x.message.includes(CANARY) || x.message.toLowerCase().includes(CANARY.toLowerCase())).map((x) => x.ruleId)));
      assert.deepEqual([...quoting].sort(), ['invalid-front-matter', 'same-activity-two-codes', 'vague-entry']);
      const messages = out.files.flatMap((f) => f.findings.map((x) => x.message)).join('\n');
      assert.ok(messages.includes('("Hot-PACK")'), 'passive-under-active-code quotes the note');
      assert.ok(messages.includes('("group")'), 'group-under-individual-code quotes the note');
      assert.ok(messages.includes(`Block scalar header includes extra characters: |${CANARY}.`), 'the YAML error quotes the note');
    });

    for (const format of ['stylish', 'json', 'sarif', 'html', 'csv']) {
      it(`--format ${format}: no note text, the findings still there`, () => {
        dir = tempDir(notes);
        const r = cli(['-f', format, '--no-snippets', '.'], dir);
        assert.equal(r.status, 1, r.stderr);
        const all = (r.stdout + r.stderr).toLowerCase();
        assert.ok(!all.includes(CANARY.toLowerCase()), `${format} output holds the canary`);
        assert.ok(!all.includes('hot-pack') && !all.includes('("group")') && !all.includes('cones on the mat'), `${format} output holds note text`);
        for (const rule of ['invalid-front-matter', 'same-activity-two-codes', 'vague-entry', 'passive-under-active-code', 'group-under-individual-code', 'units-mismatch', 'discipline-modifier-mismatch']) {
          assert.ok(r.stdout.includes(rule), `${format} still reports ${rule}`);
        }
      });
    }

    it('keeps ids, lines and numbers; quoted spans become "…"; SARIF has no fixes', () => {
      dir = tempDir(notes);
      const out = json(cli(['-f', 'json', '--no-snippets', 'a.note.md'], dir).stdout);
      const f = out.files[0];
      assert.equal(f.meta?.patient, 'P-CAN');
      assert.equal(f.meta?.provider, 'Dana Lee, PT');
      const vague = f.findings.find((x) => x.ruleId === 'vague-entry')!;
      assert.equal(vague.message, '97112 entry at line 26 is boilerplate ("…") with no concrete task: name the task and its parameters (reps, weight, distance, surface, assist or cue level), the goal it serves, your cues and the patient\'s response.');
      assert.deepEqual([vague.line, vague.column, vague.fixable], [27, 1, false]);
      const sarif = JSON.parse(cli(['-f', 'sarif', '--no-snippets', 'a.note.md'], dir).stdout);
      const results = sarif.runs[0].results as { fixes?: unknown; locations: { physicalLocation: { region: Record<string, unknown> } }[] }[];
      assert.ok(results.length > 5);
      assert.ok(results.every((x) => x.fixes === undefined && Object.keys(x.locations[0].physicalLocation.region).sort().join() === 'endColumn,endLine,startColumn,startLine'));
      assert.ok(JSON.parse(cli(['-f', 'sarif', 'a.note.md'], dir).stdout).runs[0].results.some((x: { fixes?: unknown }) => x.fixes), 'fixes without --no-snippets');
    });
  });

  describe('baseline', () => {
    const NOTE = readFileSync(join(FIXTURES, 'p0101-visit4.note.md'), 'utf8');
    const OTHER = readFileSync(join(FIXTURES, 'walk-in.note.md'), 'utf8');
    const setup = () => tempDir({ 'notes/visit4.note.md': NOTE, 'notes/walk-in.note.md': OTHER });

    it('--write-baseline records the findings (hashes only) and reports none; --baseline then reports nothing', () => {
      dir = setup();
      const w = cli(['--write-baseline', 'baseline.json', 'notes'], dir);
      assert.equal(w.status, 0, w.stderr);
      assert.equal(w.stderr, 'therapy-note-lint: wrote 6 findings in 2 files to the baseline baseline.json.\n');
      assert.match(w.stdout, /✔ 2 notes checked, no problems\n {2}6 findings suppressed by the baseline\.\n$/);
      const text = readFileSync(join(dir, 'baseline.json'), 'utf8');
      const data = JSON.parse(text);
      assert.deepEqual(Object.keys(data), ['version', 'tool', 'files']);
      assert.deepEqual(Object.keys(data.files), ['notes/visit4.note.md', 'notes/walk-in.note.md']);
      assert.deepEqual(Object.keys(data.files['notes/walk-in.note.md']), ['documented-not-billed', 'missing-minutes', 'missing-total-time']);
      // The two missing-total-time findings of walk-in share a line: one hash, count 2.
      assert.deepEqual(Object.values(data.files['notes/walk-in.note.md']['missing-total-time']), [2]);
      // No note text: only paths, rule ids, 16-digit hashes and counts.
      const words = new Set(text.match(/[A-Za-z]{4,}/g));
      assert.deepEqual([...words].sort(), ['billed', 'documented', 'files', 'lint', 'minutes', 'missing', 'mismatch', 'note', 'notes', 'therapy', 'time', 'tool', 'total', 'units', 'version', 'visit', 'walk'].sort());
      assert.ok(!/Carried|bag|lumbar|Therapeutic|patellar/i.test(text));

      const r = cli(['-f', 'json', '--baseline', 'baseline.json', 'notes'], dir);
      assert.equal(r.status, 0, r.stderr);
      assert.deepEqual(counts(json(r.stdout).summary), { files: 2, notes: 2, errors: 0, warnings: 0, infos: 0, suppressed: 6 });
    });

    it('survives lines inserted above the findings; a new defect alone is reported and counted', () => {
      dir = setup();
      assert.equal(cli(['--write-baseline', 'baseline.json', 'notes'], dir).status, 0);
      // Lines inserted at the top of the body shift every finding down.
      const shifted = NOTE.replace('# PT Daily Note\n', '# PT Daily Note\n\nSeen in the gym.\nCaregiver present.\nReviewed the home program.\n');
      writeFileSync(join(dir, 'notes/visit4.note.md'), shifted);
      const before = json(cli(['-f', 'json', 'notes'], dir).stdout);
      assert.deepEqual(before.files[0].findings.map((x) => [x.ruleId, x.line]), [['missing-total-time', 22], ['units-mismatch', 39]]);
      const r = cli(['-f', 'json', '--baseline', 'baseline.json', 'notes'], dir);
      assert.equal(r.status, 0, r.stdout);
      assert.deepEqual(json(r.stdout).files.map((f) => f.findings), [[], []]);
      assert.equal(json(r.stdout).summary.suppressed, 6);

      // A new defect: 97110 billed ×2 as well. Only it is reported, and it alone sets the exit status.
      writeFileSync(join(dir, 'notes/visit4.note.md'), shifted.replace('- 97110 x1 GP', '- 97110 x2 GP'));
      const n = cli(['-f', 'json', '--baseline', 'baseline.json', 'notes'], dir);
      assert.equal(n.status, 1);
      const out = json(n.stdout);
      assert.deepEqual(out.files[0].findings.map((x) => [x.ruleId, x.line, x.column]), [['units-mismatch', 40, 10]]);
      assert.match(out.files[0].findings[0].message, /^97110 is billed ×2 at line 40/);
      assert.deepEqual(counts(out.summary), { files: 2, notes: 2, errors: 1, warnings: 0, infos: 0, suppressed: 6 });
      // Stylish, SARIF and CSV say how many were suppressed.
      const s = cli(['--baseline', 'baseline.json', 'notes'], dir);
      assert.match(s.stdout, /✖ 1 problem \(1 error, 0 warnings, 0 infos\)\n(.*\n)? {2}6 findings suppressed by the baseline\.\n$/);
      const sarif = JSON.parse(cli(['-f', 'sarif', '--no-snippets', '--baseline', 'baseline.json', 'notes'], dir).stdout);
      assert.equal(sarif.runs[0].properties.suppressedByBaseline, 6);
      const schema = JSON.parse(readFileSync('node_modules/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json', 'utf8'));
      const validate = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false }).compile(schema);
      assert.ok(validate(sarif), JSON.stringify(validate.errors, null, 1));
      const c = cli(['-f', 'csv', '--baseline', 'baseline.json', 'notes'], dir);
      assert.equal(c.stdout.split('\r\n').length, 3);
      assert.equal(c.stderr, 'therapy-note-lint: 6 findings suppressed by the baseline baseline.json.\n');
      assert.match(cli(['-f', 'html', '--baseline', 'baseline.json', 'notes'], dir).stdout, /<dd data-total="suppressed">6<\/dd>/);
    });

    it('editing a flagged line reports it again; paths are relative to the baseline file, from any folder', () => {
      dir = setup();
      mkdirSync(join(dir, 'ci'));
      assert.equal(cli(['--write-baseline', 'ci/baseline.json', 'notes'], dir).status, 0);
      assert.ok(readFileSync(join(dir, 'ci/baseline.json'), 'utf8').includes('"../notes/visit4.note.md"'));
      // From inside notes/: the same files, named differently on the command line.
      const inside = cli(['-f', 'json', '--baseline', '../ci/baseline.json', '.'], join(dir, 'notes'));
      assert.equal(inside.status, 0, inside.stdout);
      assert.equal(json(inside.stdout).summary.suppressed, 6);
      // The billing line itself changes (a modifier added): that finding is new.
      writeFileSync(join(dir, 'notes/visit4.note.md'), NOTE.replace('- 97530 x3 GP', '- 97530 x3 GP KX'));
      const r = json(cli(['-f', 'json', '--baseline', 'ci/baseline.json', 'notes'], dir).stdout);
      assert.deepEqual(r.files[0].findings.map((x) => x.ruleId), ['units-mismatch']);
      assert.equal(r.summary.suppressed, 5);
    });

    it('counts: a second identical finding beyond the recorded count is reported', () => {
      dir = setup();
      assert.equal(cli(['--write-baseline', 'b.json', 'notes/walk-in.note.md'], dir).status, 0);
      // A copy of the 97140 entry line, also without minutes: the same hash, one more than recorded.
      writeFileSync(join(dir, 'notes/walk-in.note.md'), OTHER.replace('- 97140 Manual therapy: patellar mobilizations, grade II (LTG1).\n', '- 97140 Manual therapy: patellar mobilizations, grade II (LTG1).\n- 97140 Manual therapy: patellar mobilizations, grade II (LTG1).\n'));
      const r = json(cli(['-f', 'json', '--baseline', 'b.json', 'notes/walk-in.note.md'], dir).stdout);
      assert.deepEqual(r.files[0].findings.map((x) => [x.ruleId, x.line]), [['missing-minutes', 9]]);
    });

    it('--max-warnings counts only the reported warnings', () => {
      dir = tempDir({ 'a.note.md': readFileSync(join(FIXTURES, 'p0202-visit6.note.md'), 'utf8').replace('| ADL training. |', '| Upper body dressing with a reacher, min verbal cues. |') });
      assert.equal(cli(['--max-warnings', '0', 'a.note.md'], dir).status, 1);
      assert.equal(cli(['--write-baseline', 'b.json', 'a.note.md'], dir).status, 0);
      assert.equal(cli(['--max-warnings', '0', '--baseline', 'b.json', 'a.note.md'], dir).status, 0);
    });

    it('a missing or malformed baseline file: exit 2, saying what and where, before any linting', () => {
      dir = setup();
      const err = (content: string | null, name = 'b.json') => {
        if (content !== null) writeFileSync(join(dir, name), content);
        const r = cli(['--baseline', name, 'notes'], dir);
        return [r.status, r.stdout, r.stderr];
      };
      assert.deepEqual(err(null, 'none.json'), [2, '', 'therapy-note-lint: none.json: cannot read the baseline file (ENOENT). Write one with --write-baseline.\n']);
      assert.deepEqual(err('{\n  "version": 1,\n  "files": {,\n}'), [2, '', 'therapy-note-lint: b.json:3:13: the baseline file is not valid JSON.\n']);
      assert.deepEqual(err('[]'), [2, '', 'therapy-note-lint: b.json: the baseline file must be a JSON object with "version" and "files". Write the file again with --write-baseline.\n']);
      assert.deepEqual(err('{ "version": 2, "files": {} }'), [2, '', 'therapy-note-lint: b.json: "version" must be 1. Write the file again with --write-baseline.\n']);
      assert.deepEqual(err('{ "version": 1, "files": { "a.md": { "units-mismatch": { "xyz": 1 } } } }'), [2, '', 'therapy-note-lint: b.json: the key "xyz" in "files.a.md.units-mismatch" must be a hash of 16 hexadecimal digits. Write the file again with --write-baseline.\n']);
      assert.deepEqual(err('{ "version": 1, "files": { "a.md": { "units-mismatch": { "0123456789abcdef": 0 } } } }'), [2, '', 'therapy-note-lint: b.json: "files.a.md.units-mismatch.0123456789abcdef" must be a whole number of 1 or more. Write the file again with --write-baseline.\n']);
      const both = cli(['--baseline', 'a.json', '--write-baseline', 'a.json', 'notes'], dir);
      assert.deepEqual([both.status, both.stderr], [2, 'therapy-note-lint: --baseline and --write-baseline cannot be used together: --write-baseline alone records every current finding.\nRun `therapy-note-lint --help` for usage.\n']);
      const unwritable = cli(['--write-baseline', 'no/such/dir/b.json', 'notes'], dir);
      assert.deepEqual([unwritable.status, unwritable.stderr], [2, 'therapy-note-lint: no/such/dir/b.json: cannot write the baseline file (ENOENT).\n']);
    });
  });

  it('--help describes every new flag and format', () => {
    const help = cli(['--help'], FIXTURES).stdout;
    for (const s of ['stylish (default), json, sarif, html', 'csv (a row per finding)', '--no-snippets', '--write-baseline <f>', '--baseline <f>']) assert.ok(help.includes(s), s);
  });
});
