/**
 * The VS Code settings (`contributes.configuration` in package.json), the configuration
 * file's schema and the README's Configuration section stay in step:
 * - every setting is a row of the README's settings table, in package.json's order, with
 *   its type and default, and every row is a setting;
 * - every key the schema allows (found by walking it, so new keys are caught) is
 *   documented in the README's key table, and every row of that table is a key;
 * - each setting is either editor-only or mirrors a configuration key, and then accepts
 *   the same values.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { ALL_RULES as RULES } from '../../server/src/engine/rules';
import { PHRASE_SETTINGS } from '../../server/src/lsp/settings';

type Schema = Record<string, any>;

const PREFIX = 'therapyNoteLint.';
const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
const SETTINGS: Record<string, Schema> = pkg.contributes.configuration.properties;
const SCHEMA: Schema = JSON.parse(readFileSync('schemas/therapy-note-lint.schema.json', 'utf8'));
const README = readFileSync('README.md', 'utf8');
const RULE_IDS = new Set(RULES.map((r) => r.meta.id));

// How each setting relates to the configuration file. A new setting goes in one of these
// (the phrase-list settings come from the server's PHRASE_SETTINGS).
/** Settings of the editor alone, with no configuration-file key. */
const EDITOR_ONLY = ['enable', 'codeLens.enable', 'trace.server'];
/** Setting → the configuration key whose values it takes (`<name>`: any payer profile). */
const MIRRORS: Record<string, string> = {
  payer: 'defaultPayer',
  method: 'payers.<name>.method',
  rules: 'rules',
  include: 'include',
  exclude: 'exclude',
};
for (const [group, key, ruleId, option] of PHRASE_SETTINGS) MIRRORS[`${group}.${key}`] = `rules.${ruleId}.${option}`;

// --- the README --------------------------------------------------------------------------

/** The text of the README's `## Configuration` section (with its subsections). */
function configurationSection(): string {
  const start = README.indexOf('\n## Configuration\n');
  assert.ok(start >= 0, 'README has a "## Configuration" section');
  const end = README.indexOf('\n## ', start + 1);
  return README.slice(start, end < 0 ? undefined : end);
}

/** The rows of the table whose header row starts with `| first |`: their cells. */
function tableRows(text: string, first: string): string[][] {
  const lines = text.split('\n');
  const at = lines.findIndex((l) => l.startsWith(`| ${first} |`));
  assert.ok(at >= 0, `a table with a "${first}" column in the Configuration section`);
  const rows: string[][] = [];
  for (const line of lines.slice(at + 2)) {
    if (!line.startsWith('|')) break;
    rows.push(line.slice(1, -1).split(' | ').map((c) => c.trim()));
  }
  return rows;
}

/** The contents of the code spans in a piece of Markdown. */
function codeSpans(text: string): string[] {
  return [...text.matchAll(/`([^`]+)`/g)].map((m) => m[1]);
}

// --- the schema --------------------------------------------------------------------------

/** `<…>` placeholders (any name) become `<>`, so that `<id>`, `<name>` and `<code>` compare equal. */
const norm = (path: string): string => path.replace(/<[^>]*>/g, '<>');

function resolve(s: Schema): Schema {
  if (typeof s?.$ref !== 'string') return s;
  const m = /^#\/definitions\/(.+)$/.exec(s.$ref);
  assert.ok(m && SCHEMA.definitions?.[m[1]], `unresolvable $ref ${s.$ref}`);
  return SCHEMA.definitions[m[1]];
}

/**
 * Every key path the schema allows: `a.b`, with `<>` for a name of the user's choosing
 * (a map's key, or a rule id where an object lists one property per rule), and `[]` for
 * an array's items. `keys` gets the paths that end in a literal key; `all` every path.
 */
function walk(s: Schema, path: string, keys: Set<string>, all: Set<string>, seen: Set<Schema> = new Set()): void {
  s = resolve(s);
  if (!s || typeof s !== 'object' || seen.has(s)) return;
  const inner = new Set(seen).add(s);
  for (const k of ['anyOf', 'oneOf', 'allOf'] as const) for (const b of s[k] ?? []) walk(b, path, keys, all, inner);
  const at = (seg: string) => (path ? `${path}.${seg}` : seg);
  const props: Record<string, Schema> = s.properties ?? {};
  const names = Object.keys(props);
  if (names.length > 1 && names.every((n) => RULE_IDS.has(n))) {
    // One property per rule id: a map from rule id to the same kind of value.
    all.add(at('<>'));
    for (const v of Object.values(props)) walk(v, at('<>'), keys, all, inner);
  } else {
    for (const [name, v] of Object.entries(props)) {
      keys.add(at(name));
      all.add(at(name));
      walk(v, at(name), keys, all, inner);
    }
  }
  const maps = [s.additionalProperties, ...Object.values(s.patternProperties ?? {})].filter((v) => v && typeof v === 'object');
  for (const v of maps) {
    all.add(at('<>'));
    walk(v, at('<>'), keys, all, inner);
  }
  if (s.items && typeof s.items === 'object') walk(s.items, `${path}[]`, keys, all, inner);
}

/** The sub-schemas a key path leads to (`<name>` or a rule id through maps). */
function schemaAt(path: string): Schema[] {
  let current: Schema[] = [SCHEMA];
  for (const seg of path.split('.')) {
    const next: Schema[] = [];
    const visit = (s: Schema) => {
      s = resolve(s);
      if (!s || typeof s !== 'object') return;
      for (const k of ['anyOf', 'oneOf', 'allOf'] as const) for (const b of s[k] ?? []) visit(b);
      if (s.properties?.[seg]) next.push(s.properties[seg]);
      if (seg.startsWith('<') && s.additionalProperties && typeof s.additionalProperties === 'object') next.push(s.additionalProperties);
    };
    current.forEach(visit);
    current = next;
  }
  return current.map(resolve);
}

/** The distinct value lists (`enum`) anywhere in a schema, without `null`. */
function enums(s: Schema, out: Set<string> = new Set()): Set<string> {
  s = resolve(s);
  if (!s || typeof s !== 'object') return out;
  if (Array.isArray(s.enum)) out.add(JSON.stringify(s.enum.filter((v: unknown) => v !== null)));
  for (const v of Object.values(s)) {
    if (v && typeof v === 'object') for (const x of Array.isArray(v) ? v : [v]) if (x && typeof x === 'object') enums(x, out);
  }
  return out;
}

function types(s: Schema): string[] {
  return s.type === undefined ? [] : Array.isArray(s.type) ? s.type : [s.type];
}

/** The README's type column for a setting. */
function typeColumn(s: Schema): string {
  if (Array.isArray(s.enum)) return s.enum.map((v: unknown) => `\`${JSON.stringify(v)}\``).join(', ');
  if (s.type === 'array' && s.items?.type === 'string') return 'string array';
  return types(s).map((t) => (t === 'null' ? '`null`' : t)).join(' or ');
}

// --- the tests ---------------------------------------------------------------------------

describe('configuration docs: VS Code settings, the schema and the README', () => {
  const section = configurationSection();

  describe('the README\'s settings table', () => {
    const rows = tableRows(section, 'setting');
    const names = rows.map((r) => r[0]);

    it('lists every setting, in package.json\'s order, and nothing else', () => {
      assert.deepEqual(names, Object.keys(SETTINGS).map((k) => `\`${k}\``));
    });
    for (const [name, s] of Object.entries(SETTINGS)) {
      it(`${name}: its type, default and meaning`, () => {
        const row = rows.find((r) => r[0] === `\`${name}\``);
        assert.ok(row, `no row for ${name}`);
        assert.equal(row.length, 4, row.join(' | '));
        assert.equal(row[1], typeColumn(s));
        assert.equal(row[2], `\`${JSON.stringify(s.default)}\``);
        assert.ok(row[3].length > 10, 'a meaning');
      });
    }
  });

  describe('the README\'s configuration key table', () => {
    const keys = new Set<string>();
    const all = new Set<string>();
    walk(SCHEMA, '', keys, all);
    const rows = tableRows(section, 'key').map((cells) => ({
      paths: codeSpans(cells[0]).map(norm),
      spans: codeSpans(cells.join(' | ')),
    }));

    it('the schema walk finds the keys (a sanity check of the extraction)', () => {
      for (const k of ['rules', 'rules.<>.severity', 'rules.<>.addPhrases', 'payers.<>.method', 'payers.<>.rules', 'codes.<>.timed', 'ncciPtpFiles']) {
        assert.ok(keys.has(k), k);
      }
      assert.ok(all.has('payers.<>.rules.<>') && all.has('codes.<>'));
    });

    for (const key of [...keys].sort()) {
      it(`documents ${key}`, () => {
        const parts = key.split('.');
        const leaf = parts.pop()!;
        const parent = parts.join('.');
        // Its own row, or a row for something inside it (`payers.<name>.method` covers
        // `payers`), or its name in a code span of its parent's row
        // (`codes.<code>` … `{ "timed": …, "label": … }`, `rules.<id>.<option>` … `addPhrases`).
        const own = rows.some((r) => r.paths.some((p) => p === key || p.startsWith(`${key}.`)));
        const word = new RegExp(`(^|[^A-Za-z0-9$])${leaf.replace(/\$/g, '\\$')}([^A-Za-z0-9]|$)`);
        const inParent = parent !== '' && rows.some((r) =>
          r.paths.some((p) => p === parent || p === `${parent}.<>`) && r.spans.some((c) => word.test(c)));
        assert.ok(own || inParent, `"${key}" is in the schema but not in the README's configuration key table`);
      });
    }

    it('every row names keys the schema has', () => {
      const matches = (row: string, path: string) => {
        const a = row.split('.');
        const b = path.split('.');
        return a.length === b.length && a.every((seg, i) => seg === b[i] || seg === '<>');
      };
      for (const r of rows) {
        assert.ok(r.paths.length > 0, 'a row without a key');
        for (const p of r.paths) assert.ok([...all].some((a) => matches(p, a)), `the README documents "${p}", which the schema does not have`);
      }
    });
  });

  describe('settings and configuration keys', () => {
    it('every setting is editor-only or mirrors a configuration key, and the phrase settings are the server\'s', () => {
      const names = Object.keys(SETTINGS).map((k) => {
        assert.ok(k.startsWith(PREFIX), k);
        return k.slice(PREFIX.length);
      });
      for (const n of names) {
        assert.ok(EDITOR_ONLY.includes(n) !== (n in MIRRORS), `${n}: add it to EDITOR_ONLY or MIRRORS in this test`);
      }
      for (const n of [...EDITOR_ONLY, ...Object.keys(MIRRORS)]) assert.ok(names.includes(n), `${n} is not a setting`);
    });

    for (const [setting, key] of Object.entries(MIRRORS)) {
      it(`${PREFIX}${setting} takes the values of ${key}`, () => {
        const s = SETTINGS[PREFIX + setting];
        const targets = schemaAt(key);
        assert.ok(targets.length > 0, `the schema has no ${key}`);
        for (const c of targets) {
          // The configuration key's types are the setting's (the setting may also be null).
          for (const t of types(c)) assert.ok(types(s).includes(t), `type ${t}`);
          if (c.items) assert.deepEqual(s.items, resolve(c.items));
          assert.deepEqual([...enums(s)].sort(), [...enums(c)].sort(), 'the same value lists');
        }
      });
    }
  });
});
