/**
 * The episode corpus (test/fixtures/episodes): a clinic's folder of six patients' notes,
 * written from the rule catalog by someone who did not read the rules' code, with the
 * planted episode defects in expected.json. The whole folder is linted in one CLI run (its
 * .therapy-note-lint.json names the fee schedule): every planted defect is reported on its
 * note, and no other note gets an error or warning.
 *
 * Where a finding is placed is the rule page's choice; expected.json's place is checked
 * where the page agrees (duplicate-visit, copied-forward, poc-*). The page decides for
 * progress-note-due (on `date`), assistant-progress-report (on `note_type`) and
 * kx-threshold (one finding per billing line without KX).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { cli } from '../cli/harness';

interface Expected { notes: Record<string, { findings: { ruleId: string; at: string; line: number }[] }> }
interface Out { files: { path: string; findings: { ruleId: string; severity: string; line: number }[] }[]; summary: { episodes: { patients: number; kxThreshold: { checked: boolean } } } }

const DIR = 'test/fixtures/episodes';
const PLACED = new Set(['duplicate-visit', 'copied-forward', 'poc-expired', 'poc-not-certified']);

describe('episode corpus (test/fixtures/episodes)', function () {
  this.timeout(60000);
  const expected = JSON.parse(readFileSync(`${DIR}/expected.json`, 'utf8')) as Expected;
  let out: Out;
  let status: number | null;
  before(() => {
    const r = cli(['-f', 'json', DIR], process.cwd());
    status = r.status;
    out = JSON.parse(r.stdout) as Out;
  });

  it('lints every note of the folder in one run, with the fee schedule', () => {
    assert.equal(status, 1);
    assert.equal(out.files.filter((f) => f.path.endsWith('.md') && !f.path.endsWith('README.md')).length, Object.keys(expected.notes).length);
    assert.equal(out.summary.episodes.patients, 6);
    assert.equal(out.summary.episodes.kxThreshold.checked, true);
  });

  it('reports each planted defect on its note, and nothing else at warning or error', () => {
    const got: Record<string, string[]> = {};
    const want: Record<string, string[]> = {};
    for (const f of out.files) {
      const rel = f.path.slice(DIR.length + 1);
      if (!(rel in expected.notes)) continue;
      got[rel] = [...new Set(f.findings.filter((x) => x.severity !== 'info').map((x) => x.ruleId))].sort();
    }
    for (const [rel, e] of Object.entries(expected.notes)) want[rel] = [...new Set(e.findings.map((x) => x.ruleId))].sort();
    assert.deepEqual(got, want);
  });

  it('places them where expected.json says, for the rules whose pages agree', () => {
    for (const [rel, e] of Object.entries(expected.notes)) {
      const file = out.files.find((f) => f.path === `${DIR}/${rel}`)!;
      for (const x of e.findings.filter((x) => PLACED.has(x.ruleId))) {
        assert.ok(file.findings.some((f) => f.ruleId === x.ruleId && f.line === x.line), `${rel}: ${x.ruleId} at line ${x.line} (${x.at}); got ${JSON.stringify(file.findings)}`);
      }
    }
  });
});
