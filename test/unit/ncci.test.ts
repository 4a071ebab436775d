/** The NCCI PTP file parser, the edit table and the configuration loader that reads the files. */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, copyFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ConfigResolver } from '../../server/src/cli/config-loader';
import { ConfigError } from '../../server/src/engine/config';
import { CodeTable } from '../../server/src/engine/codes';
import { builtinEdit, pairEdits, parsePtpFile, PtpFileError, PtpTable } from '../../server/src/engine/ncci';

const FIXTURE = 'test/fixtures/ncci/ptp-therapy-f1.txt';
const text = readFileSync(FIXTURE, 'latin1');

describe('NCCI PTP files (billing-rules.md §6.1)', () => {
  it('reads the CMS layout: preamble, a quoted header spanning lines, CRLF, quoted cells; rows keep their own line numbers', () => {
    const rows = parsePtpFile(text, 'ncci/f1.txt');
    assert.deepEqual(
      rows.map((r) => [r.column1, r.column2, r.effective, r.deletion, r.indicator, r.line]),
      [
        ['97140', '97530', '20200101', null, 1, 9],
        ['97161', '97530', '20200101', '20200124', 0, 10],
        ['97161', '97530', '20201001', '20210101', 0, 11],
        ['97530', '97164', '20200101', null, 1, 12],
        ['97110', '97112', '20210101', '20210101', 9, 13],
        ['11042', '97597', '19960101', null, 1, 14],
      ],
    );
    assert.equal(rows[3].rationale, 'CPT Manual or CMS manual coding instructions, "re-evaluation"');
    assert.equal(rows[0].file, 'ncci/f1.txt');
  });
  it('LF line endings, a byte-order mark, no preamble and no header are fine too', () => {
    const rows = parsePtpFile('\uFEFF97140\t97530\t\t20200101\t*\t1\tMutually exclusive\n97530\t97164\t\t20200101\t*\t1\tx\n', 'f.txt');
    assert.deepEqual(rows.map((r) => [r.column1, r.column2, r.line]), [['97140', '97530', 1], ['97530', '97164', 2]]);
  });
  it('keeps only the rows whose two codes pass the filter (the code table)', () => {
    const codes = new CodeTable();
    const rows = parsePtpFile(text, 'f.txt', (c) => codes.get(c) !== undefined);
    assert.deepEqual(rows.map((r) => r.column1 + '/' + r.column2), ['97140/97530', '97161/97530', '97161/97530', '97530/97164', '97110/97112']);
  });
  it('a malformed data row is an error naming the file and line', () => {
    const bad = readFileSync('test/fixtures/ncci/ptp-malformed.txt', 'latin1');
    assert.throws(() => parsePtpFile(bad, 'ncci/bad.txt'), (err: unknown) => {
      assert.ok(err instanceof PtpFileError);
      assert.equal(err.message, 'ncci/bad.txt:10: not a PTP edit row: effective date "2020-01-01" is not YYYYMMDD. Expected tab-separated Column 1, Column 2, *=in existence prior to 1996, Effective Date (YYYYMMDD), Deletion Date (YYYYMMDD or *), Modifier (0, 1 or 9), Rationale.');
      return true;
    });
    const cases: [string, string][] = [
      ['97140\t97530\n', '2 columns instead of 7'],
      ['97140\t9753\t\t20200101\t*\t1\tx\n', 'column 2 "9753" is not a CPT or HCPCS code'],
      ['97140\t97530\t\t20200101\t*\t2\tx\n', 'modifier indicator "2" is not 0, 1 or 9'],
      ['97140\t97530\t\t20200101\t2021\t1\tx\n', 'deletion date "2021" is not YYYYMMDD or *'],
      ['Column 1\tColumn 2\n\nnot a row\t97530\t\t20200101\t*\t1\tx\n', 'column 1 "not a row" is not a CPT or HCPCS code'],
    ];
    for (const [t, msg] of cases) assert.throws(() => parsePtpFile(t, 'f.txt'), (err: unknown) => err instanceof PtpFileError && err.detail.startsWith(`not a PTP edit row: ${msg}.`), msg);
  });
  it('handles a file of 200,000 rows, keeping none of them', () => {
    const row = '97140\t97530\t\t20200101\t*\t1\tMutually exclusive procedures\r\n';
    const rows = parsePtpFile('preamble\r\nColumn 1\tColumn 2\r\n' + row.repeat(200000), 'big.txt', (c) => c === '97140');
    assert.equal(rows.length, 0);
  });
  it('picks the row whose effective window covers the date of service; with no date, the active row', () => {
    const t = new PtpTable(parsePtpFile(text, 'f.txt'), ['f.txt']);
    assert.equal(t.edit('97161', '97530', '20200110')?.line, 10);
    assert.equal(t.edit('97161', '97530', '20200124'), null, 'the deletion date is the first day without the edit');
    assert.equal(t.edit('97161', '97530', '20200601'), null);
    assert.equal(t.edit('97161', '97530', '20201231')?.line, 11);
    assert.equal(t.edit('97161', '97530', null), null, 'no date: only active rows');
    assert.equal(t.edit('97140', '97530', null)?.line, 9);
    assert.equal(t.edit('97140', '97530', '20191231'), null, 'before its effective date');
    assert.equal(t.edit('97530', '97140', '20260304'), null, 'column order matters');
  });
  it('pair edits: the file replaces the built-ins; indicator 9 is not an edit', () => {
    const codes = new CodeTable();
    const t = new PtpTable(parsePtpFile(text, 'f.txt'), ['f.txt']);
    assert.deepEqual(pairEdits('97530', '97140', codes, t, '20260304').map((e) => [e.column1, e.column2, e.orderKnown, e.indicator, e.fixOn]), [['97140', '97530', true, 1, '97530']]);
    assert.deepEqual(pairEdits('97110', '97112', codes, t, '20210101'), []);
    assert.deepEqual(pairEdits('97530', '97110', codes, t, '20260304'), []);
    assert.deepEqual(pairEdits('97110', '97164', codes, t, '20260304'), [], 'a built-in pair absent from the file is not an edit');
  });
  it('built-in pairs: only what billing-rules.md §6 confirms, plus 97530/97140', () => {
    const codes = new CodeTable();
    const e = (a: string, b: string) => {
      const x = builtinEdit(a, b, codes);
      return x && [x.column1, x.column2, x.orderKnown, x.fixOn];
    };
    assert.deepEqual(e('97140', '97530'), ['97530', '97140', false, '97140']);
    assert.deepEqual(e('97164', '97110'), ['97110', '97164', true, '97164']);
    assert.deepEqual(e('97150', '97168'), ['97150', '97168', true, '97168']);
    assert.deepEqual(e('97750', '97164'), ['97750', '97164', false, '97164']);
    assert.deepEqual(e('97761', '97168'), ['97761', '97168', false, '97168']);
    assert.deepEqual(e('97162', '97750'), ['97162', '97750', false, '97750']);
    assert.equal(e('97760', '97162'), null, '97760/97761 pair with re-evaluations only');
    assert.equal(e('97110', '97530'), null, 'no Medicare edit found in any source');
    assert.equal(e('97161', '97140'), null, 'APTA [association] only: left to the PTP file');
    assert.equal(e('97161', '97530'), null, 'the 2020 episode: current state not confirmed');
    assert.equal(e('97164', '97168'), null, 'two re-evaluations are not a modifier pair');
    assert.equal(e('G0283', '97164'), null, 'G0283 is not in the CPT PM&R range');
  });
});

describe('ConfigResolver: ncciPtpFiles', () => {
  let dir = '';
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'tnl-ncci-'));
    mkdirSync(join(dir, 'ncci'));
    copyFileSync(FIXTURE, join(dir, 'ncci', 'ptp-therapy-f1.txt'));
    copyFileSync('test/fixtures/ncci/ptp-malformed.txt', join(dir, 'ncci', 'bad.txt'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const config = (files: string[]) => writeFileSync(join(dir, '.therapy-note-lint.json'), JSON.stringify({ ncciPtpFiles: files }));

  it('loads the files relative to the configuration, keeping the code table’s pairs', () => {
    config(['ncci/ptp-therapy-f1.txt']);
    const s = new ConfigResolver().settingsFor(join(dir, 'visit.note.md'));
    assert.deepEqual(s.ncciPtpFiles, ['ncci/ptp-therapy-f1.txt']);
    assert.equal(s.ncci?.size, 5);
    assert.equal(s.ncci?.edit('97140', '97530', '20260304')?.file, 'ncci/ptp-therapy-f1.txt');
  });
  it('allowExternalFiles: false (an untrusted workspace) ignores them', () => {
    config(['ncci/ptp-therapy-f1.txt']);
    const s = new ConfigResolver(undefined, { allowExternalFiles: false }).settingsFor(join(dir, 'visit.note.md'));
    assert.equal(s.ncci, undefined);
  });
  it('a file that cannot be read, or a malformed row, is a configuration error naming the file', () => {
    config(['ncci/missing.txt']);
    const cfgPath = join(dir, '.therapy-note-lint.json');
    assert.throws(() => new ConfigResolver().settingsFor(join(dir, 'a.note.md')), (err: unknown) => err instanceof ConfigError && err.message === `${cfgPath}: "ncciPtpFiles": cannot read the NCCI PTP file ncci/missing.txt (ENOENT).`);
    config(['ncci/bad.txt']);
    assert.throws(() => new ConfigResolver().settingsFor(join(dir, 'a.note.md')), (err: unknown) => err instanceof ConfigError && err.message.startsWith(`${resolve(dir, 'ncci/bad.txt')}:10:1: not a PTP edit row: effective date "2020-01-01" is not YYYYMMDD.`) && err.message.endsWith(`(an NCCI PTP file named in ${cfgPath})`));
  });
});
