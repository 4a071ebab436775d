/** The editor helpers (engine/editor.ts): pure functions the language server adapts to LSP. */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import {
  billingSummary, codeLenses, completionCandidates, disableFileEdit, disableLineEdit, documentSymbols, exampleExcerpts, findingHover,
  fixAllText, minimalEdit, parseRulePage, placeholderText,
} from '../../server/src/engine/editor';
import { applyEdits } from '../../server/src/engine/fix';
import { lint } from '../../server/src/engine/lint';
import { RULES } from '../../server/src/engine/rules';
import { defaultSettings } from '../../server/src/engine/settings';

const settings = defaultSettings();
const only = (...ids: string[]) => ({ ...settings, rules: Object.fromEntries(RULES.map((r) => [r.meta.id, { severity: ids.includes(r.meta.id) ? undefined : ('off' as const) }])) });
const lintOnly = (text: string, ...ids: string[]) => lint(text, { filePath: 'visit.note.md', settings: only(...ids) });

const NOTE = [
  '**Subjective:** Knee stiff.',
  '',
  '**Objective:**',
  '- 97530 Ther act — 23 min: car transfers (LTG1).',
  '- 97110 Ther ex — 15 min: bridges (LTG1).',
  '- 97112 NMR — 12 min: tandem stance.',
  '- 97112 NMR — 10 min: foam.',
  '',
  'Total timed minutes: 61',
  '',
  '**Goals:**',
  '- LTG1: Patient will transfer to a car independently.',
  '',
  '**Billing:**',
  '- 97530 x2 GP',
  '- 97110 x1 GP',
  '- 97112 x1 GP',
  '',
].join('\n');

describe('editor helpers', () => {
  describe('placeholderText', () => {
    it('turns {{name}} into numbered tab stops, repeats reuse the number, other text escaped', () => {
      assert.deepEqual(placeholderText(' ({{minutes}} min)'), { plain: ' ({{minutes}} min)', snippet: ' (${1:minutes} min)', hasPlaceholders: true });
      assert.deepEqual(placeholderText('{{a}} $5 {x} {{b}} {{a}}\\').snippet, '${1:a} \\$5 {x\\} ${2:b} $1\\\\');
      assert.deepEqual(placeholderText('no {{ placeholder }} here'), { plain: 'no {{ placeholder }} here', snippet: 'no {{ placeholder \\}\\} here', hasPlaceholders: false });
    });
  });

  describe('disable comments', () => {
    it('above the line, indented like it; extended when one is there; at the end of a table row; none in front matter', () => {
      const text = '---\ndiscipline: PT\nvisit: seven\n---\n\n**Objective:**\n  - 97530 Ther act\n\n| Code | Min |\n|---|---|\n| 97110 | |\n';
      const r = lint(text, { filePath: 'a.note.md', settings });
      const note = r.note!;
      const f = (line: number, ruleId: string) => ({ ruleId, severity: 'error' as const, message: '', range: { start: { line, character: 4 }, end: { line, character: 9 } } });
      assert.deepEqual(disableLineEdit(note, f(6, 'missing-minutes')), {
        range: { start: { line: 6, character: 0 }, end: { line: 6, character: 0 } }, newText: '  <!-- therapy-note-lint-disable-next-line missing-minutes -->\n',
      });
      assert.deepEqual(disableLineEdit(note, f(10, 'missing-minutes')), {
        range: { start: { line: 10, character: 11 }, end: { line: 10, character: 11 } }, newText: ' <!-- therapy-note-lint-disable-line missing-minutes -->',
      });
      assert.equal(disableLineEdit(note, f(2, 'invalid-front-matter')), null);
      const withComment = text.replace('  - 97530', '<!-- therapy-note-lint-disable-next-line unknown-code -->\n  - 97530');
      const n2 = lint(withComment, { filePath: 'a.note.md', settings }).note!;
      const e = disableLineEdit(n2, f(7, 'missing-minutes'))!;
      assert.equal(applyEdits(withComment, [e]).split('\n')[6], '<!-- therapy-note-lint-disable-next-line unknown-code, missing-minutes -->');
      assert.equal(disableLineEdit(n2, f(7, 'unknown-code')), null, 'already disabled');
    });

    it('for the file: after the front matter; added to an existing file comment; none when it covers every rule', () => {
      const text = '---\ndiscipline: PT\n---\n**Objective:**\n- 97530 Ther act\n';
      const note = lint(text, { filePath: 'a.note.md', settings }).note!;
      assert.equal(applyEdits(text, [disableFileEdit(note, 'missing-minutes')!]), '---\ndiscipline: PT\n---\n<!-- therapy-note-lint-disable-file missing-minutes -->\n\n**Objective:**\n- 97530 Ther act\n');
      const t2 = '<!-- therapy-note-lint-disable-file unknown-code -->\n**Objective:**\n- 97530 Ther act\n';
      const n2 = lint(t2, { filePath: 'a.note.md', settings }).note!;
      assert.equal(applyEdits(t2, [disableFileEdit(n2, 'missing-minutes')!]).split('\n')[0], '<!-- therapy-note-lint-disable-file unknown-code, missing-minutes -->');
      const t3 = '<!-- therapy-note-lint-disable-file -->\n**Objective:**\n- 97530 Ther act\n';
      assert.equal(disableFileEdit(lint(t3, { filePath: 'a.note.md', settings }).note!, 'missing-minutes'), null);
    });
  });

  describe('fix-all', () => {
    it('applies the safe fixes in passes, as --fix does, and gives one minimal edit', () => {
      const text = NOTE.replace('- 97530 x2 GP', '- 97530 x3 GP');
      const first = lintOnly(text, 'units-mismatch', 'total-time-mismatch');
      const fixed = fixAllText(text, first, (t) => lintOnly(t, 'units-mismatch', 'total-time-mismatch'));
      assert.equal(fixed, text.replace('Total timed minutes: 61', 'Total timed minutes: 60').replace('- 97530 x3 GP', '- 97530 x2 GP'));
      assert.deepEqual(minimalEdit(text, fixed), { start: text.indexOf('61') + 1, end: text.indexOf('x3') + 2, newText: fixed.slice(text.indexOf('61') + 1, text.indexOf('x3') + 2) });
      assert.equal(minimalEdit('same', 'same'), null);
      // A \r\n pair is never split.
      assert.deepEqual(minimalEdit('a\r\nb', 'a\nb'), { start: 1, end: 3, newText: '\n' });
    });
  });

  describe('code lenses and the billing summary', () => {
    it('per intervention (several entries of a code shown as a share) and the summary on the billing label', () => {
      const r = lintOnly(NOTE);
      assert.deepEqual(codeLenses(r).map((l) => [l.kind, l.range.start.line, l.range.start.character, l.title]), [
        ['intervention', 3, 2, '97530 · 23 min → 2 units (CMS)'],
        ['intervention', 4, 2, '97110 · 15 min → 1 unit (CMS)'],
        ['intervention', 5, 2, '97112 · 12 of 22 min → 1 unit (CMS)'],
        ['intervention', 6, 2, '97112 · 10 of 22 min → 1 unit (CMS)'],
        ['summary', 13, 0, 'Timed 60 min → 4 units: 97530 ×2, 97110 ×1, 97112 ×1 · billed 4 ✓'],
      ]);
    });

    it('AMA per code, untimed codes, and a CMS tie', () => {
      const ama = lint('---\npayer: commercial\ndiscipline: PT\n---\n**Objective:**\n- 97110 Ther ex — 23 min\n- 97150 Group — 30 min\n\n**Billing:**\n- 97110 x1 GP\n', { filePath: 'a.note.md', settings });
      assert.deepEqual(codeLenses(ama).map((l) => l.title), [
        '97110 · 23 min → 2 units (AMA)', '97150 · untimed → 1 unit', 'Timed 23 min → 2 units: 97110 ×2 · untimed 97150 ×1 · billed 1 ✗',
      ]);
      const tie = lint('**Objective:**\n- 97110 Ther ex — 10 min\n- 97140 Manual therapy — 10 min\n\n**Plan:** Continue.\n', { filePath: 'a.note.md', settings });
      assert.deepEqual(codeLenses(tie).map((l) => l.title), [
        'Timed 20 min → 1 unit: 97110 ×1, 97140 ×0', '97110 · 10 min → 0–1 units (CMS)', '97140 · 10 min → 0–1 units (CMS)',
      ]);
    });

    it('the billing summary: status ok, and unknown when nothing is billed', () => {
      const ok = billingSummary(lintOnly(NOTE));
      assert.equal(ok.status, 'ok');
      assert.equal(ok.line, 'Timed 60 min → 4 units: 97530 ×2, 97110 ×1, 97112 ×1 · billed 4 ✓');
      assert.ok(ok.markdown.includes('| 97112 | Neuromuscular re-education: balance, coordination, posture, body awareness | timed | 22 | 1 | 1 GP |'));
      const unbilled = billingSummary(lintOnly('**Objective:**\n- 97110 Ther ex\n\n**Plan:** Continue.\n'));
      assert.deepEqual(unbilled, {
        isNote: true, line: 'Timed ? min → ? units: 97110 ? min', status: 'unknown',
        markdown: '**Billing** · payer `medicare`, CMS total-time method\n\nTimed ? min → ? units: 97110 ? min\n\n| Code | Procedure | Timed | Minutes | Units | Billed |\n|---|---|---|---:|---:|---:|\n| 97110 | Exercise for strength, endurance, range of motion or flexibility | timed | ? | ? | — |\n\nUnits per code cannot be computed: 97110 has an entry without minutes.\n',
      });
      assert.deepEqual(billingSummary(lint('# Handbook\n', { filePath: 'handbook.md', settings })), { isNote: false, line: null, status: null, markdown: '' });
    });
  });

  describe('rule pages in hovers', () => {
    it('reads every page\'s why and examples, and shows where bad and good differ', () => {
      // Every page there is (the build embeds the same folder).
      for (const file of readdirSync('docs/rules').filter((f) => f.endsWith('.md') && f !== 'internal-error.md' && f !== 'document-too-large.md')) {
        const page = parseRulePage(readFileSync(`docs/rules/${file}`, 'utf8'));
        assert.ok(page.why.length > 0 && page.bad.length > 0 && page.good.length > 0, file);
        assert.ok(!page.why.includes('\n## '), file);
      }
      assert.deepEqual(exampleExcerpts('a\nb\nc\nd\ne', 'a\nb\nC\nd\ne'), { bad: '…\nb\nc\nd\n…', good: '…\nb\nC\nd\n…' });
      assert.deepEqual(exampleExcerpts('x\ny', 'x\ny\nz'), { bad: '…\ny', good: '…\ny\nz' });
    });

    it('a finding hover: title, why, bad and good excerpts, the page link', () => {
      const page = parseRulePage('# r\n\n## Why\n\nBecause.\n\n## Bad example\n\nToo few.\n\n````markdown\nA\nB\n````\n\n## Good example\n\n````markdown\nA\nC\n````\n\n## How to fix\n');
      const f = { ruleId: 'r', severity: 'error' as const, message: 'm', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } } };
      assert.equal(findingHover(f, 'What r checks.', page, 'https://x/r.md'), [
        '**r** · What r checks.', '', '**Why.** Because.', '', '**Bad example.** Too few.', '', '````markdown', 'A', 'B', '````', '',
        '**Good example.**', '', '````markdown', 'A', 'C', '````', '', '[Rule page](https://x/r.md)',
      ].join('\n'));
    });
  });

  describe('symbols and completion', () => {
    it('the SOAP outline with interventions, goals and billing lines', () => {
      const r = lintOnly(NOTE);
      const tree = documentSymbols(r.note!, settings.codes);
      assert.deepEqual(tree.map((s) => [s.name, s.children.map((c) => `${c.kind}:${c.name}`)]), [
        ['Subjective', []],
        ['Objective', ['intervention:97530 · 23 min', 'intervention:97110 · 15 min', 'intervention:97112 · 12 min', 'intervention:97112 · 10 min']],
        ['Goals', ['goal:LTG1']],
        ['Billing', ['billing:97530 ×2 GP', 'billing:97110 ×1 GP', 'billing:97112 ×1 GP']],
      ]);
    });

    it('completion: goal ids and names in Objective, modifiers after a billed code, nothing in Goals', () => {
      const note = lintOnly(NOTE).note!;
      const at = (line: number, character: number) => completionCandidates(note, settings.codes, { line, character });
      const goalAt = NOTE.split('\n')[3].indexOf('LTG1');
      const obj = at(3, goalAt + 2);
      assert.deepEqual(obj.filter((c) => c.kind === 'goal').map((c) => [c.label, c.range.start.character, c.range.end.character]), [['LTG1', goalAt, goalAt + 2]]);
      assert.ok(obj.some((c) => c.kind === 'name' && c.label === 'NMR' && c.detail.startsWith('97112 · ')));
      assert.deepEqual(at(14, 12).filter((c) => c.kind === 'modifier').map((c) => c.label), ['GP', 'GO', 'GN', 'CQ', 'CO', 'KX', '59', 'XE', 'XS', 'XP', 'XU']);
      // In the order an editor shows them (by sortText), not alphabetically.
      assert.deepEqual(at(14, 12).filter((c) => c.kind === 'modifier').sort((a, b) => a.sortText.localeCompare(b.sortText)).map((c) => c.label).slice(0, 3), ['GP', 'GO', 'GN']);
      assert.deepEqual(at(14, 0).filter((c) => c.kind === 'modifier'), [], 'no code before the cursor yet');
      assert.deepEqual(at(11, 3), []);
    });
  });
});
