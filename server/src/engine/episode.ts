/**
 * Episode rules (rules.md, "Episode rules"): checks across all notes of one patient.
 *
 * Each linted note is reduced to an `EpisodeNote`: the facts the episode rules need (patient,
 * date, visit, note type, who wrote it, plan-of-care dates, billed amounts, the Objective and
 * Assessment sentences) plus its resolved rule severities and disable comments. The facts
 * are plain data, so a workspace index can keep them for files that are not open, and a
 * change to one note re-checks only its patient's notes (`EpisodeIndex`).
 */
import { addModifierEdit } from './edits';
import { groupBy } from './episode-group';
import { memoized } from './memo';
import { applyDirectives, severityOf } from './lint';
import type { LintResult } from './lint';
import { DISCIPLINE_MODIFIERS, isTherapyLine, MODIFIER_DISCIPLINE, codeDiscipline } from './modifiers';
import { inLintScope } from './scope';
import { spanRange, toSpan, toSpanEdit, type Span, type SpanEdit } from './span';
import { excludedLines, type Directive, type NoteModel, type Section } from './note';
import { EPISODE_RULES } from './rules';
import type { Report, RuleMeta } from './rule';
import { assistantOnly, noteProvider } from './signature';
import { dayNumber } from './dates';
import type { Settings } from './settings';
import type { Discipline, Finding, NoteType, Severity, SeveritySetting, TextEdit } from './types';
import type { KxThreshold, PayerProfile } from './payers';

/** Which KX threshold a billing line counts toward (MCPM Ch. 5 §10.3: PT and SLP share one). */
export type KxBucket = 'ptSlp' | 'ot';

export interface EpisodeBillingLine {
  code: string;
  units: number;
  range: Span;
  bucket: KxBucket;
  hasKx: boolean;
  /** Units × the fee schedule's allowed amount; null when the schedule has no fee for the code. */
  amount: number | null;
  /** The edit that adds KX to this line. */
  addKx: SpanEdit;
}

export interface CopySection {
  /** Where to report: the first section heading or label of this kind. */
  range: Span;
  /**
   * The normalised sentences of three words or more, as fingerprints (`fingerprint`),
   * ascending and distinct, with each sentence's word count at the same index. A long
   * audit keeps these for every note; the sentences themselves would cost ten times more.
   */
  fingerprints: number[];
  counts: number[];
  words: number;
}

export interface EpisodeNote {
  /** A stable key: the file path (CLI) or URI (server). */
  id: string;
  /** How messages name the note's file. */
  label: string;
  /** The patient id as written, and its key (case and spacing ignored). */
  patient: string;
  patientKey: string;
  discipline: Discipline | null;
  /** ISO date and its day number (days since 1970-01-01); null when the note has no valid date. */
  date: string | null;
  day: number | null;
  visit: number | null;
  noteType: NoteType | null;
  /** Credentials say an assistant wrote it and no therapist signed it. */
  assistantOnly: boolean;
  pocStart: string | null;
  pocCertified: string | null;
  pocEnd: string | null;
  payer: string;
  kxThresholds: Record<string, KxThreshold>;
  /** Whether a fee schedule was configured for this note. */
  hasFees: boolean;
  billing: EpisodeBillingLine[];
  copy: { O?: CopySection; A?: CopySection };
  /** Front matter value ranges by key; `top` is the first line of the front matter. */
  ranges: { top: Span; date?: Span; visit?: Span; noteType?: Span; pocStart?: Span; pocCertified?: Span; pocEnd?: Span };
  /** An edit that sets `poc_certified` in the front matter to a placeholder. */
  setPocCertified: SpanEdit;
  /** Severity and options of each episode rule for this note (its settings and payer). */
  rules: Record<string, { severity: SeveritySetting; options: Record<string, unknown> }>;
  directives: Directive[];
}

/** An episode: the dated notes of one patient and discipline, in date (then visit) order. */
export interface Episode {
  patient: string;
  discipline: Discipline | null;
  notes: EpisodeNote[];
}

export interface EpisodeContext {
  patient: string;
  /** Every note of the patient (dated ones first, in order; then undated). */
  notes: readonly EpisodeNote[];
  /** The patient's episodes, one per discipline. */
  episodes: readonly Episode[];
  options(note: EpisodeNote): Record<string, unknown>;
  report(note: EpisodeNote, r: Report): void;
}

export interface EpisodeRule {
  meta: RuleMeta;
  check(ctx: EpisodeContext): void;
}

// ---------------------------------------------------------------------------------------
// Facts of one note

/** The episode rules' severities and options: one object per settings and payer, shared by their notes' facts. */
const rulesCache = new WeakMap<Settings, Map<PayerProfile, EpisodeNote['rules']>>();
function episodeRules(settings: Settings, payer: PayerProfile): EpisodeNote['rules'] {
  let byPayer = rulesCache.get(settings);
  if (!byPayer) rulesCache.set(settings, (byPayer = new Map()));
  let rules = byPayer.get(payer);
  if (!rules) {
    rules = {};
    for (const rule of EPISODE_RULES) {
      rules[rule.meta.id] = { severity: severityOf(rule, settings, payer.rules), options: settings.rules[rule.meta.id]?.options ?? {} };
    }
    byPayer.set(payer, rules);
  }
  return rules;
}

/**
 * The episode facts of a linted note, or null when it is not a note or names no patient.
 * `settings` are the ones the note was linted with.
 */
export function episodeNote(result: LintResult, id: string, label: string, settings: Settings): EpisodeNote | null {
  return inLintScope(() => readEpisodeNote(result, id, label, settings));
}

function readEpisodeNote(result: LintResult, id: string, label: string, settings: Settings): EpisodeNote | null {
  const note = result.note;
  const fm = note?.frontMatter;
  if (!result.isNote || !note || !fm || !fm.patient || !result.analysis) return null;
  const payer = result.analysis.payer;
  const provider = noteProvider(note);
  const discipline = provider.discipline;
  const range = (key: string) => {
    const r = fm.entries.get(key)?.valueRange;
    return r && toSpan(r);
  };
  const top: Span = { startLine: fm.startLine, startChar: 0, endLine: fm.startLine, endChar: 3 };

  const rules = episodeRules(settings, payer);

  const billing: EpisodeBillingLine[] = [];
  for (const b of note.billing) {
    if (!isTherapyLine(b, settings.codes)) continue;
    const dm = b.modifiers.find((m) => DISCIPLINE_MODIFIERS.has(m.value));
    const d = (dm ? MODIFIER_DISCIPLINE[dm.value] : null) ?? codeDiscipline(b.code) ?? discipline;
    if (!d) continue;
    const fee = settings.fees?.fees.get(b.code);
    billing.push({
      code: b.code,
      units: b.units,
      range: toSpan(b.range),
      bucket: d === 'OT' ? 'ot' : 'ptSlp',
      hasKx: b.modifiers.some((m) => m.value === 'KX'),
      amount: fee === undefined ? null : Math.round(fee * b.units * 100) / 100,
      addKx: toSpanEdit(addModifierEdit(note, b, 'KX')),
    });
  }

  return {
    id,
    label,
    patient: fm.patient,
    patientKey: fm.patient.toUpperCase().replace(/\s+/g, ''),
    discipline,
    date: fm.date ?? null,
    day: fm.date ? dayNumber(fm.date) : null,
    visit: fm.visit ?? null,
    noteType: fm.noteType ?? null,
    assistantOnly: assistantOnly(note),
    pocStart: fm.pocStart ?? null,
    pocCertified: fm.pocCertified ?? null,
    pocEnd: fm.pocEnd ?? null,
    payer: payer.name,
    kxThresholds: payer.kxThresholds,
    hasFees: settings.fees !== undefined,
    billing,
    copy: { O: copySection(note, 'O'), A: copySection(note, 'A') },
    ranges: { top, date: range('date'), visit: range('visit'), noteType: range('note_type'), pocStart: range('poc_start'), pocCertified: range('poc_certified'), pocEnd: range('poc_end') },
    setPocCertified: toSpanEdit(setFrontMatterKey(note, 'poc_certified', '{{YYYY-MM-DD}}')),
    rules,
    directives: note.directives,
  };
}

/** Sets a front matter key: replaces the key's line, or adds a line before the closing fence. */
function setFrontMatterKey(note: NoteModel, key: string, value: string): TextEdit {
  const fm = note.frontMatter!;
  const e = fm.entries.get(key);
  if (e) {
    const line = e.keyRange.start.line;
    return { range: { start: e.keyRange.start, end: { line, character: note.lines.line(line).length } }, newText: `${key}: ${value}` };
  }
  const at = { line: fm.endLine, character: 0 };
  return { range: { start: at, end: at }, newText: `${key}: ${value}${note.eol}` };
}

// Sentences for copied-forward

function isSeparatorRow(line: string): boolean {
  const t = line.trim();
  if (!t.includes('-') || !(t.startsWith('|') || t.includes('|'))) return false;
  for (const c of t) if (c !== '|' && c !== '-' && c !== ':' && c !== ' ' && c !== '\t') return false;
  return true;
}

/** Lowercase words of a line without Markdown markup (list markers, emphasis, pipes, heading marks). */
function normalizeLine(line: string): string {
  return line.toLowerCase().replace(/[*_`#>|]/g, ' ').replace(/^\s*(?:[-+]|\d{1,9}[.)])\s+/, ' ');
}

/** A line's sentences of three words or more: fingerprints and word counts (memoised: memo.ts). */
function lineSentences(line: string): [number, number][] {
  return memoized('sentences', line, () => sentenceFingerprints(line));
}

/**
 * The sentences of a line, normalised, as [fingerprint, words] for those of three words or
 * more, in one pass with no string per sentence (an audit reads every line of every note).
 * The same as: normalise the line (lower case, markup and list marker out), split it at
 * `.`, `!`, `?` or `;` before a space, a tab or the end, collapse each piece's white space
 * to one space and trim it, drop empty pieces, count runs of letters and digits, and
 * fingerprint the piece (a test holds the two equal).
 */
export function sentenceFingerprints(line: string): [number, number][] {
  const t = normalizeLine(line);
  const out: [number, number][] = [];
  let a = FP_A;
  let b = FP_B;
  let words = 0;
  let inWord = false;
  let started = false;
  let space = false;
  const end = () => {
    if (started && words >= 3) out.push([fpValue(a, b), words]);
    a = FP_A;
    b = FP_B;
    words = 0;
    inWord = false;
    started = false;
    space = false;
  };
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if ((c === 0x2e || c === 0x21 || c === 0x3f || c === 0x3b) && (i + 1 === t.length || t.charCodeAt(i + 1) === 0x20 || t.charCodeAt(i + 1) === 0x09)) {
      end();
      continue;
    }
    if (isJsSpace(c)) {
      space = started;
      inWord = false;
      continue;
    }
    if (space) {
      a = Math.imul(a ^ 0x20, FP_PA);
      b = Math.imul(b ^ 0x20, FP_PB);
      b ^= b >>> 15;
      space = false;
    }
    started = true;
    // A letter or digit (whole code points, as wordCount reads them).
    let w: boolean;
    let units = 1;
    if (c < 0x80) w = (c >= 0x30 && c <= 0x39) || ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a);
    else {
      const d = t.charCodeAt(i + 1);
      units = c >= 0xd800 && c <= 0xdbff && d >= 0xdc00 && d <= 0xdfff ? 2 : 1;
      w = LETTER_OR_NUMBER.test(t.slice(i, i + units));
    }
    if (w && !inWord) words++;
    inWord = w;
    for (let k = 0; k < units; k++) {
      const u = t.charCodeAt(i + k);
      a = Math.imul(a ^ u, FP_PA);
      b = Math.imul(b ^ u, FP_PB);
      b ^= b >>> 15;
    }
    i += units - 1;
  }
  end();
  return out;
}

/** JavaScript's `\s`: the characters `String.prototype.trim` and `/\s/` treat as white space. */
function isJsSpace(c: number): boolean {
  return c === 0x20 || (c >= 0x09 && c <= 0x0d) || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

const FP_A = 0x811c9dc5;
const FP_B = 0x9747b28c;
const FP_PA = 0x01000193;
const FP_PB = 0x5bd1e995;
const fpValue = (a: number, b: number) => (b >>> 11) * 0x100000000 + (a >>> 0);

/**
 * A 53-bit fingerprint of a sentence: two independent 32-bit hashes of its UTF-16 code units
 * (FNV-1a, and a multiplicative hash with another prime), 21 bits of one above 32 of the
 * other, exact in a double. Two different sentences share one with a probability of 2^-53:
 * comparing two notes of 200 sentences each, about one chance in 10^11.
 */
export function fingerprint(s: string): number {
  let a = FP_A;
  let b = FP_B;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    a = Math.imul(a ^ c, FP_PA);
    b = Math.imul(b ^ c, FP_PB);
    b ^= b >>> 15;
  }
  return fpValue(a, b);
}

const LETTER_OR_NUMBER = /[\p{L}\p{N}]/u;

function sectionsOf(note: NoteModel, soap: 'O' | 'A'): Section[] {
  return note.sections.filter((s) => s.soap === soap || s.combined?.includes(soap));
}

function copySection(note: NoteModel, soap: 'O' | 'A'): CopySection | undefined {
  const sections = sectionsOf(note, soap);
  if (sections.length === 0) return undefined;
  const excluded = excludedLines(note);
  const found: [number, number][] = [];
  let words = 0;
  for (const s of sections) {
    for (let n = s.startLine; n < s.endLine; n++) {
      if (excluded[n]) continue;
      let line = note.lines.line(n);
      if (n === s.startLine) {
        if (s.form === 'heading') continue;
        line = note.text.slice(s.contentOffset, note.lines.ends[n]);
      }
      if (isSeparatorRow(line) || (n + 1 < s.endLine && isSeparatorRow(note.lines.line(n + 1)))) continue; // a table's header row and separator
      for (const pair of lineSentences(line)) {
        found.push(pair);
        words += pair[1];
      }
    }
  }
  found.sort((x, y) => x[0] - y[0]);
  const fingerprints: number[] = [];
  const counts: number[] = [];
  for (const [f, w] of found) {
    if (fingerprints.length > 0 && fingerprints[fingerprints.length - 1] === f) continue;
    fingerprints.push(f);
    counts.push(w);
  }
  return { range: toSpan(sections[0].titleRange), fingerprints, counts, words };
}

// ---------------------------------------------------------------------------------------
// Running the episode rules

/** Groups notes by patient (episodes by discipline are `episodesOf`). */
export function groupByPatient(notes: Iterable<EpisodeNote>): Map<string, EpisodeNote[]> {
  return groupBy(notes, (n) => n.patientKey);
}

export function compareNotes(a: EpisodeNote, b: EpisodeNote): number {
  if (a.day !== null && b.day !== null && a.day !== b.day) return a.day - b.day;
  if (a.day === null !== (b.day === null)) return a.day === null ? 1 : -1;
  if (a.visit !== null && b.visit !== null && a.visit !== b.visit) return a.visit - b.visit;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** A patient's episodes, one per discipline (a note without one joins the patient's only discipline). */
export function episodesOf(notes: readonly EpisodeNote[]): Episode[] {
  const known = [...new Set(notes.map((n) => n.discipline).filter((d): d is Discipline => d !== null))];
  const byDiscipline = groupBy<Discipline | 'none'>(notes, (n) => n.discipline ?? (known.length === 1 ? known[0] : 'none'));
  return [...byDiscipline].map(([d, list]) => ({ patient: notes[0].patient, discipline: d === 'none' ? null : d, notes: list.sort(compareNotes) }));
}

const RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

/**
 * Runs the episode rules over one patient's notes. Returns findings per note id (every id of
 * `notes` is present), with each note's severities and disable comments applied.
 */
export function checkPatient(notes: readonly EpisodeNote[], rules: readonly EpisodeRule[] = EPISODE_RULES): Map<string, Finding[]> {
  const out = new Map<string, Finding[]>(notes.map((n) => [n.id, []]));
  if (notes.length === 0) return out;
  const sorted = [...notes].sort(compareNotes);
  const episodes = episodesOf(sorted);
  for (const rule of rules) {
    const id = rule.meta.id;
    const ctx: EpisodeContext = {
      patient: sorted[0].patient,
      notes: sorted,
      episodes,
      options: (n) => n.rules[id]?.options ?? {},
      report: (n, { severity: lower, ...r }) => {
        const severity = n.rules[id]?.severity ?? rule.meta.severity;
        if (severity === 'off') return;
        out.get(n.id)?.push({ ruleId: id, severity: lower && RANK[lower] < RANK[severity] ? lower : severity, ...r });
      },
    };
    try {
      rule.check(ctx);
    } catch (err) {
      for (const n of sorted) {
        out.get(n.id)?.push({
          ruleId: 'internal-error', severity: 'error', range: spanRange(n.ranges.top),
          message: `Rule ${id} failed on this patient's notes (${err instanceof Error ? err.name : 'error'}); its findings are missing. Please report this.`,
        });
      }
    }
  }
  for (const n of sorted) out.set(n.id, applyDirectives(out.get(n.id)!, n.directives));
  return out;
}

/** The CLI's step: all notes given in one run form the episodes. */
export function lintEpisodes(notes: readonly EpisodeNote[]): Map<string, Finding[]> {
  const out = new Map<string, Finding[]>();
  for (const group of groupByPatient(notes).values()) for (const [id, f] of checkPatient(group)) out.set(id, f);
  return out;
}

/** What the episode step covered, for the CLI's summary. */
export interface EpisodeSummary {
  patients: number;
  /** Notes with a `patient` (in an episode). */
  notes: number;
  /** Notes of a patient that have no valid `date` (left out of the date-based rules). */
  undated: number;
  /** Whether kx-threshold could estimate amounts (a fee schedule was configured), and why not. */
  kxThreshold: { checked: boolean; reason?: string; codesWithoutFee: string[] };
}

export function episodeSummary(notes: readonly EpisodeNote[]): EpisodeSummary {
  const withFees = notes.filter((n) => n.hasFees);
  const missing = new Set<string>();
  for (const n of withFees) for (const b of n.billing) if (b.amount === null) missing.add(b.code);
  const kxOn = notes.some((n) => n.rules['kx-threshold']?.severity !== 'off');
  return {
    patients: new Set(notes.map((n) => n.patientKey)).size,
    notes: notes.length,
    undated: notes.filter((n) => n.day === null).length,
    kxThreshold: {
      checked: withFees.length > 0 && kxOn,
      ...(withFees.length === 0 ? { reason: 'no fee schedule configured (feeSchedule); kx-threshold is silent' } : !kxOn ? { reason: 'kx-threshold is off for every note (it is on for payer profiles that turn it on, such as medicare)' } : {}),
      codesWithoutFee: [...missing].sort(),
    },
  };
}
