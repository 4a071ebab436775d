/**
 * A RuleTester in the style of ESLint's: valid notes get no finding of the rule; invalid
 * notes get exactly the listed findings (ranges, message text) and, after applying the
 * rule's safe fixes once, exactly `output` (or no change when `output` is null).
 */
import assert from 'node:assert/strict';
import { applyEdits, applyFixes } from '../server/src/engine/fix';
import { lint } from '../server/src/engine/lint';
import type { Settings } from '../server/src/engine/settings';
import { span } from './helpers';

export interface ValidCase {
  name: string;
  code: string;
  settings?: Settings;
  filePath?: string;
}

export interface ExpectedFinding {
  /** 1-based "line:col-line:col" of the finding's range. */
  span: string;
  /** The whole message, or a fragment it must contain. */
  message?: string;
  includes?: string;
  severity?: 'error' | 'warning' | 'info';
  /** The suggestions (quick fixes), in order: titles, or titles with the text after applying each. */
  suggestions?: (string | { title: string; output: string })[];
}

export interface InvalidCase extends ValidCase {
  errors: ExpectedFinding[];
  /** Text after the safe fixes; null means no safe fix. */
  output: string | null;
}

export function ruleTester(ruleId: string, cases: { valid: ValidCase[]; invalid: InvalidCase[] }): void {
  describe(ruleId, () => {
    for (const c of cases.valid) {
      it(`valid: ${c.name}`, () => {
        const r = lint(c.code, { filePath: c.filePath ?? 'test.note.md', settings: c.settings });
        assert.equal(r.isNote, true, 'the case must be a note');
        const mine = r.findings.filter((f) => f.ruleId === ruleId);
        assert.deepEqual(mine.map((f) => `${span(f.range)} ${f.message}`), []);
      });
    }
    for (const c of cases.invalid) {
      it(`invalid: ${c.name}`, () => {
        const r = lint(c.code, { filePath: c.filePath ?? 'test.note.md', settings: c.settings });
        assert.equal(r.isNote, true, 'the case must be a note');
        const mine = r.findings.filter((f) => f.ruleId === ruleId);
        assert.deepEqual(mine.map((f) => span(f.range)), c.errors.map((e) => e.span), 'finding ranges');
        c.errors.forEach((e, i) => {
          const f = mine[i];
          if (e.message !== undefined) assert.equal(f.message, e.message);
          if (e.includes !== undefined) assert.ok(f.message.includes(e.includes), `message "${f.message}" should include "${e.includes}"`);
          if (e.severity !== undefined) assert.equal(f.severity, e.severity);
          if (e.suggestions !== undefined) {
            assert.deepEqual((f.suggestions ?? []).map((s) => s.title), e.suggestions.map((x) => (typeof x === 'string' ? x : x.title)));
            e.suggestions.forEach((x, k) => {
              if (typeof x !== 'string') assert.equal(applyEdits(c.code, f.suggestions![k].edits), x.output, `after "${x.title}"`);
            });
          }
        });
        const text = c.code.charCodeAt(0) === 0xfeff ? c.code.slice(1) : c.code;
        const fixed = applyFixes(text, mine);
        if (c.output === null) {
          assert.equal(fixed.applied.length, 0, 'expected no safe fix');
        } else {
          assert.equal(fixed.output, c.output);
        }
      });
    }
  });
}
