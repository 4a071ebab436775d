import assert from 'node:assert/strict';
import { parseConfig } from '../../server/src/engine/config';
import { lint } from '../../server/src/engine/lint';
import { md } from '../helpers';

const BODY = md('## Objective', '- 97530 Ther act: lifting', '', '## Billing', '- 97530 x9 GP');

describe('note detection (note-format.md, "Which Markdown files are notes")', () => {
  it('front matter with note_type or discipline makes a note', () => {
    assert.equal(lint(md('---', 'note_type: daily', '---', BODY), { filePath: 'a.md' }).isNote, true);
    assert.equal(lint(md('---', 'discipline: OT', '---', BODY), { filePath: 'a.md' }).isNote, true);
  });
  it('two SOAP section headings or labels make a note', () => {
    assert.equal(lint(md('## Subjective', 'x', '## Plan', 'y'), { filePath: 'a.md' }).isNote, true);
    assert.equal(lint(md('S: x', 'O: y'), { filePath: 'a.md' }).isNote, true);
    assert.equal(lint(md('## Treatment', 'x', '## Assessment', 'y'), { filePath: 'a.md' }).isNote, true);
  });
  it('a name ending in .note.md makes a note', () => {
    assert.equal(lint(BODY, { filePath: 'dir/visit.NOTE.md' }).isNote, true);
    assert.equal(lint(BODY, { filePath: 'dir/visit.md' }).isNote, false);
  });
  it('a note whose YAML is broken is still a note when its keys say so', () => {
    const r = lint(md('---', 'discipline: PT', 'bad: [unclosed', '---', 'Text.'), { filePath: 'a.md' });
    assert.equal(r.isNote, true);
    // Its YAML is reported, and the note is still checked: "Text." has no SOAP section and no signature.
    assert.deepEqual(r.findings.map((f) => f.ruleId), [
      'invalid-front-matter', 'missing-patient-response', 'missing-signature',
      'missing-soap-section', 'missing-soap-section', 'missing-soap-section', 'missing-soap-section',
    ]);
  });
  it('a README that mentions CPT codes gets nothing', () => {
    const readme = md('# Clinic billing guide', '', 'We bill 97530 and 97110 under the 8-minute rule.', '', '- 97530 x9 GP', '', '## Plan for next year', 'More staff.');
    const r = lint(readme, { filePath: 'README.md' });
    assert.deepEqual([r.isNote, r.findings, r.billing], [false, [], null]);
  });
  it('SOAP headings inside a code fence do not make a note', () => {
    const doc = md('# Template', '', '```markdown', '## Subjective', '## Objective', '- 97530 x 23 min', '## Assessment', '## Plan', '```');
    const r = lint(doc, { filePath: 'template.md' });
    assert.deepEqual([r.isNote, r.findings], [false, []]);
  });
  it('front matter without note keys is not enough', () => {
    assert.equal(lint(md('---', 'title: Handbook', '---', '## Assessment', 'x'), { filePath: 'h.md' }).isNote, false);
  });
  it('include globs widen detection, exclude globs narrow it (relative to the configuration file)', () => {
    const settings = parseConfig('{ "include": ["visits/**/*.md"], "exclude": ["**/drafts/**"] }', '/clinic/.therapy-note-lint.json', '/clinic');
    assert.equal(lint(BODY, { filePath: '/clinic/visits/p1/a.md', settings }).isNote, true);
    assert.equal(lint(BODY, { filePath: '/clinic/other/a.md', settings }).isNote, false);
    const excluded = lint(BODY, { filePath: '/clinic/visits/drafts/a.note.md', settings });
    assert.deepEqual([excluded.isNote, excluded.excluded, excluded.findings], [false, true, []]);
  });
});

describe('disable comments (rules.md)', () => {
  const note = (...lines: string[]) =>
    md('---', 'discipline: PT', 'payer: medicare', '---', '## Objective', ...lines, '', 'Total timed minutes: 5', 'Total treatment time: 5 min', '', '## Billing', '- 97530 x2 GP', '- 97110 x1 GP',
      '', '## Subjective', 'Less pain.', '## Assessment', 'Demonstrated a safe lift.', '## Plan', 'Continue.', '', 'Signed: Ana Ruiz, DPT');
  // The rules these notes are about; the documentation rules (goal links, cues) would also fire on them.
  const about = new Set(['missing-minutes', 'units-mismatch', 'billed-not-documented']);
  const all = (text: string) => lint(text, { filePath: 'a.md' }).findings.map((f) => `${f.ruleId}@${f.range.start.line + 1}`);
  const ids = (text: string) => all(text).filter((id) => about.has(id.slice(0, id.indexOf('@'))));
  it('without comments', () => {
    assert.deepEqual(ids(note('- 97530 Ther act: lifting', '- 97110 Ther ex: bridges')), ['missing-minutes@6', 'missing-minutes@7', 'units-mismatch@12']);
  });
  it('disable-next-line', () => {
    assert.deepEqual(ids(note('<!-- therapy-note-lint-disable-next-line missing-minutes -->', '- 97530 Ther act: lifting', '- 97110 Ther ex: bridges')), ['missing-minutes@8', 'units-mismatch@13']);
  });
  it('disable-line (inline comment)', () => {
    assert.deepEqual(ids(note('- 97530 Ther act: lifting <!-- therapy-note-lint-disable-line missing-minutes -->', '- 97110 Ther ex: bridges')), ['missing-minutes@7', 'units-mismatch@12']);
  });
  it('disable … enable, for listed rules', () => {
    const text = note('<!-- therapy-note-lint-disable missing-minutes, units-mismatch -->', '- 97530 Ther act: lifting', '<!-- therapy-note-lint-enable -->', '- 97110 Ther ex: bridges');
    assert.deepEqual(ids(text), ['missing-minutes@9', 'units-mismatch@14']);
  });
  it('disable with no rule list disables every rule until enable', () => {
    assert.deepEqual(all(note('<!-- therapy-note-lint-disable -->', '- 97530 Ther act: lifting', '- 97110 Ther ex: bridges')), []);
  });
  it('disable-file', () => {
    assert.deepEqual(ids(note('- 97530 Ther act: lifting', '<!-- therapy-note-lint-disable-file missing-minutes -->', '- 97110 Ther ex: bridges')), ['units-mismatch@13']);
  });
  it('comments inside code are not directives', () => {
    assert.deepEqual(ids(note('```', '<!-- therapy-note-lint-disable-file -->', '```', '- 97530 Ther act: lifting')), ['missing-minutes@9', 'units-mismatch@14', 'billed-not-documented@16']);
  });
});
