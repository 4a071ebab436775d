/** Episode rules: exact findings over small episodes (front matter and the sections a rule reads). */
import assert from 'node:assert/strict';
import { applyEdits } from '../../server/src/engine/fix';
import { episodeNote, episodeSummary, lintEpisodes, type EpisodeNote } from '../../server/src/engine/episode';
import { EpisodeIndex } from '../../server/src/engine/episode-index';
import { parseFeeSchedule, FeeFileError } from '../../server/src/engine/fees';
import { lint } from '../../server/src/engine/lint';
import { defaultSettings, type Settings } from '../../server/src/engine/settings';
import type { Finding } from '../../server/src/engine/types';
import { md, span } from '../helpers';

type Fm = Record<string, string | number>;

function noteText(fm: Fm, body: string[] = []): string {
  return md('---', ...Object.entries(fm).map(([k, v]) => `${k}: ${v}`), '---', ...body);
}

/** Lints the notes (file → text) together; returns [file, rule, line:col, message] for the episode findings. */
function episode(files: Record<string, string>, settings: Settings = defaultSettings()): { found: [string, string, string][]; findings: Map<string, Finding[]>; notes: EpisodeNote[]; texts: Record<string, string> } {
  const notes: EpisodeNote[] = [];
  for (const [file, text] of Object.entries(files)) {
    const n = episodeNote(lint(text, { filePath: file, settings }), file, file, settings);
    if (n) notes.push(n);
  }
  const findings = lintEpisodes(notes);
  const found: [string, string, string][] = [];
  for (const [file, fs] of findings) for (const f of fs) found.push([file, f.ruleId, span(f.range)]);
  found.sort((a, b) => a[0].localeCompare(b[0]) || a[1].localeCompare(b[1]));
  return { found, findings, notes, texts: files };
}

const DAY = 86_400_000;
function dateAfter(start: string, days: number): string {
  return new Date(Date.parse(start) + days * DAY).toISOString().slice(0, 10);
}

/** `n` visits of P-1 from 2026-03-02, one every day; `types` overrides note types and providers by visit. */
function visits(n: number, over: Record<number, Fm> = {}, base: Fm = {}): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 1; i <= n; i++) {
    const fm: Fm = { patient: 'P-1', date: dateAfter('2026-03-02', i - 1), visit: i, note_type: i === 1 ? 'evaluation' : 'daily', provider: 'Ana Ruiz, DPT', ...base, ...(over[i] ?? {}) };
    out[`v${String(i).padStart(2, '0')}.md`] = noteText(fm);
  }
  return out;
}

const ids = (r: ReturnType<typeof episode>, rule: string) => r.found.filter((f) => f[1] === rule).map((f) => f[0]);

describe('episode rules', () => {
  describe('progress-note-due', () => {
    it('fires on the 11th and later treatment days after the evaluation, on the date', () => {
      const r = episode(visits(12));
      assert.deepEqual(ids(r, 'progress-note-due'), ['v11.md', 'v12.md']);
      const f = r.findings.get('v11.md')!.find((x) => x.ruleId === 'progress-note-due')!;
      assert.equal(span(f.range), '3:7-3:17');
      assert.equal(f.severity, 'warning');
      assert.equal(
        f.message,
        'Treatment day 11 since the evaluation on 2026-03-02 (v01.md) with no progress report. Medicare requires a progress report by the therapist at least once every 10 treatment days (MBPM Ch. 15 §220.3 D); a progress, re-evaluation or discharge note written by the therapist starts a new period.',
      );
    });
    it('a progress, re-evaluation or discharge note by the therapist starts a new period (day 1)', () => {
      assert.deepEqual(ids(episode(visits(12, { 10: { note_type: 'progress' } })), 'progress-note-due'), []);
      assert.deepEqual(ids(episode(visits(20, { 10: { note_type: 'progress' } })), 'progress-note-due'), ['v20.md']);
      assert.deepEqual(ids(episode(visits(12, { 11: { note_type: 're-evaluation' } })), 'progress-note-due'), []);
      assert.deepEqual(ids(episode(visits(12, { 11: { note_type: 'discharge' } })), 'progress-note-due'), []);
    });
    it("an assistant's report does not start a period", () => {
      const r = episode(visits(12, { 10: { note_type: 'progress', provider: 'Sam Lee, PTA' } }));
      assert.deepEqual(ids(r, 'progress-note-due'), ['v11.md', 'v12.md']);
    });
    it("a report the therapist co-signs does", () => {
      const files = visits(12);
      files['v10.md'] = noteText({ patient: 'P-1', date: '2026-03-11', visit: 10, note_type: 'progress', provider: 'Sam Lee, PTA' }, ['', 'Signed: Sam Lee, PTA', 'Co-signed: Ana Ruiz, DPT']);
      assert.deepEqual(ids(episode(files), 'progress-note-due'), []);
    });
    it('counts treatment days, not notes: two notes on one date are one day', () => {
      const files = visits(11);
      files['v05b.md'] = noteText({ patient: 'P-1', date: '2026-03-06', note_type: 'daily', provider: 'Ana Ruiz, DPT' });
      const r = episode(files);
      assert.deepEqual(ids(r, 'progress-note-due'), ['v11.md']);
    });
    it('without an evaluation the first note starts the first period; message says so', () => {
      const r = episode(visits(11, { 1: { note_type: 'daily' } }));
      assert.deepEqual(ids(r, 'progress-note-due'), ['v11.md']);
      assert.match(r.findings.get('v11.md')![0].message, /^Treatment day 11 since the first note of the episode on 2026-03-02 \(v01\.md\)/);
    });
    it('orders by date, not by file or input order; undated notes are left out', () => {
      const files = visits(11);
      const shuffled = Object.fromEntries(Object.entries(files).reverse());
      shuffled['undated.md'] = noteText({ patient: 'P-1', note_type: 'daily', provider: 'Ana Ruiz, DPT' });
      assert.deepEqual(ids(episode(shuffled), 'progress-note-due'), ['v11.md']);
    });
    it('each discipline is its own episode; patient ids ignore case and spaces', () => {
      const files = visits(6, {}, { discipline: 'PT' });
      for (let i = 1; i <= 6; i++) files[`ot${i}.md`] = noteText({ patient: i % 2 ? 'p-1' : 'P- 1', date: dateAfter('2026-03-08', i - 1), note_type: i === 1 ? 'evaluation' : 'daily', discipline: 'OT', provider: 'Kim Cho, OTR/L' });
      assert.deepEqual(ids(episode(files), 'progress-note-due'), []);
      const same = visits(6, {}, { discipline: 'PT' });
      for (let i = 1; i <= 6; i++) same[`pt${i}.md`] = noteText({ patient: 'p-1', date: dateAfter('2026-03-08', i - 1), note_type: 'daily', discipline: 'PT', provider: 'Ana Ruiz, DPT' });
      assert.deepEqual(ids(episode(same), 'progress-note-due'), ['pt5.md', 'pt6.md']);
    });
    it('is off for commercial notes (a Medicare rule) and follows treatmentDays', () => {
      assert.deepEqual(episode(visits(12, {}, { payer: 'commercial' })).found, []);
      const s = defaultSettings();
      s.rules['progress-note-due'] = { options: { treatmentDays: 5 } };
      assert.deepEqual(ids(episode(visits(7), s), 'progress-note-due'), ['v06.md', 'v07.md']);
    });
    it('respects a disable comment in the note it would fire on', () => {
      const files = visits(11);
      files['v11.md'] += md('', '<!-- therapy-note-lint-disable-file progress-note-due -->');
      assert.deepEqual(episode(files).found, []);
    });
  });

  describe('poc-not-certified and poc-expired', () => {
    const start = { poc_start: '2026-02-02' };
    it('fires more than 30 days after poc_start (carried from an earlier note) without a certification', () => {
      const files = {
        'a.md': noteText({ patient: 'P-1', date: '2026-02-02', note_type: 'evaluation', provider: 'Ana Ruiz, DPT', ...start }),
        'b.md': noteText({ patient: 'P-1', date: '2026-03-04', note_type: 'daily', provider: 'Ana Ruiz, DPT' }),
        'c.md': noteText({ patient: 'P-1', date: '2026-03-05', note_type: 'daily', provider: 'Ana Ruiz, DPT' }),
      };
      const r = episode(files);
      assert.deepEqual(r.found, [['c.md', 'poc-not-certified', '3:7-3:17']]);
      const f = r.findings.get('c.md')![0];
      assert.equal(f.message, "This note is 31 days after the plan of care started (poc_start 2026-02-02, in a.md) and no note of this plan gives a certification date (poc_certified). Medicare requires the physician's or NPP's certification within 30 days of the first treatment (MBPM Ch. 15 §220.1.3); record the date it was signed.");
      // The suggestion adds the key before the closing fence.
      const out = applyEdits(files['c.md'], f.suggestions![0].edits);
      assert.equal(out, noteText({ patient: 'P-1', date: '2026-03-05', note_type: 'daily', provider: 'Ana Ruiz, DPT', poc_certified: '{{YYYY-MM-DD}}' }));
    });
    it('a certification recorded on any note of the plan, even later, certifies it', () => {
      const r = episode({
        'a.md': noteText({ patient: 'P-1', date: '2026-02-02', note_type: 'evaluation', provider: 'Ana Ruiz, DPT', ...start }),
        'b.md': noteText({ patient: 'P-1', date: '2026-03-10', note_type: 'daily', provider: 'Ana Ruiz, DPT' }),
        'c.md': noteText({ patient: 'P-1', date: '2026-03-12', note_type: 'daily', provider: 'Ana Ruiz, DPT', poc_certified: '2026-03-11' }),
      });
      assert.deepEqual(r.found, []);
    });
    it('poc-expired: after poc_end (error), and more than 90 days after the last certification', () => {
      const r = episode({
        'a.md': noteText({ patient: 'P-1', date: '2026-02-02', note_type: 'evaluation', provider: 'Ana Ruiz, DPT', ...start, poc_certified: '2026-02-05', poc_end: '2026-06-30' }),
        'b.md': noteText({ patient: 'P-1', date: '2026-05-06', note_type: 'daily', provider: 'Ana Ruiz, DPT' }),
        'c.md': noteText({ patient: 'P-1', date: '2026-05-07', note_type: 'daily', provider: 'Ana Ruiz, DPT' }),
        'd.md': noteText({ patient: 'P-1', date: '2026-07-01', note_type: 'daily', provider: 'Ana Ruiz, DPT', poc_certified: '2026-05-20' }),
      });
      assert.deepEqual(r.found, [['c.md', 'poc-expired', '3:7-3:17'], ['d.md', 'poc-expired', '3:7-3:17']]);
      const [c] = r.findings.get('c.md')!;
      assert.equal(c.severity, 'error');
      assert.equal(c.message, 'This note is 91 days after the plan of care was certified (poc_certified 2026-02-05, in a.md) and no recertification is recorded. A certification covers at most 90 days (MBPM Ch. 15 §220.1.3: recertify at least every 90 days); it lapsed after 2026-05-06. Record the recertification date.');
      assert.equal(r.findings.get('d.md')![0].message, 'This note is dated 2026-07-01, after the plan of care ended (poc_end 2026-06-30, in a.md). Services after the plan\'s end need a new or recertified plan (MBPM Ch. 15 §220.1.3); record the new plan\'s dates.');
    });
    it('a new plan (a new poc_start) has its own dates', () => {
      const r = episode({
        'a.md': noteText({ patient: 'P-1', date: '2026-02-02', note_type: 'evaluation', provider: 'Ana Ruiz, DPT', ...start, poc_certified: '2026-02-05', poc_end: '2026-04-30' }),
        'b.md': noteText({ patient: 'P-1', date: '2026-05-04', note_type: 're-evaluation', provider: 'Ana Ruiz, DPT', poc_start: '2026-05-04', poc_certified: '2026-05-06', poc_end: '2026-07-31' }),
        'c.md': noteText({ patient: 'P-1', date: '2026-05-08', note_type: 'daily', provider: 'Ana Ruiz, DPT' }),
      });
      assert.deepEqual(r.found, []);
    });
  });

  describe('kx-threshold', () => {
    const fees = () => {
      const s = defaultSettings();
      s.fees = parseFeeSchedule(md('code,allowed', '97110,400.00', '97530,"1,000.00"', '97535,$500', '# a comment'), 'fees.csv');
      return s;
    };
    const billed = (date: string, lines: string[], fm: Fm = {}) => noteText({ patient: 'P-1', date, note_type: 'daily', provider: 'Ana Ruiz, DPT', ...fm }, ['', '## Billing', '', ...lines]);
    it('reports each line without KX from the note that passes the year\'s threshold', () => {
      const files = {
        'a.md': billed('2026-03-02', ['- 97530 x2 GP']),
        'b.md': billed('2026-03-04', ['- 97110 x1 GP', '- 97535 x1 GP KX']),
        'c.md': billed('2026-03-06', ['- 97110 x1 GP']),
      };
      const r = episode(files, fees());
      assert.deepEqual(r.found, [['b.md', 'kx-threshold', '10:3-10:14'], ['c.md', 'kx-threshold', '10:3-10:14']]);
      const f = r.findings.get('b.md')![0];
      assert.equal(f.message, "97110 needs KX: with this note the patient's estimated allowed amount for physical therapy and speech-language pathology (combined) in 2026 reaches $2,900.00, over the 2026 KX threshold of $2,480.00 in the `medicare` profile. Above the threshold each claim line needs KX, which confirms the services are medically necessary and documented as such (MCPM Ch. 5 §10.3). The estimate counts only the notes linted together.");
      assert.equal(applyEdits(files['b.md'], f.suggestions![0].edits).split('\n')[9], '- 97110 x1 GP KX');
    });
    it('is silent without a fee schedule, and the summary says so', () => {
      const r = episode({ 'a.md': billed('2026-03-02', ['- 97530 x3 GP']), 'b.md': billed('2026-03-03', ['- 97530 x3 GP']) });
      assert.deepEqual(r.found, []);
      assert.deepEqual(episodeSummary(r.notes).kxThreshold, { checked: false, reason: 'no fee schedule configured (feeSchedule); kx-threshold is silent', codesWithoutFee: [] });
    });
    it('counts OT apart from PT and SLP, and each calendar year apart', () => {
      const r = episode(
        {
          'a.md': billed('2025-12-30', ['- 97530 x2 GP']),
          'b.md': billed('2026-01-02', ['- 97530 x2 GP']),
          'c.md': billed('2026-01-03', ['- 97530 x2 GO'], { discipline: 'OT', provider: 'Kim Cho, OTR/L' }),
        },
        fees(),
      );
      assert.deepEqual(r.found, []);
      const over = episode({ 'a.md': billed('2026-01-02', ['- 97530 x2 GP']), 'b.md': billed('2026-01-03', ['- 97530 x1 GN', '- 97999 x1 GN']) }, fees());
      assert.deepEqual(over.found, [['b.md', 'kx-threshold', '10:3-10:14']]);
    });
    it('names codes without a fee in the summary', () => {
      const r = episode({ 'a.md': billed('2026-03-02', ['- 97112 x1 GP']), 'b.md': billed('2026-03-03', ['- 97530 x1 GP']) }, fees());
      assert.deepEqual(episodeSummary(r.notes).kxThreshold, { checked: true, codesWithoutFee: ['97112'] });
    });
    it('parses fee schedules and says what and where for a bad row', () => {
      assert.deepEqual([...parseFeeSchedule('97110;31.42\r\n97530\t40\n', 'f.csv').fees], [['97110', 31.42], ['97530', 40]]);
      assert.throws(() => parseFeeSchedule('code,allowed\n9711,31\n', 'f.csv'), (e: FeeFileError) => e.line === 2 && /"9711" is not a CPT/.test(e.detail));
      assert.throws(() => parseFeeSchedule('97110,31\n97530,forty\n', 'f.csv'), (e: FeeFileError) => e.line === 2 && e.detail === 'the allowed amount for 97530 is not a number of dollars (found "forty"), such as 31.42.');
      assert.throws(() => parseFeeSchedule('97110,31\n97110,32\n', 'f.csv'), (e: FeeFileError) => e.line === 2 && e.detail === '97110 is listed twice.');
    });
  });

  describe('duplicate-visit', () => {
    it('same date: both notes, naming each other; same visit number on another date: on visit', () => {
      const r = episode({
        'a.md': noteText({ patient: 'P-1', date: '2026-03-02', visit: 1, note_type: 'evaluation', provider: 'Ana Ruiz, DPT' }),
        'b.md': noteText({ patient: 'P-1', date: '2026-03-02', visit: 2, note_type: 'daily', provider: 'Ana Ruiz, DPT' }),
        'c.md': noteText({ patient: 'P-1', date: '2026-03-04', visit: 2, note_type: 'daily', provider: 'Ana Ruiz, DPT' }),
      });
      assert.deepEqual(r.found, [['a.md', 'duplicate-visit', '3:7-3:17'], ['b.md', 'duplicate-visit', '3:7-3:17'], ['b.md', 'duplicate-visit', '4:8-4:9'], ['c.md', 'duplicate-visit', '4:8-4:9']]);
      assert.match(r.findings.get('a.md')![0].message, /^Another note of P-1 \(PT\) has the same date, 2026-03-02: b\.md\./);
      assert.match(r.findings.get('c.md')![0].message, /^Another note of P-1 \(PT\) has the same visit number, 2: b\.md\./);
    });
    it('visit numbers start again at a new evaluation', () => {
      const r = episode({
        'a1.md': noteText({ patient: 'P-1', date: '2026-01-05', visit: 1, note_type: 'evaluation', provider: 'Ana Ruiz, DPT' }),
        'a2.md': noteText({ patient: 'P-1', date: '2026-01-07', visit: 2, note_type: 'discharge', provider: 'Ana Ruiz, DPT' }),
        'b1.md': noteText({ patient: 'P-1', date: '2026-04-06', visit: 1, note_type: 'evaluation', provider: 'Ana Ruiz, DPT' }),
        'b2.md': noteText({ patient: 'P-1', date: '2026-04-08', visit: 2, note_type: 'daily', provider: 'Ana Ruiz, DPT' }),
        'b3.md': noteText({ patient: 'P-1', date: '2026-04-10', visit: 2, note_type: 'daily', provider: 'Ana Ruiz, DPT' }),
      });
      assert.deepEqual(r.found, [['b2.md', 'duplicate-visit', '4:8-4:9'], ['b3.md', 'duplicate-visit', '4:8-4:9']]);
    });
    it('a PT and an OT note on the same day are not duplicates', () => {
      const r = episode({
        'pt.md': noteText({ patient: 'P-1', date: '2026-03-02', discipline: 'PT', note_type: 'daily', provider: 'Ana Ruiz, DPT' }),
        'ot.md': noteText({ patient: 'P-1', date: '2026-03-02', discipline: 'OT', note_type: 'daily', provider: 'Kim Cho, OTR/L' }),
      });
      assert.deepEqual(r.found, []);
    });
  });

  describe('copied-forward', () => {
    const O1 = '- 97530 Therapeutic activities 23 min: sit to stand from an 18 in chair x 10 without hands, VC for anterior weight shift; carried a 5 lb basket 40 ft x 3 with SBA.';
    const A1 = 'Pt demonstrated improved sit to stand speed and needed fewer cues. Reported knee pain 3/10 after carrying. Progressing toward LTG1 for independent transfers at home.';
    const note = (date: string, o: string, a: string) => noteText({ patient: 'P-1', date, note_type: 'daily', provider: 'Ana Ruiz, DPT' }, ['', '## Objective', '', o, '', '## Assessment', '', a]);
    it('reports a section whose sentences are the previous note\'s, with the fraction', () => {
      const r = episode({ 'a.md': note('2026-03-02', O1, A1), 'b.md': note('2026-03-04', O1, A1) });
      assert.deepEqual(r.found, [['b.md', 'copied-forward', '8:4-8:13'], ['b.md', 'copied-forward', '12:4-12:14']]);
      assert.equal(r.findings.get('b.md')![0].message, "Objective is 100% identical to the previous note (2026-03-02, a.md): 33 of its 33 words are in sentences copied unchanged. Repetitious notes that show no change are a top payer complaint (APTA) and do not show skilled care (MBPM Ch. 15 §220.3); record today's measures, what changed and the patient's response.");
    });
    it('changed numbers make a sentence different; short sections are not compared', () => {
      const O2 = O1.replace('x 10', 'x 12').replace('40 ft', '60 ft');
      const r = episode({ 'a.md': note('2026-03-02', O1, A1), 'b.md': note('2026-03-04', O2, 'Pt reported knee pain 2/10 after carrying.') });
      assert.deepEqual(r.found, []);
      const part = episode({ 'a.md': note('2026-03-02', O1, A1), 'b.md': note('2026-03-04', O2, A1.replace('3/10', '2/10')) });
      assert.deepEqual(part.found, [], 'two of three Assessment sentences (about 70 %) are under 80 %');
    });
  });

  describe('the workspace index', () => {
    /** 40 patients × 8 visits. */
    function workspace(): Map<string, EpisodeNote> {
      const s = defaultSettings();
      const out = new Map<string, EpisodeNote>();
      for (let p = 1; p <= 40; p++) {
        for (let v = 1; v <= 8; v++) {
          const id = `p${p}/v${v}.md`;
          const text = noteText({ patient: `P-${p}`, date: dateAfter('2026-03-02', v - 1), visit: v, note_type: v === 1 ? 'evaluation' : 'daily', provider: 'Ana Ruiz, DPT' });
          out.set(id, episodeNote(lint(text, { filePath: id, settings: s }), id, id, s)!);
        }
      }
      return out;
    }
    it('re-checks only the changed patient\'s notes; equal facts change nothing', () => {
      const index = new EpisodeIndex();
      const ws = workspace();
      for (const [id, n] of ws) index.set(id, n);
      for (const id of ws.keys()) index.findings(id);
      assert.equal(index.notesChecked, 320);
      // A duplicate date in patient 7: only patient 7's eight notes are re-checked.
      const s = defaultSettings();
      const dup = episodeNote(lint(noteText({ patient: 'P-7', date: '2026-03-02', visit: 9, note_type: 'daily', provider: 'Ana Ruiz, DPT' }), { settings: s, filePath: 'p7/v9.md' }), 'p7/v9.md', 'p7/v9.md', s)!;
      const affected = index.set('p7/v9.md', dup);
      assert.equal(affected.length, 9);
      for (const id of ws.keys()) index.findings(id);
      index.findings('p7/v9.md');
      assert.equal(index.notesChecked, 320 + 9);
      assert.deepEqual(index.findings('p7/v1.md').map((f) => f.ruleId), ['duplicate-visit']);
      // The same facts again (an edit that changes nothing the rules read).
      assert.deepEqual(index.set('p7/v9.md', { ...dup }), []);
      // Moving the note to another patient re-checks both.
      assert.equal(index.set('p7/v9.md', { ...dup, patient: 'P-8', patientKey: 'P-8' }).length, 8 + 9);
      assert.deepEqual(index.findings('p7/v1.md'), []);
      assert.deepEqual(index.findings('p8/v1.md').map((f) => f.ruleId), ['duplicate-visit']);
      assert.deepEqual(index.set('p7/v9.md', null).length, 9);
      assert.deepEqual(index.findings('p8/v1.md'), []);
    });
  });
});
