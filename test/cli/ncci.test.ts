/** The CLI reads CMS PTP files named by `ncciPtpFiles` in the configuration (ncci-pair-modifier). */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { FRONT, md } from '../helpers';
import { cleanup, cli, tempDir } from './harness';

const NOTE = md(
  ...FRONT,
  '',
  '## Subjective',
  'Neck stiffness 4/10 on waking.',
  '',
  '## Objective',
  '- 97140 Manual therapy 10:00–10:15: STM R upper trapezius (LTG1)',
  '- 97530 Ther act 10:17–10:40: lifting a 10 lb bag to a trunk x8 (LTG1)',
  '',
  'Total timed minutes: 38',
  'Total treatment time: 40 min',
  '',
  '## Assessment',
  'Demonstrated 8 lifts with a neutral spine.',
  '',
  '## Plan',
  'Continue 2x/week.',
  '',
  '## Billing',
  '- 97140 x1 GP 59',
  '- 97530 x2 GP',
);
const PTP = readFileSync('test/fixtures/ncci/ptp-therapy-f1.txt');

interface Json {
  files: { findings: { ruleId: string; line: number; message: string }[] }[];
}

describe('CLI: NCCI PTP files from the configuration', function () {
  this.timeout(60000);
  let dir = '';
  afterEach(() => cleanup(dir));
  const ncci = (stdout: string) => (JSON.parse(stdout) as Json).files[0].findings.filter((f) => f.ruleId === 'ncci-pair-modifier').map((f) => `${f.line} ${f.message.slice(0, 60)}`);

  it('without a file, the built-in 97530/97140 pair is satisfied by 59 on either code', () => {
    dir = tempDir({ 'visit.note.md': NOTE });
    const r = cli(['--format', 'json', 'visit.note.md'], dir);
    assert.equal(r.stderr, '');
    assert.deepEqual(ncci(r.stdout), []);
  });
  it('with the file, its column order decides: 97530 is column 2 and needs the modifier', () => {
    dir = tempDir({ 'visit.note.md': NOTE, 'clinic/ptp/f1.txt': PTP, 'clinic/.therapy-note-lint.json': '{ "ncciPtpFiles": ["ptp/f1.txt"] }', 'clinic/notes/visit.note.md': NOTE });
    const r = cli(['--format', 'json', 'clinic/notes/visit.note.md'], dir);
    assert.equal(r.stderr, '');
    assert.deepEqual(ncci(r.stdout), ['28 97140 (line 27) and 97530 (line 28) are an NCCI procedure-to']);
    assert.match(r.stdout, /in the PTP file ptp\/f1.txt \(line 9, effective 2020-01-01\)/);
  });
  it('--config points at a configuration elsewhere; paths stay relative to it', () => {
    dir = tempDir({ 'visit.note.md': NOTE, 'cfg/ptp/f1.txt': PTP, 'cfg/tnl.json': '{ "ncciPtpFiles": ["ptp/f1.txt"] }' });
    const r = cli(['--format', 'json', '--config', 'cfg/tnl.json', 'visit.note.md'], dir);
    assert.deepEqual(ncci(r.stdout), ['28 97140 (line 27) and 97530 (line 28) are an NCCI procedure-to']);
  });
  it('a malformed row: exit 2 naming the file and line', () => {
    dir = tempDir({ 'visit.note.md': NOTE, 'ptp/bad.txt': readFileSync('test/fixtures/ncci/ptp-malformed.txt'), '.therapy-note-lint.json': '{ "ncciPtpFiles": ["ptp/bad.txt"] }' });
    const r = cli(['visit.note.md'], dir);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /ptp\/bad\.txt:10:1: not a PTP edit row: effective date "2020-01-01" is not YYYYMMDD\./);
    assert.doesNotMatch(r.stderr, /at .*\.js:\d+/, 'no stack trace');
  });
});
