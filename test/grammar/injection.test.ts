/**
 * The Markdown injection grammar (`syntaxes/therapy-note-lint.injection.tmLanguage.json`)
 * tokenized by the real engine (vscode-textmate + vscode-oniguruma's onig.wasm), injected
 * into a minimal Markdown host grammar of our own (`markdown-host.tmLanguage.json`, the
 * scopes the injection selector depends on; VS Code's own Markdown grammar is not in
 * node_modules). Asserts the exact scopes of exact tokens.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { loadWASM, OnigScanner, OnigString } from 'vscode-oniguruma';
import { INITIAL, parseRawGrammar, Registry, type IGrammar } from 'vscode-textmate';

const INJECTION = 'therapy-note-lint.injection';
const HOST = 'text.html.markdown';
const SUFFIX = '.therapy-note-lint';

let grammar: IGrammar;

before(async () => {
  const require = createRequire(__filename);
  const wasm = readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
  await loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) as ArrayBuffer);
  const files: Record<string, string> = {
    [INJECTION]: 'syntaxes/therapy-note-lint.injection.tmLanguage.json',
    [HOST]: 'test/grammar/markdown-host.tmLanguage.json',
  };
  const registry = new Registry({
    onigLib: Promise.resolve({ createOnigScanner: (p: string[]) => new OnigScanner(p), createOnigString: (s: string) => new OnigString(s) }),
    loadGrammar: async (scope: string) => (files[scope] ? parseRawGrammar(readFileSync(files[scope], 'utf8'), files[scope]) : null),
    getInjections: (scope: string) => (scope === HOST ? [INJECTION] : undefined),
  });
  grammar = (await registry.loadGrammar(HOST))!;
  assert.ok(grammar);
});

interface Token {
  text: string;
  scopes: string[];
}

function tokenize(text: string): Token[][] {
  let state = INITIAL;
  return text.split('\n').map((line) => {
    const r = grammar.tokenizeLine(line, state);
    state = r.ruleStack;
    return r.tokens.map((t) => ({ text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes }));
  });
}

/** Our scopes only, without the billing item's meta scope (the host's are asserted where they matter): [token text, our innermost scope]. */
function ours(line: Token[]): [string, string][] {
  return line
    .map((t) => [t.text, [...t.scopes].reverse().find((s) => s.endsWith(SUFFIX) && !s.startsWith('meta.'))] as [string, string | undefined])
    .filter((x): x is [string, string] => x[1] !== undefined);
}

const CODE = 'constant.other.cpt-code.therapy-note-lint';
const MIN = 'constant.numeric.minutes.therapy-note-lint';
const RANGE = 'constant.numeric.time-range.therapy-note-lint';
const UNITS = 'constant.numeric.units.therapy-note-lint';
const MOD = 'support.constant.modifier.therapy-note-lint';
const GOAL = 'variable.other.goal-id.therapy-note-lint';
const SOAP = 'keyword.other.soap-label.therapy-note-lint';

describe('injection grammar (vscode-textmate + oniguruma)', () => {
  it('has the agreed scope name and injects into Markdown outside code, comments and front matter', () => {
    const g = JSON.parse(readFileSync('syntaxes/therapy-note-lint.injection.tmLanguage.json', 'utf8'));
    assert.equal(g.scopeName, INJECTION);
    assert.equal(g.injectionSelector, 'L:text.html.markdown -markup.fenced_code -markup.raw -markup.inline.raw -comment -meta.embedded.block.frontmatter');
  });

  it('an intervention line: the code, minutes and a goal id, with the exact host scopes', () => {
    const [line] = tokenize('- 97530 Therapeutic activities — 23 min: sit-to-stand practice (STG1).');
    assert.deepEqual(line.map((t) => [t.text, t.scopes]), [
      ['-', [HOST, 'punctuation.definition.list.begin.markdown']],
      [' ', [HOST]],
      ['97530', [HOST, CODE]],
      [' Therapeutic activities — ', [HOST]],
      ['23 min', [HOST, MIN]],
      [': sit-to-stand practice (', [HOST]],
      ['STG1', [HOST, GOAL]],
      [').', [HOST]],
    ]);
  });

  it('minutes in their written forms, and time ranges', () => {
    assert.deepEqual(ours(tokenize("97110 x 15 minutes, 12', 1 hr, 1h 10m, 8 mins.")[0]), [
      ['97110', CODE], ['15 minutes', MIN], ["12'", MIN], ['1 hr', MIN], ['1h', MIN], ['10m', MIN], ['8 mins', MIN],
    ]);
    assert.deepEqual(ours(tokenize('Gait training 10:05–10:28 and 1:55pm-2:10pm, 9:00 to 9:12')[0]), [
      ['10:05–10:28', RANGE], ['1:55pm-2:10pm', RANGE], ['9:00 to 9:12', RANGE],
    ]);
  });

  it('a billing line: code, units and modifiers, item by item', () => {
    const [line] = tokenize('- 97530 x2 GP, 97110 x1 GP 59; G0283 1 unit GP');
    assert.deepEqual(line.map((t) => [t.text, t.scopes[t.scopes.length - 1]]), [
      ['-', 'punctuation.definition.list.begin.markdown'],
      [' ', HOST],
      ['97530', CODE],
      [' ', 'meta.billing-item.therapy-note-lint'],
      ['x2', UNITS],
      [' ', 'meta.billing-item.therapy-note-lint'],
      ['GP', MOD],
      [', ', HOST],
      ['97110', CODE],
      [' ', 'meta.billing-item.therapy-note-lint'],
      ['x1', UNITS],
      [' ', 'meta.billing-item.therapy-note-lint'],
      ['GP', MOD],
      [' ', 'meta.billing-item.therapy-note-lint'],
      ['59', MOD],
      ['; ', HOST],
      ['G0283', CODE],
      [' ', 'meta.billing-item.therapy-note-lint'],
      ['1 unit', UNITS],
      [' ', 'meta.billing-item.therapy-note-lint'],
      ['GP', MOD],
    ]);
  });

  it('a billing table row; modifiers are not highlighted outside billing items', () => {
    assert.deepEqual(ours(tokenize('| 97140 | 1 | GP |')[0]), [['97140', CODE], ['1', UNITS], ['GP', MOD]]);
    assert.deepEqual(ours(tokenize('Pt walked 59 ft; GP clinic; 97530 Ther act x 23 min')[0]), [['97530', CODE], ['23 min', MIN]]);
  });

  it('goal ids in every form', () => {
    assert.deepEqual(ours(tokenize('Toward LTG1, LTG 2, STG #3, Goal 4 and G5; not G0283 or LTG12345.')[0]), [
      ['LTG1', GOAL], ['LTG 2', GOAL], ['STG #3', GOAL], ['Goal 4', GOAL], ['G5', GOAL], ['G0283', CODE],
    ]);
  });

  it('SOAP labels: headings and bold or plain labels', () => {
    const lines = tokenize('## Subjective\n**Objective:** walked\nA: better\n### O — Objective\nPlan:\n**Billing**:\nThe plan: none');
    assert.deepEqual(lines.map(ours), [
      [['Subjective', SOAP]],
      [['Objective', SOAP]],
      [['A', SOAP]],
      [['O', SOAP]],
      [['Plan', SOAP]],
      [['Billing', SOAP]],
      [],
    ]);
    assert.deepEqual(lines[0].map((t) => [t.text, t.scopes]), [
      ['##', [HOST, 'markup.heading.markdown', 'punctuation.definition.heading.markdown']],
      [' ', [HOST, 'markup.heading.markdown']],
      ['Subjective', [HOST, 'markup.heading.markdown', SOAP]],
    ]);
    assert.deepEqual(lines[1].map((t) => [t.text, t.scopes]), [
      ['**', [HOST, 'markup.bold.markdown']],
      ['Objective', [HOST, 'markup.bold.markdown', SOAP]],
      [':', [HOST, 'markup.bold.markdown']],
      ['**', [HOST, 'markup.bold.markdown']],
      [' walked', [HOST]],
    ]);
  });

  it('nothing inside fenced code, inline code, HTML comments or front matter', () => {
    const lines = tokenize([
      '---', 'date: 2026-03-05', 'visit: 97530', '---',
      '```', '97530 x2 GP 23 min LTG1', '```',
      'See `97530 23 min` <!-- 97110 15 min --> 97112',
    ].join('\n'));
    assert.deepEqual(lines.map(ours), [[], [], [], [], [], [], [], [['97112', CODE]]]);
  });

  it('numbers that are not codes: a measure, a longer number, a decimal', () => {
    assert.deepEqual(ours(tokenize('10000 steps, 90000 ft, 123456, 97530.5, P-97530x')[0]), []);
  });
});
