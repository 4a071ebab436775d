/**
 * Rules, their pages, the registry and the README stay in step; every page's bad example
 * fires exactly its rule and its good example fires no error or warning.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { episodeNote, lintEpisodes } from '../../server/src/engine/episode';
import { parseFeeSchedule } from '../../server/src/engine/fees';
import { lint } from '../../server/src/engine/lint';
import { ALL_RULES as RULES, EPISODE_RULES } from '../../server/src/engine/rules';
import { defaultSettings } from '../../server/src/engine/settings';
import { docsUrl } from '../../server/src/engine/rule';

const ids = RULES.map((r) => r.meta.id);

function example(page: string, heading: string): string {
  const at = page.indexOf(`\n## ${heading}\n`);
  assert.ok(at >= 0, `no "## ${heading}" section`);
  const m = /````markdown\n([\s\S]*?)\n````/.exec(page.slice(at));
  assert.ok(m, `no \`\`\`\`markdown block under "## ${heading}"`);
  return m[1] + '\n';
}

const episodeIds = new Set(EPISODE_RULES.map((r) => r.meta.id));

/**
 * An episode rule's example: several notes, each a ````markdown block preceded by a line
 * naming its file (`**visit-01.md**`), and optionally a ```csv fee schedule.
 * Returns the episode findings as [file, rule id] pairs.
 */
function episodeExample(page: string, heading: string): [string, string][] {
  const at = page.indexOf(`\n## ${heading}\n`);
  assert.ok(at >= 0, `no "## ${heading}" section`);
  // The notes have headings of their own: the section ends at the page's next section.
  const next = page.indexOf(heading === 'Bad example' ? '\n## Good example\n' : '\n## How to fix\n', at);
  const section = page.slice(at, next < 0 ? undefined : next);
  const settings = defaultSettings();
  const csv = /```csv\n([\s\S]*?)\n```/.exec(section);
  if (csv) settings.fees = parseFeeSchedule(csv[1], 'fees.csv');
  const notes = [...section.matchAll(/\*\*([\w.-]+\.md)\*\*\n+````markdown\n([\s\S]*?)\n````/g)].map(([, file, text]) => {
    const r = lint(text + '\n', { filePath: file, settings });
    assert.equal(r.isNote, true, file);
    const n = episodeNote(r, file, file, settings);
    assert.ok(n, `${file} is in no episode (no patient?)`);
    return n;
  });
  assert.ok(notes.length >= 2, `${heading}: an episode example needs two or more notes`);
  const found: [string, string][] = [];
  for (const [file, fs] of lintEpisodes(notes)) for (const f of fs) found.push([file, f.ruleId]);
  return found.sort();
}

describe('rule registry, pages and README', () => {
  it('the registry is sorted by id, ids are unique and kebab-case', () => {
    assert.deepEqual(ids, [...ids].sort());
    assert.equal(new Set(ids).size, ids.length);
    for (const id of ids) assert.match(id, /^[a-z]+(-[a-z0-9]+)*$/);
  });
  it('each rule file is named by its id', () => {
    const files = readdirSync('server/src/engine/rules').filter((f) => f !== 'index.ts').map((f) => f.replace(/\.ts$/, ''));
    assert.deepEqual(files.sort(), [...ids].sort());
  });
  it('each rule has a page and each rule page has a rule', () => {
    const pages = readdirSync('docs/rules').map((f) => f.replace(/\.md$/, '')).filter((p) => p !== 'internal-error' && p !== 'document-too-large'); // not rules: the ids of findings the engine or the server makes
    assert.deepEqual(pages.sort(), [...ids].sort());
    assert.ok(existsSync('docs/rules/internal-error.md'), 'the page SARIF links internal-error to');
    for (const id of ids) assert.equal(docsUrl(id), `https://github.com/therapy-note-lint/therapy-note-lint/blob/main/docs/rules/${id}.md`);
  });
  it('the README rule table lists every rule, in order, with its default severity', () => {
    const readme = readFileSync('README.md', 'utf8');
    const rows = [...readme.matchAll(/^\| \[`([a-z0-9-]+)`\]\(docs\/rules\/\1\.md\) \| ([a-z]+)/gm)].map((m) => [m[1], m[2]]);
    assert.deepEqual(rows, RULES.map((r) => [r.meta.id, r.meta.severity]));
  });
});

describe('rule pages', () => {
  for (const rule of RULES) {
    const id = rule.meta.id;
    describe(id, () => {
      const page = existsSync(`docs/rules/${id}.md`) ? readFileSync(`docs/rules/${id}.md`, 'utf8') : '';
      it('has the title, the metadata table and every section', () => {
        assert.ok(page.startsWith(`# ${id}\n`), 'title');
        const meta = /\| Default severity \| Fixable \| Applies to \|\n\|---\|---\|---\|\n\| ([^|]+) \| ([^|]+) \|/.exec(page);
        assert.ok(meta, 'metadata table');
        assert.ok(meta[1].trim().startsWith(rule.meta.severity), `severity "${meta[1].trim()}" should start with ${rule.meta.severity}`);
        assert.equal(meta[2].trim().startsWith('yes'), rule.meta.fixable, `fixable column "${meta[2].trim()}"`);
        for (const h of ['What it checks', 'Why', 'Bad example', 'Good example', 'How to fix', 'Configuration']) assert.ok(page.includes(`\n## ${h}\n`), h);
      });
      it('cites its sources', () => {
        const why = page.slice(page.indexOf('\n## Why\n'), page.indexOf('\n## Bad example\n'));
        assert.match(why, /(MCPM|MBPM|NCCI|CMS|\[secondary\]|YAML|note-format)/);
      });
      if (episodeIds.has(id)) {
        it('its bad example (an episode) fires exactly this rule among the episode rules', () => {
          const found = episodeExample(page, 'Bad example');
          assert.ok(found.length > 0, 'nothing fired');
          assert.deepEqual([...new Set(found.map((f) => f[1]))], [id], JSON.stringify(found));
        });
        it('its good example (an episode) fires no episode rule', () => {
          assert.deepEqual(episodeExample(page, 'Good example'), []);
        });
        return;
      }
      it('its bad example fires exactly this rule', () => {
        const r = lint(example(page, 'Bad example'), { filePath: `${id}-bad.note.md` });
        assert.equal(r.isNote, true);
        assert.deepEqual([...new Set(r.findings.map((f) => f.ruleId))], [id], JSON.stringify(r.findings.map((f) => [f.ruleId, f.message])));
      });
      it('its good example fires no error or warning', () => {
        const r = lint(example(page, 'Good example'), { filePath: `${id}-good.note.md` });
        assert.equal(r.isNote, true);
        assert.deepEqual(r.findings.filter((f) => f.severity !== 'info').map((f) => [f.ruleId, f.message]), []);
      });
    });
  }
});
