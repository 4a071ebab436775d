/** The report modules on their own: redaction, CSV cells, provider names, baseline hashes and files. */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { applyBaseline, buildBaseline, fingerprint, parseBaseline, serializeBaseline, sourceLines, BaselineError } from '../../server/src/cli/baseline';
import { csvText } from '../../server/src/cli/formatters/csv';
import { esc } from '../../server/src/cli/formatters/html';
import { providerName } from '../../server/src/cli/meta';
import { redactMessage, redactReports } from '../../server/src/cli/redact';
import type { FileReport } from '../../server/src/cli/report';
import { quote } from '../../server/src/engine/rule';
import type { Finding } from '../../server/src/engine/types';

const at = (line: number, c0: number, c1: number, ruleId = 'r', message = 'm'): Finding => ({
  ruleId, severity: 'error', message, range: { start: { line, character: c0 }, end: { line, character: c1 } },
});

describe('report modules', () => {
  describe('quote() and redactMessage()', () => {
    it('quote() keeps double quotes out of the quoted text', () => {
      assert.equal(quote('ther ex "as tolerated"'), '"ther ex \'as tolerated\'"');
      assert.equal(redactMessage(`Entry is boilerplate (${quote('a "b" c')}) at line 3.`), 'Entry is boilerplate ("…") at line 3.');
    });

    it('every double-quoted span becomes "…"; an open quote hides the rest', () => {
      assert.equal(redactMessage('no quotes, line 14'), 'no quotes, line 14');
      assert.equal(redactMessage('"lead" and "two" and ""'), '"…" and "…" and "…"');
      assert.equal(redactMessage('found "secret'), 'found "…"');
      assert.equal(redactMessage(''), '');
    });

    it('redactReports drops fixes\' text and the source, keeps fixability', () => {
      const f: Finding = { ...at(0, 0, 1, 'r', 'x "y"'), fix: { title: 'Replace "y"', edits: [{ range: at(0, 0, 1).range, newText: 'y' }] }, suggestions: [{ title: 's', edits: [] }] };
      const [r] = redactReports([{ path: 'a.md', isNote: true, findings: [f], billing: null, meta: null, source: 'y' }]);
      assert.deepEqual(r.findings, [{ ruleId: 'r', severity: 'error', message: 'x "…"', range: f.range, fix: { title: '', edits: [] } }]);
      assert.equal(r.source, null);
    });

    it('rules and the front matter quote note text only through quote()', () => {
      // `"${expr}"` in a rule puts text in quotes by hand, which can leave a quote of the note
      // unbalanced. Allowed only for what is never note text.
      const allowed = new Set(['e.code']);
      const files: string[] = ['server/src/engine/frontmatter.ts'];
      const walk = (d: string) => {
        for (const n of readdirSync(d)) {
          const p = join(d, n);
          if (statSync(p).isDirectory()) walk(p);
          else if (p.endsWith('.ts')) files.push(p);
        }
      };
      walk('server/src/engine/rules');
      const hand = files.flatMap((p) => [...readFileSync(p, 'utf8').matchAll(/"\$\{([^}]*)\}/g)].map((m) => `${p}: ${m[1]}`)).filter((x) => !allowed.has(x.split(': ')[1]));
      assert.deepEqual(hand, []);
    });
  });

  it('csvText: RFC 4180 quoting and formula injection', () => {
    assert.equal(csvText('plain'), 'plain');
    assert.equal(csvText('a, "b"'), '"a, ""b"""');
    assert.equal(csvText('two\r\nlines'), '"two\r\nlines"');
    assert.equal(csvText('=1+1'), "'=1+1");
    assert.equal(csvText('+1'), "'+1");
    assert.equal(csvText('-1'), "'-1");
    assert.equal(csvText('@x'), "'@x");
    assert.equal(csvText('\tx'), "'\tx");
    assert.equal(csvText('=a,b'), '"\'=a,b"');
    assert.equal(csvText(null), '');
  });

  it('esc: every HTML-special character', () => {
    assert.equal(esc(`<a href="x" title='y'>&</a>`), '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
  });

  it('providerName: name and credentials, cut after the last credential', () => {
    assert.equal(providerName('Ana Ruiz, PT, DPT 03/04/2026 10:15'), 'Ana Ruiz, PT, DPT');
    assert.equal(providerName('Sam Lee, PTA (late entry)'), 'Sam Lee, PTA');
    assert.equal(providerName('Ana Ruiz'), 'Ana Ruiz');
    assert.equal(providerName('  '), null);
    // "pt" in lower case is the word patient, not a credential.
    assert.equal(providerName('Ana Ruiz, OTR/L pt seen'), 'Ana Ruiz, OTR/L');
  });

  describe('baseline', () => {
    const text = ['# Note', '', '- 97530 x3 GP', '- 97110 x1 GP', ''].join('\n');
    const report = (source: string, findings: Finding[]): FileReport => ({ path: 'n/a.md', isNote: true, findings, billing: null, source });

    it('a fingerprint is the same after lines are inserted above, a changed indent or CRLF; not after the line changes', () => {
      const h = fingerprint(sourceLines(text), at(2, 9, 10));
      assert.match(h, /^[0-9a-f]{16}$/);
      assert.equal(fingerprint(sourceLines('x\ny\n' + text), at(4, 9, 10)), h);
      assert.equal(fingerprint(sourceLines(text.replace('- 97530', '  - 97530').replace(/\n/g, '\r\n')), at(2, 11, 12)), h);
      assert.notEqual(fingerprint(sourceLines(text.replace('x3 GP', 'x3 GP KX')), at(2, 9, 10)), h);
      // The range's own text counts: another column on the same line is another finding.
      assert.notEqual(fingerprint(sourceLines(text), at(2, 11, 13)), h);
      // The rule id and the message are not part of the hash (the rule is a key of its own).
      assert.equal(fingerprint(sourceLines(text), at(2, 9, 10, 'other', 'at line 99')), h);
    });

    it('build, serialize, parse and apply: counts per hash; other files and rules untouched', () => {
      const twice = [at(2, 9, 10, 'units-mismatch'), at(2, 9, 10, 'units-mismatch'), at(3, 9, 10, 'units-mismatch')];
      const b = buildBaseline('/base/baseline.json', [{ ...report(text, twice), path: '/base/n/a.md' }]);
      const round = parseBaseline('/base/baseline.json', serializeBaseline(b));
      assert.deepEqual(round.entries, b.entries);
      assert.deepEqual([...b.entries.get('n/a.md')!.get('units-mismatch')!.values()].sort(), [1, 2]);
      const now = [...twice, at(2, 9, 10, 'units-mismatch'), at(2, 9, 10, 'vague-entry')];
      const { reports, suppressed } = applyBaseline([{ ...report(text, now), path: '/base/n/a.md' }, { ...report(text, twice), path: '/base/n/b.md' }], round);
      assert.equal(suppressed, 3);
      assert.deepEqual(reports[0].findings, [now[3], now[4]]);
      assert.deepEqual(reports[1].findings, twice);
    });

    it('parse errors name the file and what is wrong', () => {
      const err = (t: string) => {
        try {
          parseBaseline('b.json', t);
        } catch (e) {
          assert.ok(e instanceof BaselineError);
          return e.message;
        }
        return 'no error';
      };
      assert.equal(err('{"version": 1, "files": {"a": {"r": {"0123456789abcdef": 1}}}}'), 'no error');
      assert.equal(err('{\n"version": 1,\n"files": x}'), 'b.json:3:10: the baseline file is not valid JSON.');
      assert.equal(err('{"version": 1}'), 'b.json: "files" must be an object of file paths. Write the file again with --write-baseline.');
      assert.equal(err('{"version": 1, "files": {"a": []}}'), 'b.json: "files.a" must be an object of rule ids. Write the file again with --write-baseline.');
      assert.equal(err('{"version": 1, "files": {"a": {"r": 3}}}'), 'b.json: "files.a.r" must be an object of hashes and counts. Write the file again with --write-baseline.');
      assert.equal(err('{"version": 1, "files": {"a": {"r": {"0123456789abcdef": 1.5}}}}'), 'b.json: "files.a.r.0123456789abcdef" must be a whole number of 1 or more. Write the file again with --write-baseline.');
    });
  });
});
