import assert from 'node:assert/strict';
import { chmodSync, lstatSync, readdirSync, readFileSync, statSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv-draft-04';
import { md } from '../helpers';
import { cleanup, cli, tempDir } from './harness';

const GOOD = md(
  '---', 'patient: T-1', 'date: 2026-04-07', 'discipline: PT', 'payer: medicare', 'note_type: daily', '---', '',
  '## Subjective', 'Reports less pain.', '',
  '## Objective', '- 97530 Ther act 23 min: lifting a 10 lb box x10 (LTG1), VC for a hip hinge', '- 97110 Ther ex 15 min: bridges 2x12 (LTG1), progressed to single leg', '',
  'Total timed minutes: 38', 'Total treatment time: 45 min', '',
  '## Assessment', 'Demonstrated a safe hinge.', '', '## Plan', 'Continue.', '',
  '## Billing', '- 97530 x2 GP', '- 97110 x1 GP', '', 'Signed: Jordan Avery, PT, DPT',
);
// Billed 97530 ×3 (an error with a safe fix) and no treatment time (an error with only a suggestion).
const BAD = GOOD.replace('patient: T-1', 'patient: T-2').replace('- 97530 x2 GP', '- 97530 x3 GP').replace('Total treatment time: 45 min\n', '');
const WARN = GOOD.replace('patient: T-1', 'patient: T-3').replace('payer: medicare', 'payer: commercial').replace('Total timed minutes: 38\n', ''); // missing-total-time: a warning for commercial
interface SarifLog {
  runs: {
    tool: { driver: { rules: { id: string; helpUri: string }[] } };
    results: {
      ruleId: string;
      level: string;
      locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[];
      fixes?: { artifactChanges: { replacements: { insertedContent: { text: string } }[] }[] }[];
    }[];
  }[];
}
const README = md('# Clinic notes', '', 'We bill 97530 under the 8-minute rule.', '', '## Plan', 'Audit monthly.');

describe('CLI (dist/cli.js)', function () {
  this.timeout(60000);
  let dir = '';
  afterEach(() => cleanup(dir));

  it('prints findings and units in stylish format, exit 1 on an error', () => {
    dir = tempDir({ 'notes/bad.note.md': BAD, 'notes/good.note.md': GOOD, 'notes/README.md': README });
    const r = cli(['notes'], dir);
    assert.equal(r.status, 1, r.stderr);
    assert.equal(
      r.stdout,
      [
        'notes/bad.note.md',
        '  12:4   error  The note has no total treatment time. Document it: timed plus untimed minutes, without rest periods (MBPM Ch. 15 §220.3 E); the entries add up to 38.  missing-total-time',
        '  25:10  error  97530 is billed ×3 at line 25, but its 23 min support ×2. CMS total-time method: timed codes together 38 min → 3 units (38–52 min = 3); full 15-min units 97530 1, 97110 1; 1 remaining unit to the largest leftover minutes (97530 8): 97530; → 97530 ×2, 97110 ×1.  units-mismatch',
        '  units  Timed 38 min → 3 units: 97530 ×2, 97110 ×1 (medicare, CMS) · billed 4 ✗',
        '',
        'notes/good.note.md',
        '  units  Timed 38 min → 3 units: 97530 ×2, 97110 ×1 (medicare, CMS) · billed 3 ✓',
        '',
        '✖ 2 problems (2 errors, 0 warnings, 0 infos)',
        '  1 error and 0 warnings fixable with the `--fix` option.',
        '',
      ].join('\n'),
    );
    assert.equal(r.stderr, '');
  });

  it('exit 0 with no errors; colour only when asked (not a terminal here)', () => {
    dir = tempDir({ 'good.note.md': GOOD });
    const r = cli(['good.note.md'], dir);
    assert.equal(r.status, 0);
    assert.ok(!r.stdout.includes('\u001b['));
    assert.ok(r.stdout.endsWith('✔ 1 note checked, no problems\n'));
    assert.ok(cli(['--color', 'good.note.md'], dir).stdout.includes('\u001b[32m'));
  });

  it('--format json, exactly the documented shape', () => {
    dir = tempDir({ 'bad.note.md': BAD, 'README.md': README });
    const r = cli(['--format', 'json', 'bad.note.md', 'README.md'], dir);
    assert.equal(r.status, 1);
    const out = JSON.parse(r.stdout);
    assert.deepEqual(out, {
      version: 1,
      files: [
        {
          path: 'bad.note.md',
          isNote: true,
          findings: [
            { ruleId: 'missing-total-time', severity: 'error', line: 12, column: 4, endLine: 12, endColumn: 13, message: out.files[0].findings[0].message, fixable: false },
            { ruleId: 'units-mismatch', severity: 'error', line: 25, column: 10, endLine: 25, endColumn: 11, message: out.files[0].findings[1].message, fixable: true },
          ],
          billing: {
            payer: 'medicare', method: 'cms', totalTimedMinutes: 38, totalUnits: 3,
            codes: [
              { code: '97530', minutes: 23, units: 2, billedUnits: 3, modifiers: ['GP'] },
              { code: '97110', minutes: 15, units: 1, billedUnits: 1, modifiers: ['GP'] },
            ],
          },
          meta: { patient: 'T-2', date: '2026-04-07', visit: null, discipline: 'PT', noteType: 'daily', payer: 'medicare', provider: 'Jordan Avery, PT, DPT' },
        },
        { path: 'README.md', isNote: false, findings: [], billing: null, meta: null },
      ],
      summary: {
        files: 2, notes: 1, errors: 2, warnings: 0, infos: 0,
        episodes: { patients: 1, notes: 1, undated: 0, kxThreshold: { checked: false, reason: 'no fee schedule configured (feeSchedule); kx-threshold is silent', codesWithoutFee: [] } },
      },
    });
  });

  it('--format sarif validates against the SARIF 2.1.0 schema, one rule per id with its docs page', () => {
    dir = tempDir({ 'bad.note.md': BAD, 'warn.note.md': WARN });
    const r = cli(['-f', 'sarif', '.'], dir);
    assert.equal(r.status, 1);
    const log: SarifLog = JSON.parse(r.stdout);
    const schema = JSON.parse(readFileSync('node_modules/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json', 'utf8'));
    // The schema's patterns are not valid in unicode mode.
    const validate = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false }).compile(schema);
    const valid: boolean = validate(JSON.parse(r.stdout));
    assert.ok(valid, JSON.stringify(validate.errors, null, 1));
    const rules = log.runs[0].tool.driver.rules;
    assert.equal(new Set(rules.map((x) => x.id)).size, rules.length);
    assert.ok(rules.every((x) => x.helpUri.endsWith(`/docs/rules/${x.id}.md`)));
    const results = log.runs[0].results;
    assert.deepEqual(
      results.map((x) => [x.ruleId, x.level, x.locations[0].physicalLocation.artifactLocation.uri, x.locations[0].physicalLocation.region.startLine]),
      [['missing-total-time', 'error', 'bad.note.md', 12], ['units-mismatch', 'error', 'bad.note.md', 25], ['missing-total-time', 'warning', 'warn.note.md', 12]],
    );
    assert.equal(results[1].fixes?.[0].artifactChanges[0].replacements[0].insertedContent.text, '2');
  });

  it('--quiet shows errors only; --max-warnings fails on too many warnings', () => {
    dir = tempDir({ 'warn.note.md': WARN });
    const loud = cli(['warn.note.md'], dir);
    assert.equal(loud.status, 0);
    assert.match(loud.stdout, /warning .* missing-total-time/);
    const quiet = cli(['--quiet', 'warn.note.md'], dir);
    assert.deepEqual([quiet.status, quiet.stdout], [0, '\n✔ 1 note checked, no problems\n'.slice(1)]);
    const max = cli(['--max-warnings', '0', 'warn.note.md'], dir);
    assert.equal(max.status, 1);
    assert.equal(max.stderr, 'therapy-note-lint: 1 warnings, more than --max-warnings 0.\n');
    assert.equal(cli(['--max-warnings', '1', 'warn.note.md'], dir).status, 0);
  });

  it('--payer overrides the front matter', () => {
    dir = tempDir({ 'good.note.md': GOOD });
    const r = cli(['--payer', 'commercial', '-f', 'json', 'good.note.md'], dir);
    const out = JSON.parse(r.stdout);
    assert.deepEqual([out.files[0].billing.method, out.files[0].billing.totalUnits], ['ama', 3]);
    assert.deepEqual(out.files[0].findings.map((f: { ruleId: string }) => f.ruleId), []);
    const bad = cli(['--payer', 'aetna', 'good.note.md'], dir);
    assert.deepEqual([bad.status, bad.stderr], [2, 'therapy-note-lint: --payer "aetna" is not a payer profile; known: medicare, medicaid, commercial.\n']);
  });

  it('exit 2 on usage errors, with a message and no stack trace', () => {
    dir = tempDir({});
    const cases: [string[], string][] = [
      [[], 'therapy-note-lint: no files given. Name note files, folders or globs, e.g. `therapy-note-lint notes/`.\nRun `therapy-note-lint --help` for usage.\n'],
      [['--format', 'xml', 'a.md'], 'therapy-note-lint: --format must be one of stylish, json, sarif, html, csv; got "xml".\nRun `therapy-note-lint --help` for usage.\n'],
      [['--frobnicate', 'a.md'], "therapy-note-lint: Unknown option '--frobnicate'.\nRun `therapy-note-lint --help` for usage.\n"],
      [['--max-warnings', 'many', 'a.md'], 'therapy-note-lint: --max-warnings must be a whole number; got "many".\nRun `therapy-note-lint --help` for usage.\n'],
      [['missing.md'], 'therapy-note-lint: missing.md: no such file or folder.\n'],
      [['nothing/**/*.md'], 'therapy-note-lint: no files match "nothing/**/*.md".\n'],
    ];
    for (const [args, stderr] of cases) {
      const r = cli(args, dir);
      assert.deepEqual([r.status, r.stderr, r.stdout], [2, stderr, ''], args.join(' '));
    }
    const help = cli(['--help'], dir);
    assert.equal(help.status, 0);
    assert.match(help.stdout, /^Usage: therapy-note-lint \[options\] <files\|dirs\|globs\.\.\.>/);
    assert.match(cli(['--version'], dir).stdout, /^\d+\.\d+\.\d+\n$/);
  });

  it('exit 2 on a bad configuration: file, line, key and what was expected', () => {
    dir = tempDir({ 'clinic/.therapy-note-lint.json': '{\n  "rules": { "units-mismatch": "loud" }\n}\n', 'clinic/a.note.md': GOOD });
    const r = cli(['clinic'], dir);
    assert.equal(r.status, 2);
    assert.equal(r.stdout, '');
    assert.equal(r.stderr, `therapy-note-lint: ${join(dir, 'clinic/.therapy-note-lint.json')}:2:32: "rules.units-mismatch" must be a severity ("error", "warning", "info", "off") or an object such as { "severity": "warning" }; found "loud".\n`);
    const explicit = cli(['--config', 'nope.json', 'clinic/a.note.md'], dir);
    assert.deepEqual([explicit.status, explicit.stderr], [2, 'therapy-note-lint: nope.json: cannot read the configuration file (ENOENT).\n']);
  });

  it('the nearest configuration wins; --config replaces discovery', () => {
    dir = tempDir({
      '.therapy-note-lint.json': '{ "rules": { "units-mismatch": "off" } }',
      'a/bad.note.md': BAD,
      'b/.therapy-note-lint.json': '{ "rules": { "missing-total-time": "off" } }',
      'b/bad.note.md': BAD.replace('patient: T-2', 'patient: T-4'),
      'strict.json': '{}',
    });
    const ids = (args: string[]) => JSON.parse(cli(['-f', 'json', ...args], dir).stdout).files.map((f: { path: string; findings: { ruleId: string }[] }) => [f.path, f.findings.map((x) => x.ruleId)]);
    assert.deepEqual(ids(['a/bad.note.md', 'b/bad.note.md']), [['a/bad.note.md', ['missing-total-time']], ['b/bad.note.md', ['units-mismatch']]]);
    assert.deepEqual(ids(['--config', 'strict.json', 'b/bad.note.md']), [['b/bad.note.md', ['missing-total-time', 'units-mismatch']]]);
  });

  it('folders recurse into *.md, skipping node_modules and .git; globs; each file once; exclude globs skip', () => {
    dir = tempDir({
      'n/a.note.md': GOOD, 'n/sub/b.md': GOOD, 'n/sub/c.txt': GOOD, 'n/node_modules/x.md': GOOD, 'n/.git/y.md': GOOD, 'n/drafts/d.md': GOOD,
      '.therapy-note-lint.json': '{ "exclude": ["n/drafts/**"] }',
    });
    const paths = (args: string[]) => JSON.parse(cli(['-f', 'json', ...args], dir).stdout).files.map((f: { path: string }) => f.path);
    assert.deepEqual(paths(['n']), ['n/a.note.md', 'n/sub/b.md']);
    assert.deepEqual(paths(['n/**/*.md']), ['n/a.note.md', 'n/sub/b.md']);
    assert.deepEqual(paths(['n/a.note.md', 'n', 'n/sub/c.txt']), ['n/a.note.md', 'n/sub/b.md', 'n/sub/c.txt']);
    // An excluded file named explicitly is listed, as not a note.
    assert.deepEqual(JSON.parse(cli(['-f', 'json', 'n/drafts/d.md'], dir).stdout).files, [{ path: 'n/drafts/d.md', isNote: false, findings: [], billing: null, meta: null }]);
  });

  it('--output-file writes the report to a file', () => {
    dir = tempDir({ 'good.note.md': GOOD });
    const r = cli(['-f', 'json', '-o', 'report.json', 'good.note.md'], dir);
    assert.deepEqual([r.status, r.stdout], [0, '']);
    assert.equal(JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')).summary.notes, 1);
  });

  it('a file that is not UTF-8: exit 2, named, other files still linted', () => {
    dir = tempDir({ 'bin.note.md': Buffer.from([0x2d, 0x2d, 0xff, 0xfe, 0x0a]), 'good.note.md': GOOD });
    const r = cli(['-f', 'json', '.'], dir);
    assert.equal(r.status, 2);
    assert.equal(r.stderr, 'therapy-note-lint: bin.note.md: not UTF-8 text; left untouched\n');
    assert.deepEqual(JSON.parse(r.stdout).files.map((f: { path: string }) => f.path), ['good.note.md']);
  });

  describe('--fix', () => {
    it('applies safe fixes only, keeps CRLF and every untouched byte, reports what is left', () => {
      const crlf = BAD.replace(/\n/g, '\r\n');
      dir = tempDir({ 'bad.note.md': crlf });
      const r = cli(['--fix', '-f', 'json', 'bad.note.md'], dir);
      assert.equal(r.status, 1);
      assert.equal(readFileSync(join(dir, 'bad.note.md'), 'utf8'), crlf.replace('- 97530 x3 GP', '- 97530 x2 GP'));
      assert.deepEqual(JSON.parse(r.stdout).files[0].findings.map((f: { ruleId: string }) => f.ruleId), ['missing-total-time']);
      assert.deepEqual(readdirSync(dir), ['bad.note.md'], 'no temporary file is left');
    });
    it('keeps a byte-order mark and inserts with the file’s own line endings', () => {
      const text = '\uFEFF' + GOOD.replace('Total timed minutes: 38\n', '').replace(/\n/g, '\r\n');
      dir = tempDir({ 'a.note.md': text });
      assert.equal(cli(['--fix', 'a.note.md'], dir).status, 0);
      const after = readFileSync(join(dir, 'a.note.md'));
      assert.deepEqual([...after.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
      assert.equal(after.toString('utf8'), text.replace('progressed to single leg\r\n', 'progressed to single leg\r\n\r\nTotal timed minutes: 38\r\n'));
    });
    it('leaves files with nothing to fix, non-notes and notes with unreadable front matter untouched', () => {
      const broken = BAD.replace('date: 2026-04-07', 'date: [2026');
      dir = tempDir({ 'good.note.md': GOOD, 'README.md': README.replace('97530', '97530 x9'), 'broken.note.md': broken });
      const before = statSync(join(dir, 'good.note.md')).mtimeMs;
      cli(['--fix', '.'], dir);
      assert.equal(readFileSync(join(dir, 'broken.note.md'), 'utf8'), broken);
      assert.equal(readFileSync(join(dir, 'README.md'), 'utf8'), README.replace('97530', '97530 x9'));
      assert.equal(statSync(join(dir, 'good.note.md')).mtimeMs, before);
    });
    it('keeps the file’s permissions exactly, whatever the umask', () => {
      dir = tempDir({ 'a.note.md': BAD, 'b.note.md': BAD });
      chmodSync(join(dir, 'a.note.md'), 0o600);
      chmodSync(join(dir, 'b.note.md'), 0o664);
      cli(['--fix', '.'], dir);
      assert.equal(statSync(join(dir, 'a.note.md')).mode & 0o777, 0o600);
      assert.equal(statSync(join(dir, 'b.note.md')).mode & 0o777, 0o664);
      assert.ok(readFileSync(join(dir, 'b.note.md'), 'utf8').includes('97530 x2 GP'));
    });
    it('fixes the file a symbolic link points to and keeps the link', () => {
      dir = tempDir({ 'real/a.note.md': BAD });
      symlinkSync(join(dir, 'real/a.note.md'), join(dir, 'link.note.md'));
      cli(['--fix', 'link.note.md'], dir);
      assert.ok(lstatSync(join(dir, 'link.note.md')).isSymbolicLink());
      assert.ok(readFileSync(join(dir, 'real/a.note.md'), 'utf8').includes('97530 x2 GP'));
      assert.deepEqual(readdirSync(join(dir, 'real')), ['a.note.md']);
    });
    it('on the bundled examples leaves notes that re-lint with no fixable finding', () => {
      const files = Object.fromEntries(readdirSync('examples').map((f) => [f, readFileSync(join('examples', f), 'utf8')]));
      dir = tempDir(files);
      cli(['--fix', '.'], dir);
      const out = JSON.parse(cli(['--format', 'json', '.'], dir).stdout) as { files: { path: string; findings: { ruleId: string; fixable: boolean }[] }[] };
      const fixable = out.files.flatMap((f) => f.findings.filter((x) => x.fixable).map((x) => `${f.path}: ${x.ruleId}`));
      assert.deepEqual(fixable, []);
      // The safe fixes, exactly: the Plan heading in SOAP order, GO on the billing line, a signature to fill in.
      assert.equal(
        readFileSync(join(dir, 'bad-ot-daily.note.md'), 'utf8'),
        files['bad-ot-daily.note.md']
          .replace('**Goals:**', '**P:**\n\n**Goals:**')
          .replace('- 97535 x2\n', '- 97535 x2 GO\n')
          .replace(/\n$/, '\n\nSigned: [name], [credentials]\n'),
      );
    });
  });
});
