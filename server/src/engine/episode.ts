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
import { excludedLines, type Directive, type NoteModel, type Section } from './note';
import { EPISODE_RULES } from './rules';
import type { Report, RuleMeta } from './rule';
import { assistantOnly, noteProvider } from './signature';
import { dayNumber } from './dates';
import type { Settings } from './settings';
import type { Discipline, Finding, NoteType, Range, Severity, SeveritySetting, TextEdit } from './types';
import type { KxThreshold } from './payers';

/** Which KX threshold a billing line counts toward (MCPM Ch. 5 §10.3: PT and SLP share one). */
export type KxBucket = 'ptSlp' | 'ot';

export interface EpisodeBillingLine {
  code: string;
  units: number;
  range: Range;
  bucket: KxBucket;
  hasKx: boolean;
  /** Units × the fee schedule's allowed amount; null when the schedule has no fee for the code. */
  amount: number | null;
  /** The edit that adds KX to this line. */
  addKx: TextEdit;
}

export interface CopySection {
  /** Where to report: the first section heading or label of this kind. */
  range: Range;
  /** Normalised sentences (three words or more) and their word counts. */
  sentences: Map<string, number>;
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
  ranges: { top: Range; date?: Range; visit?: Range; noteType?: Range; pocStart?: Range; pocCertified?: Range; pocEnd?: Range };
  /** An edit that sets `poc_certified` in the front matter to a placeholder. */
  setPocCertified: TextEdit;
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

/**
 * The episode facts of a linted note, or null when it is not a note or names no patient.
 * `settings` are the ones the note was linted with.
 */
export function episodeNote(result: LintResult, id: string, label: string, settings: Settings): EpisodeNote | null {
  const note = result.note;
  const fm = note?.frontMatter;
  if (!result.isNote || !note || !fm || !fm.patient || !result.analysis) return null;
  const payer = result.analysis.payer;
  const provider = noteProvider(note);
  const discipline = provider.discipline;
  const range = (key: string) => fm.entries.get(key)?.valueRange;
  const top: Range = { start: { line: fm.startLine, character: 0 }, end: { line: fm.startLine, character: 3 } };

  const rules: EpisodeNote['rules'] = {};
  for (const rule of EPISODE_RULES) {
    rules[rule.meta.id] = { severity: severityOf(rule, settings, payer.rules), options: settings.rules[rule.meta.id]?.options ?? {} };
  }

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
      range: b.range,
      bucket: d === 'OT' ? 'ot' : 'ptSlp',
      hasKx: b.modifiers.some((m) => m.value === 'KX'),
      amount: fee === undefined ? null : Math.round(fee * b.units * 100) / 100,
      addKx: addModifierEdit(note, b, 'KX'),
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
    setPocCertified: setFrontMatterKey(note, 'poc_certified', '{{YYYY-MM-DD}}'),
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
  let out = '';
  for (const c of line.toLowerCase()) {
    if (c === '*' || c === '_' || c === '`' || c === '#' || c === '>' || c === '|') out += ' ';
    else out += c;
  }
  return out.replace(/^\s*(?:[-+]|\d{1,9}[.)])\s+/, ' ');
}

/** A line's sentences of three words or more, with their word counts (memoised: memo.ts). */
function lineSentences(line: string): [string, number][] {
  return memoized('sentences', line, () => {
    const out: [string, number][] = [];
    for (const sentence of sentencesOf(normalizeLine(line))) {
      const w = wordCount(sentence);
      if (w >= 3) out.push([sentence, w]);
    }
    return out;
  });
}

const LETTER_OR_NUMBER = /[\p{L}\p{N}]/u;

function wordCount(s: string): number {
  let n = 0;
  let inWord = false;
  for (const c of s) {
    const code = c.charCodeAt(0);
    const w = code < 0x80 ? (code >= 0x30 && code <= 0x39) || ((code | 0x20) >= 0x61 && (code | 0x20) <= 0x7a) : LETTER_OR_NUMBER.test(c);
    if (w && !inWord) n++;
    inWord = w;
  }
  return n;
}

/** Splits at `.`, `!`, `?` or `;` followed by a space (not inside `2.5`). */
function sentencesOf(line: string): string[] {
  const out: string[] = [];
  let start = 0;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if ((c === '.' || c === '!' || c === '?' || c === ';') && (i + 1 === line.length || line[i + 1] === ' ' || line[i + 1] === '\t')) {
      out.push(line.slice(start, i));
      start = i + 1;
    }
  }
  out.push(line.slice(start));
  return out.map((s) => s.replace(/\s+/g, ' ').trim()).filter((s) => s.length > 0);
}

function sectionsOf(note: NoteModel, soap: 'O' | 'A'): Section[] {
  return note.sections.filter((s) => s.soap === soap || s.combined?.includes(soap));
}

function copySection(note: NoteModel, soap: 'O' | 'A'): CopySection | undefined {
  const sections = sectionsOf(note, soap);
  if (sections.length === 0) return undefined;
  const excluded = excludedLines(note);
  const sentences = new Map<string, number>();
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
      for (const [sentence, w] of lineSentences(line)) {
        sentences.set(sentence, w);
        words += w;
      }
    }
  }
  return { range: sections[0].titleRange, sentences, words };
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
          ruleId: 'internal-error', severity: 'error', range: n.ranges.top,
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
