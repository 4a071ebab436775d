/**
 * Protocol tests: `dist/server.js --stdio` driven over JSON-RPC (build first). Exact
 * diagnostics, code actions and the text after applying them, code lenses, hovers,
 * symbols, completion and the billing-summary request.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import {
  CodeActionRequest, CodeLensRequest, CompletionRequest, DidChangeTextDocumentNotification, DocumentDiagnosticRequest,
  DocumentSymbolRequest, HoverRequest, type CodeAction, type CompletionItem, type Diagnostic, type DocumentSymbol,
  type Hover, type MarkupContent, type Range,
} from 'vscode-languageserver-protocol/node';
import { Client, capabilities, FIXTURES, onlyRules, uriOf } from './harness';

const WS = `${FIXTURES}/ws`;
const VISIT = `${WS}/clinic/visit.note.md`;
const MISSING = `${WS}/clinic/missing.note.md`;
const README = `${WS}/clinic/readme.md`;
const DOCS = 'https://github.com/therapy-note-lint/therapy-note-lint/blob/main/docs/rules/';
const RULES_UNDER_TEST = ['total-time-mismatch', 'units-mismatch', 'missing-minutes', 'missing-total-time', 'unknown-code', 'documented-not-billed'];

const r = (l1: number, c1: number, l2: number, c2: number): Range => ({ start: { line: l1, character: c1 }, end: { line: l2, character: c2 } });
const lines = (path: string) => readFileSync(path, 'utf8').split('\n');
/** The file's text with some lines replaced (line number → new text; an array inserts several). */
function edited(path: string, changes: Record<number, string | string[]>): string {
  return lines(path).flatMap((l, i) => (i in changes ? changes[i] : [l])).join('\n');
}

const VISIT_DIAGNOSTICS: Diagnostic[] = [
  {
    range: r(19, 0, 19, 23), severity: 1, code: 'total-time-mismatch', codeDescription: { href: `${DOCS}total-time-mismatch.md` }, source: 'therapy-note-lint',
    message: 'Total timed minutes at line 20 says 40, but the timed entries add up to 38 (97530 23 + 97110 15).',
  },
  {
    range: r(29, 9, 29, 10), severity: 1, code: 'units-mismatch', codeDescription: { href: `${DOCS}units-mismatch.md` }, source: 'therapy-note-lint',
    message: '97530 is billed ×3 at line 30, but its 23 min support ×2. CMS total-time method: timed codes together 38 min → 3 units (38–52 min = 3); full 15-min units 97530 1, 97110 1; 1 remaining unit to the largest leftover minutes (97530 8): 97530; → 97530 ×2, 97110 ×1.',
  },
];

async function actionsAt(c: Client, uri: string, range: Range, only?: string[]): Promise<CodeAction[]> {
  return (await c.conn.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range, context: { diagnostics: [], ...(only ? { only } : {}) } })) as CodeAction[];
}

describe('language server: pull diagnostics client (VS Code-like, snippet edits)', function () {
  let c: Client;
  before(async () => {
    c = new Client();
    c.settings[''] = { rules: onlyRules(...RULES_UNDER_TEST) };
    const init = await c.initialize(capabilities({ pull: true, snippets: true }), [WS]);
    assert.deepEqual(init.capabilities.diagnosticProvider, { identifier: 'therapy-note-lint', interFileDependencies: false, workspaceDiagnostics: false });
    assert.deepEqual(init.capabilities.executeCommandProvider, { commands: ['therapyNoteLint.lintWorkspace'] });
  });
  after(async () => {
    assert.equal(await c.shutdown(), 0);
    assert.equal(c.stderr, '');
  });

  it('gives a note its exact diagnostics: range, code, severity, href, source', async () => {
    const uri = await c.open(VISIT);
    const report = await c.conn.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri } }) as { resultId: string };
    assert.deepEqual(report, { kind: 'full', resultId: report.resultId, items: VISIT_DIAGNOSTICS });
    assert.match(report.resultId, /^\d+$/);
  });

  it('asked again with the last result id and nothing changed: "unchanged"; an older id gets the full report again', async () => {
    const uri = uriOf(VISIT);
    const first = await c.conn.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri } }) as { resultId: string };
    assert.deepEqual(await c.conn.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri }, previousResultId: first.resultId }),
      { kind: 'unchanged', resultId: first.resultId });
    assert.deepEqual(await c.conn.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri }, previousResultId: 'stale' }),
      { kind: 'full', resultId: first.resultId, items: VISIT_DIAGNOSTICS });
  });

  it('a didChangeConfiguration that changes nothing (VS Code sends one when the server registers) is compared, not acted on', async () => {
    const uri = uriOf(VISIT);
    const first = await c.conn.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri } }) as { resultId: string };
    const asked = c.configRequests.length;
    const lensRefreshes = c.lensRefreshCount;
    await c.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
    // A request after the notification is answered once the comparison is done.
    assert.deepEqual(await c.conn.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri }, previousResultId: first.resultId }),
      { kind: 'unchanged', resultId: first.resultId });
    assert.ok(c.configRequests.length > asked, 'the settings were read again to compare them');
    assert.equal(c.lensRefreshCount, lensRefreshes, 'no code lens refresh');
  });

  it('severities follow the settings (a rule set to warning is a warning)', async () => {
    const uri = uriOf(VISIT);
    const before = await c.conn.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri } }) as { resultId: string };
    c.settings[''] = { rules: { ...onlyRules(...RULES_UNDER_TEST), 'units-mismatch': 'warning' } };
    const refreshed = c.nextRefresh();
    const lensRefreshed = c.nextLensRefresh();
    await c.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await refreshed;
    await lensRefreshed;
    const report = (await c.conn.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri }, previousResultId: before.resultId })) as { kind: string; resultId: string; items: Diagnostic[] };
    assert.equal(report.kind, 'full');
    assert.notEqual(report.resultId, before.resultId);
    assert.deepEqual(report.items.map((d) => [d.code, d.severity]), [['total-time-mismatch', 1], ['units-mismatch', 2]]);
    c.settings[''] = { rules: onlyRules(...RULES_UNDER_TEST) };
    const again = c.nextRefresh();
    await c.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await again;
  });

  it('a Markdown file that is not a note gets no diagnostics, lenses or symbols', async () => {
    const uri = await c.open(README);
    const report = await c.conn.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri } }) as { resultId: string };
    assert.deepEqual(report, { kind: 'full', resultId: report.resultId, items: [] });
    assert.deepEqual(await c.conn.sendRequest(CodeLensRequest.type, { textDocument: { uri } }), []);
    assert.deepEqual(await c.conn.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } }), []);
    assert.deepEqual(await c.conn.sendRequest('therapyNoteLint/billingSummary', { uri }), { isNote: false, line: null, status: null, markdown: '' });
  });

  it('quick fixes: the safe fix, then disable for this line and for this file; applying each gives the exact text', async () => {
    const uri = uriOf(VISIT);
    const actions = await actionsAt(c, uri, r(29, 9, 29, 9));
    assert.deepEqual(actions.map((a) => [a.title, a.kind, a.isPreferred ?? false, a.diagnostics?.map((d) => d.code)]), [
      ['Bill 97530 ×2', 'quickfix', true, ['units-mismatch']],
      ['Disable units-mismatch for this line', 'quickfix', false, ['units-mismatch']],
      ['Disable units-mismatch for this file', 'quickfix', false, ['units-mismatch']],
      ['Fix all safe therapy-note-lint problems', 'source.fixAll.therapy-note-lint', false, undefined],
    ]);
    assert.equal(c.apply(uri, actions[0].edit), edited(VISIT, { 29: '- 97530 x2 GP' }));
    assert.equal(c.apply(uri, actions[1].edit), edited(VISIT, { 29: ['<!-- therapy-note-lint-disable-next-line units-mismatch -->', '- 97530 x3 GP'] }));
    assert.equal(c.apply(uri, actions[2].edit), edited(VISIT, { 7: ['<!-- therapy-note-lint-disable-file units-mismatch -->', ''] }));
  });

  it('the quick fixes for a diagnostic the client names in the context', async () => {
    const uri = uriOf(VISIT);
    const actions = (await c.conn.sendRequest(CodeActionRequest.type, {
      textDocument: { uri }, range: r(0, 0, 0, 0), context: { diagnostics: [VISIT_DIAGNOSTICS[0]], only: ['quickfix'] },
    })) as CodeAction[];
    assert.deepEqual(actions.map((a) => a.title), ['Set total timed minutes to 38', 'Disable total-time-mismatch for this line', 'Disable total-time-mismatch for this file']);
  });

  it('fix-all (source.fixAll.therapy-note-lint, as editor.codeActionsOnSave asks) applies every safe fix, as --fix does', async () => {
    const uri = uriOf(VISIT);
    const actions = await actionsAt(c, uri, r(0, 0, 0, 0), ['source.fixAll.therapy-note-lint']);
    assert.deepEqual(actions.map((a) => [a.title, a.kind]), [['Fix all safe therapy-note-lint problems', 'source.fixAll.therapy-note-lint']]);
    assert.equal(c.apply(uri, actions[0].edit), edited(VISIT, { 19: 'Total timed minutes: 38', 29: '- 97530 x2 GP' }));
    // The generic source.fixAll kind matches too.
    assert.equal((await actionsAt(c, uri, r(0, 0, 0, 0), ['source.fixAll'])).length, 1);
    // Quick fixes are not offered when only fix-all is asked for.
    assert.deepEqual((await actionsAt(c, uri, r(29, 9, 29, 9), ['source.fixAll.therapy-note-lint'])).map((a) => a.kind), ['source.fixAll.therapy-note-lint']);
  });

  it('a placeholder suggestion is a snippet edit when the client supports them', async () => {
    const uri = await c.open(MISSING);
    const actions = await actionsAt(c, uri, r(6, 5, 6, 5), ['quickfix']);
    assert.deepEqual(actions.map((a) => a.title), [
      'Add the minutes of this 97112 entry', 'Disable missing-minutes for this line', 'Disable missing-minutes for this file',
    ]);
    assert.deepEqual(actions[0].edit, {
      documentChanges: [{ textDocument: { uri, version: 1 }, edits: [{ range: r(6, 11, 6, 11), snippet: { kind: 'snippet', value: ' (${1:minutes} min)' } }] }],
    });
    assert.equal(c.apply(uri, actions[1].edit), edited(MISSING, { 6: ['<!-- therapy-note-lint-disable-next-line missing-minutes -->', '- 97112 NMR: tandem stance on foam.'] }));
    // No front matter: the file comment goes on top, followed by a blank line.
    assert.equal(c.apply(uri, actions[2].edit), edited(MISSING, { 0: ['<!-- therapy-note-lint-disable-file missing-minutes -->', '', '# Daily note'] }));
  });

  it('a disable comment that exists is extended with the rule', async () => {
    const uri = await c.open(`${WS}/clinic/disabled.note.md`, edited(MISSING, { 6: ['<!-- therapy-note-lint-disable-next-line unknown-code -->', '- 97112 NMR: tandem stance on foam.'] }));
    const actions = await actionsAt(c, uri, r(7, 5, 7, 5), ['quickfix']);
    const line = actions.find((a) => a.title === 'Disable missing-minutes for this line')!;
    assert.equal(c.apply(uri, line.edit), edited(MISSING, { 6: ['<!-- therapy-note-lint-disable-next-line unknown-code, missing-minutes -->', '- 97112 NMR: tandem stance on foam.'] }));
  });

  it('code lenses: one per intervention and the summary on the billing heading, with its command', async () => {
    const uri = uriOf(VISIT);
    assert.deepEqual(await c.conn.sendRequest(CodeLensRequest.type, { textDocument: { uri } }), [
      { range: r(16, 2, 16, 30), command: { title: '97530 · 23 min → 2 units (CMS)', command: '' } },
      { range: r(17, 2, 17, 28), command: { title: '97110 · 15 min → 1 unit (CMS)', command: '' } },
      { range: r(28, 3, 28, 10), command: { title: 'Timed 38 min → 3 units: 97530 ×2, 97110 ×1 · billed 4 ✗', command: 'therapyNoteLint.showBillingSummary', arguments: [uri] } },
    ]);
  });

  it('code lenses follow edits: the fixed note is billed 3 ✓', async () => {
    const uri = await c.open(`${WS}/clinic/fixed.note.md`, edited(VISIT, { 19: 'Total timed minutes: 38', 29: '- 97530 x2 GP' }));
    const lenses = (await c.conn.sendRequest(CodeLensRequest.type, { textDocument: { uri } })) as { command: { title: string } }[];
    assert.equal(lenses[2].command.title, 'Timed 38 min → 3 units: 97530 ×2, 97110 ×1 · billed 3 ✓');
    await c.conn.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version: 2 }, contentChanges: [{ range: r(29, 9, 29, 10), text: '5' }],
    });
    const after = (await c.conn.sendRequest(CodeLensRequest.type, { textDocument: { uri } })) as { command: { title: string } }[];
    assert.equal(after[2].command.title, 'Timed 38 min → 3 units: 97530 ×2, 97110 ×1 · billed 6 ✗');
  });

  it('a note without a billing section has its summary lens at the top; a note missing minutes shows ?', async () => {
    const uri = uriOf(MISSING);
    assert.deepEqual(await c.conn.sendRequest(CodeLensRequest.type, { textDocument: { uri } }), [
      { range: r(0, 0, 0, 0), command: { title: 'Timed ? min → ? units: 97530 12 min, 97112 ? min', command: 'therapyNoteLint.showBillingSummary', arguments: [uri] } },
      { range: r(5, 2, 5, 16), command: { title: '97530 · 12 min → ? units (CMS)', command: '' } },
      { range: r(6, 2, 6, 11), command: { title: '97112 · ? min → ? units (CMS)', command: '' } },
    ]);
  });

  it('therapyNoteLint/billingSummary: the line, the status and the breakdown with the arithmetic', async () => {
    const uri = uriOf(VISIT);
    assert.deepEqual(await c.conn.sendRequest('therapyNoteLint/billingSummary', { uri }), {
      isNote: true,
      line: 'Timed 38 min → 3 units: 97530 ×2, 97110 ×1 · billed 4 ✗',
      status: 'mismatch',
      markdown: [
        '**Billing** · payer `medicare`, CMS total-time method',
        '',
        'Timed 38 min → 3 units: 97530 ×2, 97110 ×1 · billed 4 ✗',
        '',
        '| Code | Procedure | Timed | Minutes | Units | Billed |',
        '|---|---|---|---:|---:|---:|',
        '| 97530 | Dynamic functional task training, one-on-one | timed | 23 | 2 | 3 GP |',
        '| 97110 | Exercise for strength, endurance, range of motion or flexibility | timed | 15 | 1 | 1 GP |',
        '',
        'CMS total-time method: timed codes together 38 min → 3 units (38–52 min = 3); full 15-min units 97530 1, 97110 1; 1 remaining unit to the largest leftover minutes (97530 8): 97530; → 97530 ×2, 97110 ×1.',
        '',
      ].join('\n'),
    });
    const fixed = (await c.conn.sendRequest('therapyNoteLint/billingSummary', { uri: uriOf(`${WS}/clinic/fixed.note.md`) })) as { status: string };
    assert.equal(fixed.status, 'mismatch'); // billed 6 after the edit above
    assert.deepEqual(await c.conn.sendRequest('therapyNoteLint/billingSummary', { uri: 'file:///not/open.md' }), { isNote: false, line: null, status: null, markdown: '' });
  });

  it('hover on a CPT code: label, timed, this note\'s minutes and units with the CMS arithmetic', async () => {
    const uri = uriOf(VISIT);
    const hover = (await c.conn.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 16, character: 4 } })) as Hover;
    assert.deepEqual(hover.range, r(16, 2, 16, 7));
    assert.equal((hover.contents as MarkupContent).kind, 'markdown');
    assert.equal((hover.contents as MarkupContent).value, [
      '**97530** · Dynamic functional task training, one-on-one',
      '',
      'Timed code: billed in 15-minute units from the minutes documented.',
      '',
      'This note (payer `medicare`, CMS total-time method): 23 min → 2 units.',
      '',
      'CMS total-time method: timed codes together 38 min → 3 units (38–52 min = 3); full 15-min units 97530 1, 97110 1; 1 remaining unit to the largest leftover minutes (97530 8): 97530; → 97530 ×2, 97110 ×1.',
      '',
      'Billed: ×3 GP.',
    ].join('\n'));
  });

  it('hover on a finding: the rule\'s why and its bad and good example from its page', async () => {
    const uri = uriOf(VISIT);
    const hover = (await c.conn.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 19, character: 3 } })) as Hover;
    const md = (hover.contents as MarkupContent).value;
    const page = readFileSync('docs/rules/total-time-mismatch.md', 'utf8');
    const why = page.slice(page.indexOf('## Why\n') + 7, page.indexOf('\n## Bad example')).trim();
    assert.ok(md.startsWith('**total-time-mismatch** · The documented total timed minutes differ'), md.slice(0, 80));
    assert.ok(md.includes(`**Why.** ${why}\n`));
    assert.ok(md.includes('**Bad example.** The entries add up to 42 minutes, but the total says 40.\n\n````markdown\n…\n\nTotal timed minutes: 40\nTotal treatment time: 42 min\n…\n````'));
    assert.ok(md.includes('**Good example.**\n\n````markdown\n…\n\nTotal timed minutes: 42\nTotal treatment time: 42 min\n…\n````'));
    assert.ok(md.endsWith(`[Rule page](${DOCS}total-time-mismatch.md)`));
    assert.deepEqual(hover.range, r(19, 0, 19, 23));
  });

  it('no hover on plain text', async () => {
    assert.equal(await c.conn.sendRequest(HoverRequest.type, { textDocument: { uri: uriOf(VISIT) }, position: { line: 9, character: 3 } }), null);
  });

  it('document symbols: the SOAP outline with interventions, goals and billing lines as children', async () => {
    const symbols = (await c.conn.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri: uriOf(VISIT) } })) as DocumentSymbol[];
    const outline = (s: DocumentSymbol): unknown => [s.name, s.kind, s.range.start.line, s.range.end.line, s.children?.map(outline) ?? []];
    assert.deepEqual(symbols.map(outline), [
      ['Subjective', 3, 8, 9, []],
      ['Goals', 3, 11, 13, [['LTG1', 14, 12, 12, []], ['STG1', 14, 13, 13, []]]],
      ['Objective', 3, 15, 20, [['97530 · 23 min', 24, 16, 16, []], ['97110 · 15 min', 24, 17, 17, []]]],
      ['Assessment', 3, 22, 23, []],
      ['Plan', 3, 25, 26, []],
      ['Billing', 3, 28, 30, [['97530 ×3 GP', 16, 29, 29, []], ['97110 ×1 GP', 16, 30, 30, []]]],
    ]);
    assert.deepEqual(symbols[2].children![0].selectionRange, r(16, 2, 16, 30));
    assert.equal(symbols[2].children![0].detail, 'Dynamic functional task training, one-on-one');
  });

  it('completion: modifiers after a code on a billing line, then codes', async () => {
    const items = (await c.conn.sendRequest(CompletionRequest.type, { textDocument: { uri: uriOf(VISIT) }, position: { line: 29, character: 13 } })) as CompletionItem[];
    const modifiers = items.filter((i) => i.kind === 20).map((i) => i.label);
    assert.deepEqual(modifiers, ['GP', 'GO', 'GN', 'CQ', 'CO', 'KX', '59', 'XE', 'XS', 'XP', 'XU']);
    assert.deepEqual(items[0], {
      label: 'GP', kind: 20, detail: 'Services under a physical therapy plan of care', sortText: '000', filterText: 'GP',
      textEdit: { range: r(29, 11, 29, 13), newText: 'GP' },
    });
    const codes = items.filter((i) => i.kind === 12);
    assert.ok(codes.some((i) => i.label === '97530' && i.detail === 'Dynamic functional task training, one-on-one (timed)'));
    assert.equal(items.filter((i) => i.kind === 18).length, 0, 'no goal ids on a billing line');
  });

  it('completion in Objective: codes, procedure names and the goal ids the note defines', async () => {
    const items = (await c.conn.sendRequest(CompletionRequest.type, { textDocument: { uri: uriOf(VISIT) }, position: { line: 16, character: 2 } })) as CompletionItem[];
    assert.deepEqual(items.filter((i) => i.kind === 18).map((i) => [i.label, i.detail]), [
      ['LTG1', 'Patient will climb 12 stairs with one rail, modified indepe…'],
      ['STG1', 'Patient will stand from a 17 in chair without hands, 5 of 5…'],
    ]);
    const names = items.filter((i) => i.kind === 14);
    assert.deepEqual(names.find((i) => i.label === 'ther act'), {
      label: 'ther act', kind: 14, detail: '97530 · Dynamic functional task training, one-on-one', sortText: '2ther act', filterText: 'ther act',
      textEdit: { range: r(16, 2, 16, 2), newText: 'ther act' },
    });
    assert.ok(items.some((i) => i.kind === 12 && i.label === '97110'));
    assert.equal(items.filter((i) => i.kind === 20).length, 0, 'no modifiers outside billing lines');
  });

  it('no completion in front matter', async () => {
    assert.deepEqual(await c.conn.sendRequest(CompletionRequest.type, { textDocument: { uri: uriOf(VISIT) }, position: { line: 2, character: 3 } }), []);
  });
});

describe('language server: push diagnostics client (no pull support, no snippet edits)', function () {
  let c: Client;
  before(async () => {
    c = new Client();
    c.settings[''] = { rules: onlyRules(...RULES_UNDER_TEST) };
    const init = await c.initialize(capabilities({ pull: false, snippets: false }), [WS]);
    assert.equal(init.capabilities.diagnosticProvider, undefined);
  });
  after(async () => {
    assert.equal(await c.shutdown(), 0);
  });

  it('pushes a note\'s exact diagnostics on open, with the document version', async () => {
    const uri = await c.open(VISIT);
    assert.deepEqual(await c.diagnosticsPushed(uri), { uri, version: 1, diagnostics: VISIT_DIAGNOSTICS });
  });

  it('pushes new diagnostics after a change', async () => {
    const uri = uriOf(VISIT);
    c.published.delete(uri);
    await c.conn.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version: 2 }, contentChanges: [{ range: r(19, 21, 19, 23), text: '38' }],
    });
    const p = await c.diagnosticsPushed(uri);
    assert.deepEqual([p.version, p.diagnostics.map((d) => d.code)], [2, ['units-mismatch']]);
  });

  it('pushes an empty list for a file that is not a note', async () => {
    const uri = await c.open(README);
    assert.deepEqual(await c.diagnosticsPushed(uri), { uri, version: 1, diagnostics: [] });
  });

  it('a placeholder suggestion is plain text when the client has no snippet edits', async () => {
    const uri = await c.open(MISSING);
    const actions = await actionsAt(c, uri, r(6, 5, 6, 5), ['quickfix']);
    assert.equal(actions[0].title, 'Add the minutes of this 97112 entry');
    assert.equal(c.apply(uri, actions[0].edit), edited(MISSING, { 6: '- 97112 NMR ({{minutes}} min): tandem stance on foam.' }));
  });

  it('binary junk is no crash: no diagnostics, and the server still answers', async () => {
    const junk = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256)).toString('latin1') + '\u0000\uFFFD\uD800';
    const uri = await c.open(`${WS}/clinic/junk.note.md`, junk);
    const p = await c.diagnosticsPushed(uri);
    assert.ok(Array.isArray(p.diagnostics));
    assert.deepEqual(await c.conn.sendRequest(CodeLensRequest.type, { textDocument: { uri } }).then((l) => Array.isArray(l)), true);
    assert.deepEqual(await c.conn.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 0, character: 1 } }).then(() => 'answered'), 'answered');
    await c.conn.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } });
    await c.conn.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: { line: 0, character: 3 } });
    // Still alive and linting.
    const again = await c.open(`${WS}/clinic/after-junk.note.md`, readFileSync(VISIT, 'utf8'));
    assert.deepEqual((await c.diagnosticsPushed(again)).diagnostics.map((d) => d.code), ['total-time-mismatch', 'units-mismatch']);
  });

  it('a document with a byte-order mark: ranges on the first line and the fixes shift by one', async () => {
    const text = '\uFEFF' + 'Total timed minutes: 40\n\n' + [...lines(VISIT).slice(8, 19), ...lines(VISIT).slice(20)].join('\n');
    const uri = await c.open(`${WS}/clinic/bom.note.md`, text);
    const p = await c.diagnosticsPushed(uri);
    assert.deepEqual(p.diagnostics.find((d) => d.code === 'total-time-mismatch')?.range, r(0, 1, 0, 24));
    const fixAll = await actionsAt(c, uri, r(0, 0, 0, 0), ['source.fixAll']);
    assert.equal(c.apply(uri, fixAll[0].edit).split('\n')[0], '\uFEFFTotal timed minutes: 38');
  });
});
