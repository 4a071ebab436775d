/**
 * Property tests (fast-check): random text, random Markdown and mutated real notes (deleted
 * lines, swapped sections, truncated tables, huge numbers, `99:99` ranges, unicode, NUL
 * bytes, 100-level nesting) never make the engine throw or a rule fail (no internal-error
 * finding), give the same result twice, and cost at most 50 ms per 2 KB of note.
 *
 * The time bound, robust on a loaded CI machine: each input is linted three times and the
 * smallest CPU time (process.cpuUsage, user + system) is compared with the bound. CPU time
 * does not count the time the process waits for a core that other jobs hold, and the
 * smallest of three runs drops a one-off garbage collection or JIT compilation. The bound
 * is 50 ms per 2 KB, scaled to the input's length (never below 50 ms). Failures print
 * fast-check's seed and path, which replay the case.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import MarkdownIt from 'markdown-it';
import { generateNote } from '../../server/src/engine/generate';
import { episodeNote, fingerprint, sentenceFingerprints } from '../../server/src/engine/episode';
import { INTERNAL_ERROR, lint } from '../../server/src/engine/lint';
import { Memo, withMemo } from '../../server/src/engine/memo';
import { defaultSettings } from '../../server/src/engine/settings';
import { isDash } from '../../server/src/engine/chars';
import { normalizeName } from '../../server/src/engine/codes';
import { findFrontMatter, parseFrontMatter, simpleEntries } from '../../server/src/engine/frontmatter';
import { blockParser } from '../../server/src/engine/markdown';
import { LineIndex } from '../../server/src/engine/text';
import { tokenize, tokensOutside } from '../../server/src/engine/vocab';

function* markdownFiles(dir: string): Generator<string> {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) yield* markdownFiles(p);
    else if (name.endsWith('.md')) yield p;
  }
}

const REAL = [...markdownFiles('test/fixtures'), ...markdownFiles('examples')].map((p) => readFileSync(p, 'utf8'));
const BOUND_MS_PER_2KB = 50;

function cpuMs(f: () => void): number {
  const t = process.cpuUsage();
  f();
  const d = process.cpuUsage(t);
  return (d.user + d.system) / 1000;
}

/** Lints twice (same result), checks no rule failed, and the CPU-time bound. */
function check(text: string, filePath = '/notes/visit.note.md'): true {
  let first = lint(text, { filePath });
  const runs = [cpuMs(() => (first = lint(text, { filePath })))];
  let second = first;
  runs.push(cpuMs(() => (second = lint(text, { filePath }))));
  runs.push(cpuMs(() => lint(text, { filePath })));
  assert.deepEqual(first.findings.filter((f) => f.ruleId === INTERNAL_ERROR).map((f) => f.message), []);
  assert.deepEqual(JSON.stringify([second.isNote, second.findings, second.billing]), JSON.stringify([first.isNote, first.findings, first.billing]), 'not the same result twice');
  const bound = BOUND_MS_PER_2KB * Math.max(1, text.length / 2048);
  const best = Math.min(...runs);
  assert.ok(best <= bound, `${best.toFixed(1)} ms of CPU for ${text.length} characters (bound ${bound.toFixed(0)} ms)`);
  return true;
}

// ---------------------------------------------------------------------------------------
// Arbitraries

const SOAP = ['Subjective', 'Objective', 'Assessment', 'Plan', 'S', 'O', 'A', 'P', 'Goals', 'Billing', 'Interventions', 'A/P', 'S/O', 'Treatment provided'];
const CODES = ['97530', '97110', '97112', '97140', '97116', '97535', '92507', '97150', '97010', '97161', '97164', 'G0283', '9753', '975300', '00000'];
const TIMES = ['23 min', "23'", 'x 8 min', '× 15 min', '10:05–10:28', '10:05-10:28', '1:55pm-2:10pm', '99:99-10:00', '10:05 to 9:00', '0 min', '999999999999 min', '1 hr', '1h 10m', '12:00am–12:00pm'];
const WORDS = ['Ther act', 'Ther ex', 'NMR', 'Gait training', 'Manual therapy', 'VC', 'CGA', 'min A', 'tolerated well', 'to improve', 'LTG1', 'STG 2', 'Goal 3', 'G4', 'GP', 'GO', 'GN', 'CQ', 'CO', '59', 'XU', 'x2', 'units: 3', 'Total timed minutes: 38', 'Total treatment time: 45 min', 'Signed: Jo, PT', 'reported pain 3/10', 'group', 'PROM', 'hot pack'];
const UNICODE = ['é', 'ß', '→', '–', '—', '\u00a0', '\u200b', '\u202e', '\u0301', '😀', '\ud83d', '\ude00', '\u0000', '\uFEFF', '\r', '\t', '中文', 'ﬁ'];

const token = fc.oneof(fc.constantFrom(...CODES), fc.constantFrom(...TIMES), fc.constantFrom(...WORDS), fc.constantFrom(...UNICODE), fc.string({ maxLength: 8 }));
const inline = fc.array(token, { maxLength: 8 }).map((ts) => ts.join(' '));

const mdLine = fc.oneof(
  fc.tuple(fc.integer({ min: 1, max: 7 }), fc.constantFrom(...SOAP), fc.constantFrom('', ':', ' —', ' - more')).map(([n, s, t]) => `${'#'.repeat(n)} ${s}${t}`),
  fc.tuple(fc.constantFrom(...SOAP), inline).map(([s, t]) => `**${s}:** ${t}`),
  fc.tuple(fc.constantFrom(...SOAP), inline).map(([s, t]) => `${s}: ${t}`),
  fc.tuple(fc.integer({ min: 0, max: 12 }), fc.constantFrom('- ', '* ', '1. ', '2) ', '+ '), inline).map(([d, m, t]) => `${'  '.repeat(d)}${m}${t}`),
  fc.array(inline, { minLength: 1, maxLength: 5 }).map((cells) => `| ${cells.join(' | ')} |`),
  fc.constantFrom('|---|---|---|', '| Code | Intervention | Min |', '| Code | Modifier | Units |', '| Start | End |', '```', '~~~', '---', '<!--', '-->', '<!-- therapy-note-lint-disable -->', '<!-- therapy-note-lint-disable-next-line missing-minutes -->', '> quote', '', '    indented code', 'note_type: daily', 'discipline: PT', 'payer: medicare', 'visit: [', '\\'),
  inline,
);
const markdown = fc.array(mdLine, { maxLength: 60 }).map((ls) => ls.join('\n'));

type Mutation = (lines: string[], rnd: (n: number) => number) => string[];
const MUTATIONS: Record<string, Mutation> = {
  deleteLines: (ls, r) => ls.filter(() => r(5) !== 0),
  swapSections: (ls) => {
    const starts = ls.flatMap((l, i) => (/^(#+ |\*\*[A-Z])/.test(l) ? [i] : []));
    if (starts.length < 3) return ls;
    const [a, b] = [starts[0], starts[1]];
    return [...ls.slice(0, a), ...ls.slice(b, starts[2]), ...ls.slice(a, b), ...ls.slice(starts[2])];
  },
  truncateTables: (ls, r) => ls.map((l) => (l.startsWith('|') ? l.slice(0, r(l.length + 1)) : l)),
  hugeNumbers: (ls) => ls.map((l) => l.replace(/\d+/g, (d) => (d.length > 1 ? '9'.repeat(30) : d))),
  badRanges: (ls) => ls.map((l) => l.replace(/\d{1,2}:\d\d/g, '99:99')),
  unicode: (ls, r) => ls.map((l) => (r(3) === 0 ? l.slice(0, r(l.length + 1)) + UNICODE[r(UNICODE.length)] + l.slice(r(l.length + 1)) : l)),
  nulBytes: (ls, r) => ls.map((l) => (r(4) === 0 ? l.replace(/ /g, '\u0000') : l)),
  deepNesting: (ls, r) => {
    const at = r(ls.length + 1);
    const nest = Array.from({ length: 100 }, (_, i) => `${'  '.repeat(i)}- 97530 Ther act ${i} min`);
    const quotes = ['>'.repeat(100) + ' ## Objective', '>'.repeat(100) + ' - 97110 15 min'];
    return [...ls.slice(0, at), ...nest, ...quotes, ...ls.slice(at)];
  },
  crlf: (ls) => ls.map((l) => l + '\r'),
  duplicate: (ls, r) => {
    const i = r(ls.length);
    return [...ls.slice(0, i), ...ls.slice(i, i + 10), ...ls.slice(i)];
  },
};

const mutated = fc
  .tuple(fc.integer({ min: 0, max: REAL.length - 1 }), fc.array(fc.constantFrom(...Object.keys(MUTATIONS)), { minLength: 1, maxLength: 3 }), fc.integer())
  .map(([i, ms, seed]) => {
    let s = seed >>> 0 || 1;
    const rnd = (n: number) => {
      s = (Math.imul(s, 1103515245) + 12345) >>> 0;
      return n <= 0 ? 0 : s % n;
    };
    let lines = REAL[i].split('\n');
    for (const m of ms) lines = MUTATIONS[m](lines, rnd);
    return lines.join('\n');
  });

describe('engine properties (fast-check): never throws, same result twice, ≤ 50 ms per 2 KB', function () {
  this.timeout(300000);

  before(() => {
    // Compile the engine's hot paths before anything is timed.
    for (const t of REAL) lint(t);
  });

  it('random text (any UTF-16, including lone surrogates and NUL)', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 2048 }), (t) => check(t)), { numRuns: 300 });
    fc.assert(fc.property(fc.string({ unit: fc.constantFrom('\n', '\r', '|', '#', '-', '*', ':', ' ', '9', '7', '5', '3', '0', 'x', 'G', 'P', '\u0000'), maxLength: 2048 }), (t) => check(t)), { numRuns: 300 });
  });

  it('random Markdown built from note parts (headings, labels, lists to 12 levels, tables, fences, comments, front matter keys)', () => {
    fc.assert(fc.property(markdown, (t) => check(t)), { numRuns: 400 });
    fc.assert(fc.property(markdown, (t) => check(`---\n${t.split('\n').slice(0, 5).join('\n')}\n---\n${t}`)), { numRuns: 200 });
  });

  it('mutated real notes: deleted lines, swapped sections, truncated tables, huge numbers, 99:99 ranges, unicode, NUL bytes, 100-level nesting', () => {
    fc.assert(fc.property(mutated, (t) => check(t)), { numRuns: 500 });
  });

  it('the block parser makes exactly the tokens markdown-it itself makes, less table cells (markdown.ts builds them faster)', () => {
    const library = new MarkdownIt('commonmark', { html: true }).enable('table');
    library.core.ruler.disable(['inline', 'text_join']);
    // A table cell is th/td open, inline, th/td close: markdown.ts keeps none of them.
    const withoutCells = (tokens: { type: string }[]) =>
      tokens.filter((k, i) => !/^t[hd]_(open|close)$/.test(k.type) && !(k.type === 'inline' && /^t[hd]_open$/.test(tokens[i - 1]?.type ?? '')));
    let cells = 0;
    const same = (t: string) => {
      const ours = blockParser.parse(t, {});
      const theirs = library.parse(t, {});
      cells += theirs.length - withoutCells(theirs).length;
      assert.deepEqual(JSON.parse(JSON.stringify(ours)), JSON.parse(JSON.stringify(withoutCells(theirs))));
      assert.ok(ours.every((k: { attrGet?: unknown }) => typeof k.attrGet === 'function'), 'the tokens keep the library’s methods');
      return true;
    };
    for (const t of REAL) same(t);
    fc.assert(fc.property(markdown, same), { numRuns: 200 });
    assert.ok(cells > 1000, `the notes had table cells to drop (${cells} tokens)`);
  });

  it('a memoised lint (the language server, one memo per document) equals a fresh one over a sequence of edits, episode facts included', () => {
    const settings = defaultSettings();
    const edit = fc.tuple(fc.nat(), fc.nat({ max: 12 }), fc.oneof(fc.constantFrom('', 'x', '\n', ' 23 min', '| 97110 | 8 |', '\n- 97530 Ther act 15 min', '(LTG1)', '.', 'tolerated well'), inline));
    const same = (text: string, edits: [number, number, string][]) => {
      const memo = new Memo();
      let t = text;
      for (const [at, del, ins] of [[0, 0, ''] as [number, number, string], ...edits]) {
        const i = at % (t.length + 1);
        t = t.slice(0, i) + ins + t.slice(i + del);
        const fresh = lint(t, { filePath: '/notes/visit.note.md', settings });
        const kept = lint(t, { filePath: '/notes/visit.note.md', settings, memo });
        assert.deepEqual(JSON.stringify([kept.isNote, kept.findings, kept.billing]), JSON.stringify([fresh.isNote, fresh.findings, fresh.billing]));
        const facts = (r: typeof fresh, m?: Memo) => JSON.stringify(withMemo(m, () => episodeNote(r, 'id', 'label', settings)), (_k, v: unknown) => (v instanceof Map ? [...v] : v));
        assert.equal(facts(kept, memo), facts(fresh));
      }
      return true;
    };
    fc.assert(fc.property(fc.oneof(mutated, markdown), fc.array(edit, { minLength: 1, maxLength: 8 }), same), { numRuns: 150 });
    for (const t of REAL.slice(0, 20)) same(t, [[t.length >> 1, 1, 'x'], [t.length >> 2, 0, '\n'], [0, 0, '---\npatient: A\n---\n']]);
  });

  it('copied-forward reads a line in one pass exactly as splitting, collapsing, counting and fingerprinting each sentence does', () => {
    // The reference: the plain definition (episode.ts, sentenceFingerprints).
    const normalize = (line: string) => {
      let out = '';
      for (const c of line.toLowerCase()) out += '*_`#>|'.includes(c) ? ' ' : c;
      return out.replace(/^\s*(?:[-+]|\d{1,9}[.)])\s+/, ' ');
    };
    const sentences = (line: string) => {
      const out: string[] = [];
      let start = 0;
      for (let i = 0; i < line.length; i++) {
        if ('.!?;'.includes(line[i]) && (i + 1 === line.length || line[i + 1] === ' ' || line[i + 1] === '\t')) {
          out.push(line.slice(start, i));
          start = i + 1;
        }
      }
      out.push(line.slice(start));
      return out.map((x) => x.replace(/\s+/g, ' ').trim()).filter((x) => x.length > 0);
    };
    const words = (x: string) => {
      let n = 0;
      let inWord = false;
      for (const c of x) {
        const w = /[\p{L}\p{N}]/u.test(c);
        if (w && !inWord) n++;
        inWord = w;
      }
      return n;
    };
    const reference = (line: string) => sentences(normalize(line)).map((x) => [fingerprint(x), words(x)]).filter(([, w]) => w >= 3);
    const unit = fc.constantFrom('a', 'B', 'z', '9', ' ', '  ', '\t', '.', '. ', '!', '?', ';', ',', '*', '_', '`', '#', '>', '|', '-', '+', '1.', '2)', 'é', 'İ', 'ß', '\u00a0', '\u2003', '\u3000', '\ufeff', '\u200b', '😀', '\ud83d', '\ude00', '²', '½', 'Ⅻ', '中', '٣', 'word', 'Pt ', 'tolerated ');
    fc.assert(fc.property(fc.array(unit, { maxLength: 40 }).map((u) => u.join('')), (line) => {
      assert.deepEqual(sentenceFingerprints(line), reference(line));
      return true;
    }), { numRuns: 5000 });
    for (const t of REAL) for (const line of t.split('\n')) assert.deepEqual(sentenceFingerprints(line), reference(line));
  });

  it('an entry’s own words taken from its whole words (tokensOutside) equal the words of its blanked text', () => {
    const unit = fc.constantFrom('a', 'Bc', '97110', ' ', '  ', '\t', '\n', '.', '-', '|', 'é', 'İ', 'ß', '😀', '\ud83d', '中', '٣', 'min', 'Ther ex', '15');
    const input = fc.array(unit, { maxLength: 30 }).map((u) => u.join('')).chain((text) => fc.tuple(
      fc.constant(text),
      fc.array(fc.tuple(fc.nat(text.length), fc.nat(text.length)).map(([x, y]) => [Math.min(x, y), Math.max(x, y)] as [number, number]), { maxLength: 4 })
        .map((spans) => spans.sort((x, y) => x[0] - y[0])),
    ));
    let reused = 0;
    fc.assert(fc.property(input, ([text, spans]) => {
      let blanked = text;
      for (const [a, b] of spans) blanked = blanked.slice(0, a) + ' '.repeat(b - a) + blanked.slice(b);
      const kept = tokensOutside(tokenize(text), spans);
      if (kept) {
        reused++;
        assert.deepEqual(kept, tokenize(blanked));
      }
      return true;
    }), { numRuns: 5000 });
    assert.ok(reused > 2500, `${reused} of 5000 reused`);
  });

  it('normalizeName (with its fast path for text already normal) equals the character-by-character normalisation', () => {
    const reference = (s: string) => {
      let out = '';
      let space = false;
      for (const ch of s.toLowerCase()) {
        const c = isDash(ch) ? '-' : ch;
        if (c === ' ' || c === '\t') {
          space = true;
          continue;
        }
        if (space && out.length > 0 && c !== '/' && c !== '-' && !out.endsWith('/') && !out.endsWith('-')) out += ' ';
        space = false;
        out += c;
      }
      return out;
    };
    const text = fc.string({ unit: fc.constantFrom('a', 'B', ' ', '\t', '/', '-', '–', '—', '\u2212', 'é', 'İ', '\u212a', '\u00a0', '😀'), maxLength: 12 });
    fc.assert(fc.property(text, (s) => normalizeName(s) === reference(s)), { numRuns: 2000 });
  });

  it('front matter read without the YAML parser (plain key: value lines) equals what the YAML parser gives', () => {
    const key = fc.constantFrom('patient', 'date', 'Date', 'discipline', 'payer', 'provider', 'supervisor', 'note_type', 'visit', 'poc_start', 'x-y', '_k', 'true', 'null', 'k1', ' date', 'date ');
    const value = fc.oneof(
      fc.constantFrom('', 'P-0042', '2026-04-07', '2026-13-45', '7', '007', '0', '99999999999999999999', '-3', '+7', '.5', '1e3', '0x1F', '0o17', 'True', 'false', 'NULL', '~', 'PT', 'OT', 'slp', 'daily', 'Re-Evaluation',
        'medicare', 'bcbs', 'Sam Lee, PTA', 'Ana Ruiz, PT, DPT', 'COTA/L', 'a:b', 'a: b', 'a #c', 'a#c', 'x:', '"quoted"', "'q'", '[1, 2]', '{a: 1}', '- item', '|', '>', '&a', '*a', '!t', '%', '@x', '`x`', 'tab\there', 'é', 'Ünïcode', '5 min', '12:30'),
      fc.string({ maxLength: 12 }),
    );
    const line = fc.oneof(
      fc.tuple(key, fc.constantFrom(': ', ':', ':  ', ' : '), value, fc.constantFrom('', ' ', '  ', '\t')).map(([k, sep, v, tail]) => `${k}${sep}${v}${tail}`),
      fc.constantFrom('', '  ', '# comment', '  indented: 1', '- list'),
    );
    const doc = fc.tuple(fc.array(line, { maxLength: 8 }), fc.constantFrom('\n', '\r\n')).map(([ls, eol]) => ['---', ...ls, '---', '## Subjective', ''].join(eol));
    let fast = 0;
    fc.assert(
      fc.property(doc, (text) => {
        const lines = new LineIndex(text);
        const block = findFrontMatter(lines)!;
        const known = (p: string) => ['medicare', 'medicaid', 'commercial'].includes(p.toLowerCase());
        const viaYaml = parseFrontMatter(lines, block, known, true);
        assert.deepEqual(parseFrontMatter(lines, block, known), viaYaml);
        if (simpleEntries(lines, block)) fast++;
        return true;
      }),
      { numRuns: 3000 },
    );
    assert.ok(fast > 300, `${fast} documents on the simple path`);
  });

  it('generated notes of every form, 1–2 KB', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 1_000_000 }), (seed) => check(generateNote(seed, 1000 + (seed % 1000)).text)), { numRuns: 200 });
  });
});
