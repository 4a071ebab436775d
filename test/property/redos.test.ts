/**
 * No regular expression with catastrophic backtracking. Every regular-expression literal
 * in server/src (the engine, the CLI and the server) is collected from the source by
 * parsing it (esbuild strips the types, acorn parses the JavaScript), and each must be rated
 * `safe` (linear) by recheck, a ReDoS checker that also flags polynomial (quadratic and
 * worse) expressions. The engine builds no expression at run time (`RegExp(…)`), so the
 * literals are all there is; user globs, the one pattern a configuration holds, are checked
 * when loaded (engine/glob.ts), and the property below ties that check to recheck.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import * as acorn from 'acorn';
import { transformSync } from 'esbuild';
import fc from 'fast-check';
import picomatch from 'picomatch';
import { checkSync, type Diagnostics } from 'recheck';
import { ConfigError, parseConfig } from '../../server/src/engine/config';
import { globProblem, MAX_GLOB_WILDCARDS } from '../../server/src/engine/glob';
import { normalizeClientSettings } from '../../server/src/lsp/settings';

interface Found {
  file: string;
  line: number;
  pattern: string;
  flags: string;
}

function* sources(dir: string): Generator<string> {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) yield* sources(p);
    else if (p.endsWith('.ts')) yield p;
  }
}

type Node = { type: string; [k: string]: unknown };

/** Regular-expression literals and `RegExp` constructor calls in one TypeScript file. */
function scan(file: string): { literals: Found[]; constructors: number[] } {
  const js = transformSync(readFileSync(file, 'utf8'), { loader: 'ts', target: 'esnext' }).code;
  const ast = acorn.parse(js, { ecmaVersion: 'latest', sourceType: 'module', locations: true }) as unknown as Node;
  const literals: Found[] = [];
  const constructors: number[] = [];
  const visit = (n: Node) => {
    const loc = (n as { loc?: { start: { line: number } } }).loc;
    if (n.type === 'Literal' && n.regex) {
      const { pattern, flags } = n.regex as { pattern: string; flags: string };
      literals.push({ file, line: loc?.start.line ?? 0, pattern, flags });
    }
    if ((n.type === 'NewExpression' || n.type === 'CallExpression') && (n.callee as Node).type === 'Identifier' && (n.callee as { name: string }).name === 'RegExp') {
      constructors.push(loc?.start.line ?? 0);
    }
    for (const v of Object.values(n)) {
      if (Array.isArray(v)) for (const c of v) if (c && typeof c === 'object' && typeof c.type === 'string') visit(c);
      if (v && typeof v === 'object' && !Array.isArray(v) && typeof (v as Node).type === 'string') visit(v as Node);
    }
  };
  visit(ast);
  return { literals, constructors };
}

const check = (pattern: string, flags: string): Diagnostics => checkSync(pattern, flags, { timeout: 20000 });

describe('ReDoS: every regular expression in server/src passes recheck', function () {
  this.timeout(120000);
  const files = [...sources('server/src')];
  const scanned = files.map((f) => ({ file: f, ...scan(f) }));
  const literals = scanned.flatMap((s) => s.literals);

  it('the checker itself flags exponential and quadratic expressions and passes linear ones', () => {
    assert.equal(check('^(a+)+$', '').status, 'vulnerable');
    assert.equal(check('\\d+ min', '').status, 'vulnerable'); // unanchored: quadratic on a run of digits
    assert.equal(check('\\/+$', '').status, 'vulnerable'); // what lint.ts used to trim slashes with
    assert.equal(check('^\\d+ min', '').status, 'safe');
  });

  it('finds the literals in the engine, the CLI and the server (the collector works)', () => {
    assert.ok(literals.length >= 70, `only ${literals.length} literals found`);
    assert.ok(literals.some((l) => l.file.endsWith('engine/lint.ts') && l.pattern === '\\.note\\.md$'));
    assert.ok(files.filter((f) => f.includes('/engine/')).length >= 40);
  });

  it('the engine builds no regular expression at run time (RegExp(…) would escape this check)', () => {
    const calls = scanned.filter((s) => s.file.includes('/engine/') && s.constructors.length > 0).map((s) => `${s.file}:${s.constructors.join(',')}`);
    assert.deepEqual(calls, []);
  });

  it('every literal is rated safe (linear)', () => {
    const unsafe = literals
      .map((l) => ({ l, d: check(l.pattern, l.flags) }))
      .filter(({ d }) => d.status !== 'safe')
      .map(({ l, d }) => `${l.file}:${l.line} /${l.pattern}/${l.flags}: ${d.status}${d.status === 'vulnerable' ? ` (${d.complexity.summary})` : ''}`);
    assert.deepEqual(unsafe, []);
  });
});

describe('ReDoS: user globs are checked when loaded', function () {
  this.timeout(120000);

  it('accepts the globs people write', () => {
    for (const g of ['*.md', '**/*.md', 'visits/**/*.md', 'templates/**', '**/drafts/**/*-old.md', '**/*.{md,markdown}', 'notes/2026-0[1-6]/*.md', '!(README).md']) {
      assert.equal(globProblem(g), null, g);
    }
  });

  it('rejects a loop inside a loop and more than three wildcards, saying why', () => {
    assert.equal(globProblem('+(*)b'), 'has the repeated group +(*), which holds a wildcard or a group and can take minutes to match a long file name; repeat plain characters only, or list the names with {a,b}.');
    assert.equal(globProblem('*(a*)x'), 'has the repeated group *(a*), which holds a wildcard or a group and can take minutes to match a long file name; repeat plain characters only, or list the names with {a,b}.');
    assert.equal(globProblem('*a*a*a*b'), `has 4 wildcards (*, **, *(…), +(…), !(…)); at most ${MAX_GLOB_WILDCARDS} are allowed, as matching a long path against more can take minutes. Name a folder or part of the file name instead of one of them.`);
    assert.match(globProblem('**/a/**/a/**/a/**/b') ?? '', /^has 4 wildcards/);
    assert.equal(globProblem('\\*\\*\\*\\*x*'), null, 'escaped stars are literal');
    assert.equal(globProblem('[*][*][*][*]*'), null, 'a star in a class is one character');
  });

  it('a configuration file with an unsafe glob is a configuration error naming the key, line and column', () => {
    const text = '{\n  "include": ["visits/**/*.md"],\n  "exclude": ["*.md", "+(*)b"]\n}\n';
    assert.throws(() => parseConfig(text, '/w/.therapy-note-lint.json', '/w'), (err: unknown) => {
      assert.ok(err instanceof ConfigError);
      assert.equal(
        err.message,
        '/w/.therapy-note-lint.json:3:23: "exclude.1" ("+(*)b") has the repeated group +(*), which holds a wildcard or a group and can take minutes to match a long file name; repeat plain characters only, or list the names with {a,b}.',
      );
      return true;
    });
    assert.deepEqual(parseConfig('{ "include": ["**/drafts/**/*.md"] }', '/w/.therapy-note-lint.json', '/w').include, ['**/drafts/**/*.md']);
  });

  it('an unsafe glob in the editor settings is dropped, and the server is told which', () => {
    const warnings: string[] = [];
    const s = normalizeClientSettings({ include: ['visits/**/*.md', '*a*a*a*b'], exclude: ['+(*)x'] }, (m) => warnings.push(m));
    assert.deepEqual([s.include, s.exclude], [['visits/**/*.md'], []]);
    assert.deepEqual(warnings, [
      'the setting therapyNoteLint.include "*a*a*a*b" is ignored: it has 4 wildcards (*, **, *(…), +(…), !(…)); at most 3 are allowed, as matching a long path against more can take minutes. Name a folder or part of the file name instead of one of them.',
      'the setting therapyNoteLint.exclude "+(*)x" is ignored: it has the repeated group +(*), which holds a wildcard or a group and can take minutes to match a long file name; repeat plain characters only, or list the names with {a,b}.',
    ]);
  });

  it('property: every glob the check accepts compiles (picomatch) to an expression recheck rates at most cubic, never exponential', () => {
    const part = fc.constantFrom('*', '**', '?', 'a', 'b', '.md', '/', '-', '*(a)', '+(ab)', '+(a*)', '*(?)', '!(a)', '@(a*)', '?(b)', '{a,b*}', '[ab]', '\\*');
    const glob = fc.array(part, { minLength: 1, maxLength: 9 }).map((ps) => ps.join(''));
    fc.assert(
      fc.property(glob, (g) => {
        if (globProblem(g) !== null) return true;
        const re = picomatch.makeRe(g, { dot: true });
        const d = check(re.source, re.flags);
        if (d.status === 'safe') return true;
        assert.equal(d.status, 'vulnerable', `${g}: ${d.status}`);
        assert.ok(d.complexity.type === 'polynomial' && d.complexity.degree <= MAX_GLOB_WILDCARDS, `${g} → /${re.source}/: ${d.complexity.summary}`);
        return true;
      }),
      { numRuns: 60, seed: 6006 },
    );
  });
});
