import assert from 'node:assert/strict';
import { applyEdits, applyFixes } from '../../server/src/engine/fix';
import { lint } from '../../server/src/engine/lint';
import { RULES } from '../../server/src/engine/rules';
import { docsUrl, type Rule } from '../../server/src/engine/rule';
import type { Finding } from '../../server/src/engine/types';
import { FRONT, md } from '../helpers';

const NOTE = md(...FRONT, '## Objective', '- 97530 Ther act: lifting');

describe('engine', () => {
  it('a rule that throws gives one internal-error finding, naming the rule and not the note; other rules still report', () => {
    const boom: Rule = {
      meta: { id: 'boom', severity: 'error', description: 'throws', docs: docsUrl('boom'), fixable: false, hasSuggestions: false },
      check() {
        throw new TypeError('secret note text: Patient Jane');
      },
    };
    const r = lint(NOTE, { filePath: 'a.note.md', rules: [boom, ...RULES] });
    assert.deepEqual(
      r.findings.map((f) => [f.ruleId, f.message]),
      [
        ['internal-error', 'Rule boom failed on this note (TypeError); its findings are missing. Please report this.'],
        ...lint(NOTE, { filePath: 'a.note.md' }).findings.map((f) => [f.ruleId, f.message]),
      ],
    );
    // What the server logs: the rule and the error's kind, not its message.
    assert.deepEqual(r.failures, [{ ruleId: 'boom', error: 'TypeError' }]);
    assert.deepEqual(lint(NOTE, { filePath: 'a.note.md' }).failures, []);
  });
  it('every rule’s metadata links its page', () => {
    for (const r of RULES) assert.equal(r.meta.docs, docsUrl(r.meta.id));
  });
  it('a finding may be reported below its rule’s severity, never above', () => {
    const low: Rule = {
      meta: { id: 'low', severity: 'warning', description: 'x', docs: docsUrl('low'), fixable: false, hasSuggestions: false },
      check: ({ report }) => {
        report({ message: 'info', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, severity: 'info' });
        report({ message: 'error', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, severity: 'error' });
      },
    };
    assert.deepEqual(lint(NOTE, { filePath: 'a.note.md', rules: [low] }).findings.map((f) => f.severity), ['info', 'warning']);
  });
});

describe('applying fixes', () => {
  const at = (line: number, a: number, b: number, text: string) => ({ range: { start: { line, character: a }, end: { line, character: b } }, newText: text });
  const finding = (edits: ReturnType<typeof at>[]): Finding => ({ ruleId: 'x', severity: 'error', message: '', range: edits[0].range, fix: { title: 't', edits } });
  it('applies non-overlapping fixes and skips a fix overlapping an earlier one', () => {
    const text = 'abc\ndef\n';
    const r = applyFixes(text, [finding([at(1, 0, 1, 'D')]), finding([at(0, 0, 2, 'AB')]), finding([at(0, 1, 3, 'xx')])]);
    assert.equal(r.output, 'ABc\nDef\n');
    assert.equal(r.applied.length, 2);
  });
  it('the same change proposed by two findings is applied once', () => {
    const r = applyFixes('abc', [finding([at(0, 0, 1, 'A')]), finding([at(0, 0, 1, 'A')])]);
    assert.deepEqual([r.output, r.applied.length], ['Abc', 1]);
  });
  it('edits of one fix apply together; CRLF text is untouched outside them', () => {
    assert.equal(applyEdits('a\r\nb\r\nc', [at(0, 0, 1, 'A'), at(2, 0, 1, 'C')]), 'A\r\nb\r\nC');
  });
});
