/**
 * Reads a note into a model with exact source ranges (note-format.md): front matter,
 * sections, intervention entries with their minutes, goals, billed lines, totals and
 * disable comments. Pure: text in, model out.
 */
import type { CodeTable } from './codes';
import { findFrontMatter, parseFrontMatter, type FrontMatter } from './frontmatter';
import { ancestor, parseBlocks, walk, type Block } from './markdown';
import { isAsciiLetter, isDash, isDigit, isSpace, isWordChar, lowerCodeAt, skipSpaces } from './chars';
import {
  codeTokenAt, contentEnd, contentStart, readDesignator, labelTime, scanCodes, trailingTime, type Designator,
} from './scan';
import { combinedSoap, headingSection, labelAt, type SectionKind } from './sections';
import { detectEol, LineIndex } from './text';
import { parseMinutesValue, scanTimes, timeAt, type TimeExpr } from './time';
import type { Range } from './types';
import { detached, memoized } from './memo';
import { perLint } from './scope';

export type Soap = 'S' | 'O' | 'A' | 'P';

export interface Section {
  kind: SectionKind;
  /** The SOAP section it belongs to: Interventions count as Objective. */
  soap: Soap | null;
  form: 'heading' | 'label';
  /** The line of the heading or label, and the line after the section's last line. */
  startLine: number;
  endLine: number;
  /** The heading text or the label (markup included). */
  titleRange: Range;
  /** Heading level, for headings. */
  level?: number;
  /** For labels: where the content on the label's own line starts (offset). */
  contentOffset: number;
  /** A combined section (`## Assessment/Plan`, `A/P:`): every SOAP section it stands for. */
  combined?: Soap[];
}

export interface Entry {
  /** The code: a known code as written, else the code the procedure name maps to, else the token as written. */
  code: string;
  /** A code token as written that is not a known code ("9753"), with its range. */
  unknownCode?: { code: string; range: Range };
  known: boolean;
  timed: boolean;
  form: 'heading' | 'list' | 'table' | 'line';
  section: Section;
  firstLine: number;
  /** Line after the entry's last line. */
  endLine: number;
  /** The whole entry, first character of its text to the end of its last line. */
  range: Range;
  /** The code/name words on the first line. */
  designatorRange: Range;
  codeRange?: Range;
  /** Minutes of the entry (null when no time is written next to the code or name). */
  minutes: number | null;
  minutesRange?: Range;
  /** The entry's text (all its lines). */
  text: string;
}

export interface Goal {
  /** Normalised id: `LTG1`, `STG2`, `G3`. */
  id: string;
  line: number;
  idRange: Range;
  range: Range;
  text: string;
}

export interface BilledLine {
  code: string;
  known: boolean;
  codeRange: Range;
  units: number;
  /** Where the units are written; absent when the line has none (1 unit). */
  unitsRange?: Range;
  modifiers: { value: string; range: Range }[];
  /** The billed item: from its code to the end of its text. */
  range: Range;
  line: number;
  form: 'list' | 'table' | 'line';
  section: Section;
}

export interface Total {
  kind: 'timed' | 'treatment';
  /** Minutes. */
  value: number;
  line: number;
  range: Range;
  /** The number, or the whole expression when written with hours ("1 hr 10 min"). */
  valueRange: Range;
  hours: boolean;
}

export interface Directive {
  kind: 'disable' | 'enable' | 'disable-line' | 'disable-next-line' | 'disable-file';
  /** Rule ids; empty means every rule. */
  rules: string[];
  line: number;
  range: Range;
}

export interface NoteModel {
  text: string;
  lines: LineIndex;
  eol: string;
  frontMatter: FrontMatter | null;
  root: Block;
  sections: Section[];
  entries: Entry[];
  goals: Goal[];
  billing: BilledLine[];
  totals: Total[];
  directives: Directive[];
  /** Distinct SOAP sections present (Interventions count as O). */
  soapKinds: Set<Soap>;
}

const SOAP_OF: Record<SectionKind, Soap | null> = {
  S: 'S', O: 'O', A: 'A', P: 'P', goals: null, interventions: 'O', billing: null,
};

/** Why a line is not note content: front matter, code (fenced or indented), an HTML block. */
const FRONT_MATTER = 1;
const CODE = 2;
const HTML = 3;

interface LineInfo {
  /** 0 for content, else FRONT_MATTER, CODE or HTML. */
  excluded: Uint8Array;
  /** Innermost paragraph/heading/row block of each line. */
  leaf: (Block | undefined)[];
}

export function parseNote(text: string, codes: CodeTable, knownPayer: (name: string) => boolean): NoteModel {
  const lines = new LineIndex(text);
  const fmBlock = findFrontMatter(lines);
  const frontMatter = fmBlock ? parseFrontMatter(lines, fmBlock, knownPayer) : null;
  const bodyStart = fmBlock ? lines.starts[fmBlock.endLine + 1] ?? text.length : 0;
  const body = fmBlock ? '\n'.repeat(fmBlock.endLine + 1) + text.slice(bodyStart) : text;
  const root = parseBlocks(body);

  const info: LineInfo = { excluded: new Uint8Array(lines.lineCount), leaf: new Array(lines.lineCount) };
  if (fmBlock) for (let n = 0; n <= fmBlock.endLine; n++) info.excluded[n] = FRONT_MATTER;
  walk(root, (b) => {
    const end = Math.min(b.endLine, lines.lineCount);
    const why = b.type === 'fence' || b.type === 'code' ? CODE : b.type === 'html' ? HTML : 0;
    if (why) for (let n = b.startLine; n < end; n++) info.excluded[n] = why;
    if (b.type === 'paragraph' || b.type === 'heading' || b.type === 'row') for (let n = b.startLine; n < end; n++) info.leaf[n] = b;
  });

  const sections = findSections(lines, root, info);
  const soapKinds = new Set<Soap>();
  for (const s of sections) {
    if (s.soap) soapKinds.add(s.soap);
    for (const k of s.combined ?? []) soapKinds.add(k);
  }
  const totals = findTotals(lines, info);
  const model: NoteModel = {
    text, lines, eol: detectEol(text), frontMatter, root, sections, entries: [], goals: [], billing: [], totals,
    directives: findDirectives(lines, info), soapKinds,
  };
  const totalLines = totals.map((t) => t.line); // sorted: totals are found line by line
  const sectionStarts = sections.map((s) => s.startLine);
  const buckets = bucketBlocks(root, sectionStarts);
  const stops: Stops = { totalLines, totalSet: new Set(totalLines), sectionStartSet: new Set(sectionStarts) };
  sections.forEach((s, i) => {
    const blocks = buckets[i];
    if (s.soap === 'O') model.entries.push(...findEntries(lines, blocks, info, s, codes, stops));
    else if (s.kind === 'goals') model.goals.push(...findGoals(lines, blocks, info, s));
    else if (s.kind === 'billing') model.billing.push(...findBilling(lines, blocks, info, s, codes));
  });
  return model;
}

function hasClaimed(claimed: Set<number>, from: number, to: number): boolean {
  for (let n = from; n < to; n++) if (claimed.has(n)) return true;
  return false;
}

/**
 * Lines that are not note content: front matter, fenced or indented code, HTML blocks
 * (1 per such line). An edit placed there would not be read as part of the note.
 */
export function excludedLines(note: NoteModel): Uint8Array {
  return perLint('excludedLines', note, () => readExcludedLines(note));
}

function readExcludedLines(note: NoteModel): Uint8Array {
  const count = note.lines.lineCount;
  const out = new Uint8Array(count);
  if (note.frontMatter) for (let n = note.frontMatter.startLine; n <= Math.min(note.frontMatter.endLine, count - 1); n++) out[n] = 1;
  const marks = out;
  walk(note.root, (b) => {
    if (b.type === 'fence' || b.type === 'code' || b.type === 'html') for (let n = b.startLine; n < Math.min(b.endLine, count); n++) marks[n] = 1;
  });
  return out;
}

/** Index of the last element of sorted `arr` that is <= x, or -1. */
function lastAtMost(arr: number[], x: number): number {
  let lo = 0;
  let hi = arr.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (arr[mid] <= x) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/** The first element of sorted `arr` greater than x, or Infinity. */
function firstAfter(arr: number[], x: number): number {
  const i = lastAtMost(arr, x) + 1;
  return i < arr.length ? arr[i] : Infinity;
}

/** The heading, item and table blocks of each section (by start line), in document order: one walk for all sections. */
function bucketBlocks(root: Block, sectionStarts: number[]): Block[][] {
  const buckets: Block[][] = sectionStarts.map(() => []);
  if (buckets.length === 0) return buckets;
  walk(root, (b) => {
    if (b.type !== 'heading' && b.type !== 'item' && b.type !== 'table' && b.type !== 'row') return;
    const i = lastAtMost(sectionStarts, b.startLine);
    if (i >= 0) buckets[i].push(b);
  });
  return buckets;
}

// ---------------------------------------------------------------------------------------
// Sections

function findSections(lines: LineIndex, root: Block, info: LineInfo): Section[] {
  const starts: Omit<Section, 'endLine'>[] = [];
  const headingLines = new Set<number>();
  walk(root, (b) => {
    if (b.type !== 'heading' || ancestor(b, 'blockquote') || ancestor(b, 'item')) return;
    headingLines.add(b.startLine);
    const combined = combinedSoap(b.text ?? '');
    const kind = combined ? combined[0] : headingSection(b.text ?? '');
    if (!kind) return;
    const setext = b.endLine - b.startLine > 1;
    const line = lines.line(b.startLine);
    const a = setext ? skipSpaces(line, 0) : contentStart(line);
    const e = contentEnd(line, !setext);
    starts.push({
      kind, soap: SOAP_OF[kind], form: 'heading', startLine: b.startLine, level: b.level,
      titleRange: { start: { line: b.startLine, character: a }, end: { line: b.startLine, character: e } },
      contentOffset: lines.starts[Math.min(b.endLine, lines.lineCount - 1)],
      ...(combined ? { combined } : {}),
    });
  });
  for (let n = 0; n < lines.lineCount; n++) {
    if (info.excluded[n] || headingLines.has(n)) continue;
    const leaf = info.leaf[n];
    if (!leaf || leaf.type === 'heading' || ancestor(leaf, 'blockquote')) continue;
    const line = lines.line(n);
    // Inside a list item only an unindented (lazy continuation) line can start a section.
    const inItem = ancestor(leaf, 'item');
    if (inItem && (n === inItem.startLine || isSpace(line[0]))) continue;
    const m = labelAt(line, inItem ? 0 : 3);
    if (!m) continue;
    starts.push({
      kind: m.kind, soap: SOAP_OF[m.kind], form: 'label', startLine: n,
      titleRange: { start: { line: n, character: m.start }, end: { line: n, character: m.end } },
      contentOffset: lines.starts[n] + m.contentStart,
      ...(m.combined ? { combined: m.combined } : {}),
    });
  }
  starts.sort((a, b) => a.startLine - b.startLine);
  return starts.map((s, i) => ({ ...s, endLine: i + 1 < starts.length ? starts[i + 1].startLine : lines.lineCount }));
}

// ---------------------------------------------------------------------------------------
// Totals: "Total timed minutes: 38", "Total treatment time: 45 min", anywhere in the note.

const TOTAL_LABELS: [string, Total['kind']][] = (
  [
    ['total timed code treatment minutes', 'timed'],
    ['total timed code treatment time', 'timed'],
    ['total timed code minutes', 'timed'],
    ['total timed code time', 'timed'],
    ['total timed minutes', 'timed'],
    ['total timed mins', 'timed'],
    ['total timed min', 'timed'],
    ['total timed time', 'timed'],
    ['total timed', 'timed'],
    ['timed code treatment minutes', 'timed'],
    ['timed code minutes', 'timed'],
    ['timed minutes', 'timed'],
    ['timed mins', 'timed'],
    ['timed min', 'timed'],
    ['total treatment time', 'treatment'],
    ['total treatment minutes', 'treatment'],
    ['total treatment mins', 'treatment'],
    ['total treatment min', 'treatment'],
    ['total tx time', 'treatment'],
    ['total session time', 'treatment'],
    ['total time', 'treatment'],
    ['total minutes', 'treatment'],
    ['treatment time', 'treatment'],
  ] as [string, Total['kind']][]
).sort((a, b) => b[0].length - a[0].length);

function matchLabelWords(s: string, i: number, label: string): number {
  let j = i;
  for (let k = 0; k < label.length; k++) {
    const kc = label[k];
    if (kc === ' ') {
      if (!isSpace(s[j]) && !isDash(s[j])) return -1;
      while (isSpace(s[j]) || isDash(s[j])) j++;
      continue;
    }
    if (lowerCodeAt(s, j) !== label.charCodeAt(k)) return -1;
    j++;
  }
  return isAsciiLetter(s[j]) ? -1 : j;
}

function findTotals(lines: LineIndex, info: LineInfo): Total[] {
  const out: Total[] = [];
  for (let n = 0; n < lines.lineCount; n++) {
    if (info.excluded[n]) continue;
    const s = lines.line(n);
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if ((c !== 0x74 && c !== 0x54) || (i > 0 && isWordChar(s[i - 1]))) continue; // "t" or "T" starting a word
      // Every label starts with "tot", "tim" or "tre".
      const c1 = lowerCodeAt(s, i + 1);
      const c2 = lowerCodeAt(s, i + 2);
      if (!((c1 === 0x6f && c2 === 0x74) || (c1 === 0x69 && c2 === 0x6d) || (c1 === 0x72 && c2 === 0x65))) continue;
      for (let t = 0; t < TOTAL_LABELS.length; t++) {
        const label = TOTAL_LABELS[t][0];
        const kind = TOTAL_LABELS[t][1];
        const e = matchLabelWords(s, i, label);
        if (e < 0) continue;
        // Markup and a separator, then the number.
        let j = e;
        while (j < s.length && (isSpace(s[j]) || s[j] === '*' || s[j] === '_' || s[j] === ':' || s[j] === '=' || s[j] === '|' || isDash(s[j]))) j++;
        const numStart = j;
        // "1 hr 10 min", "1h": the whole expression is the value.
        const dur = timeAt(s, numStart);
        if (dur && dur.kind === 'duration' && /h/i.test(s.slice(dur.start, dur.end))) {
          out.push({
            kind, value: dur.minutes, line: n, hours: true,
            range: { start: { line: n, character: i }, end: { line: n, character: dur.end } },
            valueRange: { start: { line: n, character: numStart }, end: { line: n, character: dur.end } },
          });
          i = dur.end - 1;
          break;
        }
        while (isDigit(s[j]) && j - numStart < 5) j++;
        if (j === numStart || isDigit(s[j]) || isAsciiLetter(s[j]) && !/^(min|mins|minutes|m)\b/i.test(s.slice(j))) break;
        if (s[j] === ':' && isDigit(s[j + 1])) break; // a clock time, not a total
        let valueEnd = j;
        const unit = /^\s*(minutes|minute|mins|min)\b\.?/i.exec(s.slice(j, j + 12));
        if (unit) valueEnd = j + unit[0].length;
        out.push({
          kind, value: Number(s.slice(numStart, j)), line: n, hours: false,
          range: { start: { line: n, character: i }, end: { line: n, character: valueEnd } },
          valueRange: { start: { line: n, character: numStart }, end: { line: n, character: j } },
        });
        i = valueEnd - 1;
        break;
      }
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// Intervention entries

interface Candidate {
  line: number;
  endLine: number;
  form: Entry['form'];
  d: Designator;
  /** Minutes from a table's Min/Time cell. */
  cellMinutes?: { minutes: number; start: number; end: number };
}

function inSection(s: Section, line: number): boolean {
  return line >= s.startLine && line < s.endLine;
}

function trimBlankTail(lines: LineIndex, start: number, end: number): number {
  while (end > start + 1 && lines.isBlank(end - 1)) end--;
  return end;
}

/** Lines where an entry must end: totals (sorted, and as a set) and section starts. */
interface Stops {
  totalLines: number[];
  totalSet: Set<number>;
  sectionStartSet: Set<number>;
}

function findEntries(lines: LineIndex, blocks: Block[], info: LineInfo, section: Section, codes: CodeTable, stops: Stops): Entry[] {
  const { totalLines, totalSet, sectionStartSet } = stops;
  const cands: Candidate[] = [];
  const entryItems = new Set<Block>();
  const headingStarts: number[] = [];
  const claimed = new Set<number>();

  for (const b of blocks) if (b.type === 'heading' && inSection(section, b.startLine)) headingStarts.push(b.startLine);
  headingStarts.sort((a, b) => a - b);
  // Lines inside a heading entry's body describe it: they start an entry of their own only
  // with a code, or a procedure name with its time ("STM to the calf" is description).
  let headingBodyEnd = -1;
  for (const b of blocks) {
    if (!inSection(section, b.startLine) || ancestor(b, 'blockquote')) continue;
    if (b.type === 'heading') {
      headingBodyEnd = -1;
      if (b.startLine === section.startLine) continue;
      const line = lines.line(b.startLine);
      const setext = b.endLine - b.startLine > 1;
      const a = setext ? skipSpaces(line, 0) : contentStart(line);
      const d = designatorOf(line, a, contentEnd(line, !setext), codes);
      if (d) {
        cands.push({ line: b.startLine, endLine: b.endLine, form: 'heading', d });
        headingBodyEnd = Math.min(section.endLine, firstAfter(headingStarts, b.startLine));
      }
      claimed.add(b.startLine);
    } else if (b.type === 'item') {
      let nested = false;
      for (let p = b.parent; p && !nested; p = p.parent) nested = entryItems.has(p);
      if (nested) continue;
      const line = lines.line(b.startLine);
      const lineEnd = contentEnd(line);
      const d = designatorOf(line, contentStart(line), lineEnd, codes);
      if (!d || (b.startLine < headingBodyEnd && !isExplicit(line, d, lineEnd))) continue;
      entryItems.add(b);
      const end = trimBlankTail(lines, b.startLine, Math.min(b.endLine, section.endLine));
      for (let n = b.startLine; n < end; n++) claimed.add(n);
      cands.push({ line: b.startLine, endLine: end, form: 'list', d });
    } else if (b.type === 'table') {
      for (let n = b.startLine; n < b.endLine; n++) claimed.add(n);
      cands.push(...tableEntries(lines, b, section, codes));
    }
  }
  // Lists by first line, to attach a list written right under a plain-line entry.
  const listAfter = new Map<number, Block>();
  for (const b of blocks) if (b.type === 'item' && b.parent?.type === 'list' && !ancestor(b.parent, 'item')) listAfter.set(b.parent.startLine, b.parent);
  // Plain lines of paragraphs: an entry when the line starts with a code or procedure name.
  for (let n = section.startLine; n < section.endLine; n++) {
    if (info.excluded[n] || claimed.has(n) || totalSet.has(n)) continue;
    const leaf = info.leaf[n];
    if (!leaf || leaf.type !== 'paragraph' || ancestor(leaf, 'item') || ancestor(leaf, 'blockquote')) continue;
    const line = lines.line(n);
    const from = n === section.startLine && section.form === 'label' ? section.contentOffset - lines.starts[n] : skipSpaces(line, 0);
    if (n === section.startLine && section.form !== 'label') continue;
    // A plain line is an entry only when it starts with a code, or a name with its time.
    const d = designatorAtStart(line, from, contentEnd(line), codes);
    if (!d || !isExplicit(line, d, contentEnd(line))) continue;
    let end = n + 1;
    while (end < Math.min(leaf.endLine, section.endLine) && !totalSet.has(end) && !sectionStartSet.has(end)) {
      const next = lines.line(end);
      const nextEnd = contentEnd(next);
      const nd = designatorAtStart(next, skipSpaces(next, 0), nextEnd, codes);
      if (nd && isExplicit(next, nd, nextEnd)) break;
      end++;
    }
    // A list right under the entry's paragraph, with no entry of its own, describes it.
    const list = end === leaf.endLine ? listAfter.get(leaf.endLine) : undefined;
    if (list && !hasClaimed(claimed, list.startLine, list.endLine)) end = Math.max(end, trimBlankTail(lines, n, Math.min(list.endLine, section.endLine, firstAfter(totalLines, n))));
    cands.push({ line: n, endLine: end, form: 'line', d });
  }
  cands.sort((a, b) => a.line - b.line);

  const out: Entry[] = [];
  for (let i = 0; i < cands.length; i++) {
    const c = cands[i];
    let endLine = c.endLine;
    if (c.form === 'heading') {
      // A heading entry runs to the next heading, entry, total or section end.
      const next = i + 1 < cands.length ? cands[i + 1].line : Infinity;
      endLine = Math.min(section.endLine, firstAfter(headingStarts, c.line), next, firstAfter(totalLines, c.line));
      endLine = trimBlankTail(lines, c.line, endLine);
    }
    endLine = Math.min(endLine, Math.max(firstAfter(totalLines, c.line), c.line + 1));
    out.push(makeEntry(lines, c, Math.max(endLine, c.line + 1), section, codes));
  }
  return out;
}

/** The designator at the start of a line, or a known code anywhere on it. */
function designatorOf(line: string, from: number, end: number, codes: CodeTable): Designator | null {
  const d = designatorAtStart(line, from, end, codes);
  if (d) return d;
  for (const tok of scanCodes(line, from, end)) {
    if (!codes.get(tok.code)) continue;
    // Back up over an opening parenthesis or "CPT" so the time after it is read.
    const d2 = readDesignator(line, tok.start, end, codes, false);
    if (d2) return d2;
  }
  return null;
}

/** A designator that names its procedure beyond doubt: a code, or a name with its time next to it. */
function isExplicit(line: string, d: Designator, end: number): boolean {
  return d.codeStart !== undefined || d.time !== null || labelTime(line, d.end, end) !== null || trailingTime(line, d.end, end) !== null;
}

/** A designator that starts the text (a leading time expression is allowed). */
function designatorAtStart(line: string, from: number, end: number, codes: CodeTable): Designator | null {
  return readDesignator(line, from, end, codes, true);
}

function tableEntries(lines: LineIndex, table: Block, section: Section, codes: CodeTable): Candidate[] {
  const out: Candidate[] = [];
  const rows = table.children.filter((r) => r.type === 'row');
  const header = rows.find((r) => r.header);
  const cols = header ? classifyColumns(splitRow(lines.line(header.startLine)).map((c) => c.text)) : {};
  // A row's reading depends on its text and the table's columns only: kept by the memo (memo.ts).
  const layout = `${cols.code},${cols.name},${cols.minutes},${cols.start},${cols.end}`;
  for (const r of rows) {
    if (r.header || !inSection(section, r.startLine)) continue;
    const line = lines.line(r.startLine);
    const row = memoized('tableRow', line, () => readRow(detached(line), cols, codes), layout);
    if (row === 'label') break; // a section label swallowed into the table as a row
    if (!row) continue;
    const cand: Candidate = { line: r.startLine, endLine: r.startLine + 1, form: 'table', d: row.d };
    if (row.cellMinutes) cand.cellMinutes = row.cellMinutes;
    out.push(cand);
  }
  return out;
}

/** A table row's designator and the minutes in its Min (or Start and End) cells; 'label' for a section label. */
function readRow(line: string, cols: Columns, codes: CodeTable): 'label' | null | Pick<Candidate, 'd' | 'cellMinutes'> {
  if (labelAt(line, 0)) return 'label';
  const cells = splitRow(line);
  let d: Designator | null = null;
  const tryCell = (idx: number | undefined) => {
    if (d || idx === undefined || !cells[idx]) return;
    d = designatorOf(line, cells[idx].start, cells[idx].end, codes);
  };
  tryCell(cols.code);
  tryCell(cols.name);
  if (cols.code === undefined && cols.name === undefined) tryCell(0);
  if (!d) return null;
  const out: Pick<Candidate, 'd' | 'cellMinutes'> = { d };
  if (cols.minutes !== undefined && cells[cols.minutes]) {
    const cell = cells[cols.minutes];
    const m = parseMinutesValue(line.slice(cell.start, cell.end));
    if (m !== null) out.cellMinutes = { minutes: m, start: cell.start, end: cell.end };
  } else if (cols.start !== undefined && cols.end !== undefined && cells[cols.start] && cells[cols.end]) {
    // Start and End columns: the entry's time is the range between them.
    const a = cells[cols.start];
    const b = cells[cols.end];
    const m = parseMinutesValue(`${a.text} - ${b.text}`);
    if (m !== null) out.cellMinutes = { minutes: m, start: a.start, end: b.end };
  }
  return out;
}

interface Cell {
  text: string;
  start: number;
  end: number;
}

/** Splits a GFM table row into trimmed cells with their offsets (escaped pipes and code spans kept). The cells are shared within a lint: not to be changed. */
export function splitRow(line: string): Cell[] {
  // A row is split by the table reader, the entry reader, the words reader and fixes: once per lint.
  return perLint('rowCells', line, () => readCells(line));
}

function readCells(line: string): Cell[] {
  const cells: Cell[] = [];
  let i = skipSpaces(line, 0);
  if (line[i] === '|') i++;
  let start = i;
  let inCode = false;
  const push = (a: number, b: number) => {
    let x = a;
    let y = b;
    while (x < y && isSpace(line[x])) x++;
    while (y > x && isSpace(line[y - 1])) y--;
    cells.push({ text: line.slice(x, y), start: x, end: y });
  };
  for (; i < line.length; i++) {
    const c = line[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (c === '`') inCode = !inCode;
    if (c === '|' && !inCode) {
      push(start, i);
      start = i + 1;
    }
  }
  const tail = line.slice(start);
  if (tail.trim() !== '') push(start, line.length);
  return cells;
}

interface Columns {
  code?: number;
  name?: number;
  minutes?: number;
  start?: number;
  end?: number;
  units?: number;
  modifiers?: number;
}

export function classifyColumns(headers: string[]): Columns {
  const cols: Columns = {};
  headers.forEach((h, i) => {
    const w = h.toLowerCase().replace(/[*_`]/g, '').trim().split(/[^a-z]+/)[0] ?? '';
    const set = (k: keyof Columns) => {
      if (cols[k] === undefined) cols[k] = i;
    };
    if (['code', 'codes', 'cpt', 'hcpcs'].includes(w)) set('code');
    else if (['min', 'mins', 'minutes', 'minute', 'time', 'duration'].includes(w)) set('minutes');
    else if (['start', 'begin', 'from'].includes(w)) set('start');
    else if (['end', 'stop', 'finish', 'to'].includes(w)) set('end');
    else if (['units', 'unit', 'qty', 'quantity'].includes(w)) set('units');
    else if (['modifier', 'modifiers', 'mod', 'mods'].includes(w)) set('modifiers');
    else if (['intervention', 'interventions', 'procedure', 'procedures', 'service', 'services', 'treatment', 'activity', 'name'].includes(w)) set('name');
  });
  return cols;
}

function makeEntry(lines: LineIndex, c: Candidate, endLine: number, section: Section, codes: CodeTable): Entry {
  const n = c.line;
  const base = lines.starts[n];
  const line = lines.line(n);
  const info = codes.get(c.d.code);
  const first = c.form === 'table' ? skipSpaces(line, 0) : c.form === 'line' ? c.d.start : contentStart(line);
  const lastLine = endLine - 1;
  const entry: Entry = {
    code: c.d.code.toUpperCase(),
    known: !!info,
    timed: !!info?.timed,
    form: c.form,
    section,
    firstLine: n,
    endLine,
    range: { start: { line: n, character: Math.min(first, c.d.start) }, end: { line: lastLine, character: contentEnd(lines.line(lastLine)) } },
    designatorRange: { start: { line: n, character: c.d.start }, end: { line: n, character: c.d.end } },
    minutes: null,
    text: lines.text.slice(base + Math.min(first, c.d.start), lines.ends[lastLine]),
  };
  if (c.d.codeStart !== undefined) entry.codeRange = { start: { line: n, character: c.d.codeStart }, end: { line: n, character: c.d.codeEnd! } };
  if (c.d.unknownToken !== undefined && entry.codeRange) entry.unknownCode = { code: c.d.unknownToken.toUpperCase(), range: entry.codeRange };

  if (c.cellMinutes) {
    entry.minutes = c.cellMinutes.minutes;
    entry.minutesRange = { start: { line: n, character: c.cellMinutes.start }, end: { line: n, character: c.cellMinutes.end } };
    return entry;
  }
  // Where a time next to the code may still be written: the rest of the line, or of the table cell.
  const end = c.form === 'table'
    ? splitRow(line).find((x) => x.start <= c.d.start && c.d.end <= x.end)?.end ?? c.d.end
    : contentEnd(line, c.form === 'heading');
  const time: TimeExpr | null = c.d.time ?? labelTime(line, c.d.end, end) ?? trailingTime(line, c.d.end, end) ?? labelledTime(lines, n, endLine);
  if (time) {
    let minutes = time.minutes;
    let range = { start: time.start, end: time.end };
    const tl = (time as TimeExpr & { line?: number }).line ?? n;
    if (time.kind === 'range') {
      // Several ranges on that line are added.
      for (const t of scanTimes(lines.line(tl))) {
        if (t.kind === 'range' && t.start !== time.start) {
          minutes += t.minutes;
          range = { start: Math.min(range.start, t.start), end: Math.max(range.end, t.end) };
        }
      }
    }
    entry.minutes = minutes;
    entry.minutesRange = { start: { line: tl, character: range.start }, end: { line: tl, character: range.end } };
  }
  return entry;
}

/** "Time: 23 min" / "Minutes: 23" on a line of the entry. */
function labelledTime(lines: LineIndex, from: number, to: number): (TimeExpr & { line: number }) | null {
  for (let n = from; n < to; n++) {
    const s = lines.line(n);
    let i = contentStart(s);
    while (s[i] === '*' || s[i] === '_') i++;
    const m = /^(time|minutes|mins|duration|treatment time)[\s*_]*[:=][\s*_]*/i.exec(s.slice(i, i + 40));
    if (!m) continue;
    const at = i + m[0].length;
    const rest = s.slice(at);
    const v = parseMinutesValue(rest.split(/[;,.(]/)[0] ?? '');
    if (v === null) continue;
    const times = scanTimes(s, at);
    const end = times.length ? times[0].end : at + (/^\d+/.exec(rest)?.[0].length ?? 0);
    return { start: at, end, minutes: v, kind: times[0]?.kind ?? 'duration', line: n };
  }
  return null;
}

// ---------------------------------------------------------------------------------------
// Goals

const GOAL_PREFIXES: [string, string][] = (
  [
    ['long-term goal', 'LTG'], ['long term goal', 'LTG'], ['lt goal', 'LTG'], ['ltg', 'LTG'],
    ['short-term goal', 'STG'], ['short term goal', 'STG'], ['st goal', 'STG'], ['stg', 'STG'],
    ['goal', 'G'], ['g', 'G'],
  ] as [string, string][]
).sort((a, b) => b[0].length - a[0].length);

export interface GoalRef {
  id: string;
  start: number;
  end: number;
}

/** A goal id at `i`: `LTG1`, `LTG 1`, `LTG-1`, `LTG #1`, `STG2`, `Goal 3`, `G3`, `goal #3`. */
export function goalIdAt(s: string, i: number): GoalRef | null {
  if (i > 0 && isWordChar(s[i - 1])) return null;
  // Every prefix starts with "lo", "lt", "sh", "st", "go" or "g" and a digit.
  const c0 = lowerCodeAt(s, i);
  const c1 = lowerCodeAt(s, i + 1);
  if (c0 === 0x6c ? c1 !== 0x6f && c1 !== 0x74 : c0 === 0x73 ? c1 !== 0x68 && c1 !== 0x74 : c0 === 0x67 ? c1 !== 0x6f && !(c1 >= 0x30 && c1 <= 0x39) : true) return null;
  for (let g = 0; g < GOAL_PREFIXES.length; g++) {
    const word = GOAL_PREFIXES[g][0];
    const prefix = GOAL_PREFIXES[g][1];
    if (s.length - i < word.length + 1) continue;
    let j = 0;
    for (; j < word.length; j++) {
      const b = word[j];
      if (lowerCodeAt(s, i + j) === word.charCodeAt(j) || (b === '-' && isDash(s[i + j])) || (b === ' ' && isSpace(s[i + j]))) continue;
      break;
    }
    if (j < word.length) continue;
    let k = i + word.length;
    if (word.length > 1 && s[k] === 's' && word.endsWith('goal')) continue; // "goals"
    let gap = 0;
    while ((isSpace(s[k]) || isDash(s[k]) || s[k] === '#') && gap < 3) {
      k++;
      gap++;
    }
    if (prefix === 'G' && word === 'g' && gap > 0) continue; // "G 3" is not an id; "G3" is
    const numStart = k;
    while (isDigit(s[k]) && k - numStart < 3) k++;
    if (k === numStart || isDigit(s[k])) continue;
    let idEnd = k;
    if (/[a-z]/.test(s[k] ?? '') && !isWordChar(s[k + 1])) idEnd = k + 1;
    else if (isWordChar(s[k])) continue;
    return { id: prefix + String(Number(s.slice(numStart, k))) + s.slice(k, idEnd), start: i, end: idEnd };
  }
  return null;
}

/** Every goal id referenced in `s[from, to)`. */
export function findGoalRefs(s: string, from = 0, to = s.length): GoalRef[] {
  const out: GoalRef[] = [];
  const sub = to < s.length ? s.slice(0, to) : s;
  for (let i = from; i < to; i++) {
    const c = sub[i];
    if (c !== 'l' && c !== 'L' && c !== 's' && c !== 'S' && c !== 'g' && c !== 'G') continue;
    const r = goalIdAt(sub, i);
    if (r) {
      out.push(r);
      i = r.end - 1;
    }
  }
  return out;
}

function findGoals(lines: LineIndex, blocks: Block[], info: LineInfo, section: Section): Goal[] {
  const out: Goal[] = [];
  const seen = new Set<number>();
  const add = (n: number, start: number, id: string, idStart: number, idEnd: number, endLine: number, text?: string) => {
    if (seen.has(n)) return;
    seen.add(n);
    const s = lines.line(n);
    let t = idEnd;
    while (t < s.length && (isSpace(s[t]) || s[t] === ':' || isDash(s[t]) || s[t] === '*' || s[t] === '_' || s[t] === ')' || s[t] === '.')) t++;
    const last = trimBlankTail(lines, n, endLine) - 1;
    out.push({
      id, line: n,
      idRange: { start: { line: n, character: idStart }, end: { line: n, character: idEnd } },
      range: { start: { line: n, character: start }, end: { line: last, character: contentEnd(lines.line(last)) } },
      text: text ?? lines.text.slice(lines.starts[n] + t, lines.ends[last]),
    });
  };
  for (const b of blocks) {
    if (!inSection(section, b.startLine) || (b.startLine === section.startLine && section.form === 'heading')) continue;
    if (b.type === 'item') {
      const s = lines.line(b.startLine);
      let a = contentStart(s);
      while (s[a] === '*' || s[a] === '_') a++;
      const ref = goalIdAt(s, a);
      const end = Math.min(firstChildListLine(b) ?? b.endLine, section.endLine);
      if (ref) add(b.startLine, contentStart(s), ref.id, ref.start, ref.end, end);
      else if (b.number !== undefined && b.parent?.ordered) {
        const m = contentStart(s);
        let markerStart = skipSpaces(s, 0);
        add(b.startLine, m, 'G' + b.number, markerStart, m - 1 > markerStart ? s.lastIndexOf(String(b.number), m) + String(b.number).length : m, end);
      }
    } else if (b.type === 'row' && !b.header) {
      const s = lines.line(b.startLine);
      const cells = splitRow(s);
      const ref = cells[0] ? goalIdAt(s, cells[0].start) : null;
      if (ref) add(b.startLine, cells[0].start, ref.id, ref.start, ref.end, b.startLine + 1, cells.slice(1).map((c) => c.text).join(' | '));
    }
  }
  // Goal lines written as plain paragraph lines ("LTG1: ...").
  for (let n = section.startLine; n < section.endLine; n++) {
    const leaf = info.leaf[n];
    if (info.excluded[n] || !leaf || leaf.type !== 'paragraph' || ancestor(leaf, 'item')) continue;
    const s = lines.line(n);
    const from = n === section.startLine && section.form === 'label' ? section.contentOffset - lines.starts[n] : skipSpaces(s, 0);
    let a = from;
    while (s[a] === '*' || s[a] === '_') a++;
    const ref = goalIdAt(s, a);
    if (ref) add(n, from, ref.id, ref.start, ref.end, n + 1);
  }
  out.sort((x, y) => x.line - y.line);
  return out;
}

function firstChildListLine(item: Block): number | undefined {
  const list = item.children.find((c) => c.type === 'list');
  return list?.startLine;
}

// ---------------------------------------------------------------------------------------
// Billing lines

const MODIFIERS = new Set([
  'GP', 'GO', 'GN', 'KX', 'CQ', 'CO', '59', 'XE', 'XS', 'XP', 'XU', '76', '77', '95', '25', '52', 'GA', 'GY', 'GZ', 'RT', 'LT', '22', 'KF',
]);

function findBilling(lines: LineIndex, blocks: Block[], info: LineInfo, section: Section, codes: CodeTable): BilledLine[] {
  const out: BilledLine[] = [];
  const claimed = new Set<number>();
  for (const b of blocks) {
    if (!inSection(section, b.startLine)) continue;
    if (b.type === 'item') {
      claimed.add(b.startLine);
      const s = lines.line(b.startLine);
      out.push(...billedItems(lines, b.startLine, contentStart(s), contentEnd(s), 'list', section, codes));
    } else if (b.type === 'table') {
      for (let n = b.startLine; n < b.endLine; n++) claimed.add(n);
      const rows = b.children.filter((r) => r.type === 'row');
      const header = rows.find((r) => r.header);
      const cols = header ? classifyColumns(splitRow(lines.line(header.startLine)).map((c) => c.text)) : {};
      for (const r of rows) {
        if (r.header || !inSection(section, r.startLine)) continue;
        const item = billedRow(lines, r.startLine, cols, section, codes);
        if (item) out.push(item);
      }
    }
  }
  for (let n = section.startLine; n < section.endLine; n++) {
    if (info.excluded[n] || claimed.has(n)) continue;
    const leaf = info.leaf[n];
    if (!leaf || leaf.type !== 'paragraph' || ancestor(leaf, 'blockquote')) continue;
    const s = lines.line(n);
    if (ancestor(leaf, 'item') && isSpace(s[0])) continue; // continuation text of a list item
    const from = n === section.startLine && section.form === 'label' ? section.contentOffset - lines.starts[n] : skipSpaces(s, 0);
    if (n === section.startLine && section.form !== 'label') continue;
    out.push(...billedItems(lines, n, from, contentEnd(s), 'line', section, codes));
  }
  out.sort((a, b) => a.line - b.line || a.codeRange.start.character - b.codeRange.start.character);
  return out;
}

/** The code a billing text starts with (after markup and an optional "CPT"). */
function leadingCode(s: string, from: number, end: number): { start: number; end: number; code: string } | null {
  let i = from;
  for (;;) {
    while (i < end && (s[i] === '*' || s[i] === '_' || s[i] === '`' || s[i] === '(' || s[i] === '[' || isSpace(s[i]))) i++;
    const w = /^(cpt|hcpcs|code)\b\s*[:#]?/i.exec(s.slice(i, i + 8));
    if (w) {
      i += w[0].length;
      continue;
    }
    break;
  }
  return codeTokenAt(s, i, true);
}

function billedItems(lines: LineIndex, n: number, from: number, end: number, form: BilledLine['form'], section: Section, codes: CodeTable): BilledLine[] {
  const s = lines.line(n);
  const first = leadingCode(s, from, end);
  if (!first) return [];
  // Further codes on the same line start further items: "97530 x2 GP, 97110 x1 GP".
  const starts = [first, ...scanCodes(s, first.end, end).filter((t) => t.start > first.end)];
  const out: BilledLine[] = [];
  for (let k = 0; k < starts.length; k++) {
    const tok = starts[k];
    const segEnd = k + 1 < starts.length ? starts[k + 1].start : end;
    const item = parseBilledSegment(s, n, tok, segEnd, codes);
    out.push({ ...item, form, section, line: n });
  }
  return out;
}

function parseBilledSegment(s: string, n: number, tok: { start: number; end: number; code: string }, segEnd: number, codes: CodeTable): Omit<BilledLine, 'form' | 'section' | 'line'> {
  const at = (a: number, b: number): Range => ({ start: { line: n, character: a }, end: { line: n, character: b } });
  const code = tok.code.toUpperCase();
  const item: Omit<BilledLine, 'form' | 'section' | 'line'> = {
    code, known: !!codes.get(code), codeRange: at(tok.start, tok.end), units: 1, modifiers: [], range: at(tok.start, trimEnd(s, tok.end, segEnd)),
  };
  readUnitsAndModifiers(s, tok.end, segEnd, item, at);
  return item;
}

function trimEnd(s: string, start: number, end: number): number {
  while (end > start && (isSpace(s[end - 1]) || s[end - 1] === ',' || s[end - 1] === ';')) end--;
  return end;
}

function readUnitsAndModifiers(
  s: string, from: number, end: number,
  item: { units: number; unitsRange?: Range; modifiers: { value: string; range: Range }[] },
  at: (a: number, b: number) => Range,
): void {
  let i = from;
  let haveUnits = false;
  while (i < end) {
    const c = s[i];
    if (isSpace(c) || c === ',' || c === ';' || isDash(c) || c === '(' || c === ')' || c === '*' || c === '_' || c === '|' || c === '/' || c === ':') {
      i++;
      continue;
    }
    // x2, x 2, ×2 (but not "x 23 min")
    if ((c === 'x' || c === 'X' || c === '\u00d7') && (i === from || !isWordChar(s[i - 1]))) {
      const j = skipSpaces(s, i + 1, end);
      const m = /^\d{1,3}(?!\d)/.exec(s.slice(j, j + 4));
      if (m && !/^\s*(min|minutes|mins)\b/i.test(s.slice(j + m[0].length, j + m[0].length + 10))) {
        if (!haveUnits) {
          item.units = Number(m[0]);
          item.unitsRange = at(j, j + m[0].length);
          haveUnits = true;
        }
        i = j + m[0].length;
        continue;
      }
    }
    // "2 units", "2 unit(s)", "2 u"
    if (isDigit(c) && !isWordChar(s[i - 1])) {
      const m = /^(\d{1,3})\s*(units?(?:\(s\))?|u)(?![a-z])/i.exec(s.slice(i, i + 16));
      if (m) {
        if (!haveUnits) {
          item.units = Number(m[1]);
          item.unitsRange = at(i, i + m[1].length);
          haveUnits = true;
        }
        i += m[0].length;
        continue;
      }
    }
    // "units: 2", "units 2", "qty 2"
    if (isAsciiLetter(c) && !isWordChar(s[i - 1])) {
      const m = /^(units?|qty)[\s:=]*(\d{1,3})(?!\d)/i.exec(s.slice(i, i + 16));
      if (m) {
        const numAt = i + m[0].length - m[2].length;
        if (!haveUnits) {
          item.units = Number(m[2]);
          item.unitsRange = at(numAt, numAt + m[2].length);
          haveUnits = true;
        }
        i += m[0].length;
        continue;
      }
    }
    // A two-character modifier token.
    if (isWordChar(c) && !isWordChar(s[i - 1]) && i + 2 <= end && !isWordChar(s[i + 2])) {
      const tok = s.slice(i, i + 2).toUpperCase();
      if (MODIFIERS.has(tok)) {
        item.modifiers.push({ value: tok, range: at(i, i + 2) });
        i += 2;
        continue;
      }
    }
    // Anything else (a word, minutes): skip the token.
    while (i < end && !isSpace(s[i]) && s[i] !== ',' && s[i] !== ';' && s[i] !== '(' && s[i] !== ')' && !isDash(s[i])) i++;
  }
}

function billedRow(lines: LineIndex, n: number, cols: Columns, section: Section, codes: CodeTable): BilledLine | null {
  const s = lines.line(n);
  const cells = splitRow(s);
  if (cells.length === 0) return null;
  const codeCell = cells[cols.code ?? 0];
  if (!codeCell) return null;
  const tok = leadingCode(s, codeCell.start, codeCell.end);
  if (!tok) return null;
  const at = (a: number, b: number): Range => ({ start: { line: n, character: a }, end: { line: n, character: b } });
  const code = tok.code.toUpperCase();
  const last = cells[cells.length - 1];
  const item: BilledLine = {
    code, known: !!codes.get(code), codeRange: at(tok.start, tok.end), units: 1, modifiers: [], range: at(tok.start, last.end),
    line: n, form: 'table', section,
  };
  if (cols.units !== undefined && cells[cols.units]) {
    const cell = cells[cols.units];
    const m = /^\D{0,2}(\d{1,3})(?!\d)/.exec(cell.text);
    if (m) {
      const off = cell.start + cell.text.indexOf(m[1]);
      item.units = Number(m[1]);
      item.unitsRange = at(off, off + m[1].length);
    }
  }
  // Modifiers from the modifier column, else from any cell after the code; units likewise when no column.
  // Reads s[a, b): returns its modifiers, and takes its units when allowed and none is known yet.
  const read = (a: number, b: number, takeUnits: boolean): BilledLine['modifiers'] => {
    const found = { units: item.units, unitsRange: item.unitsRange, modifiers: [] as BilledLine['modifiers'] };
    readUnitsAndModifiers(s, a, b, found, at);
    if (takeUnits && !item.unitsRange && found.unitsRange) {
      item.units = found.units;
      item.unitsRange = found.unitsRange;
    }
    return found.modifiers;
  };
  const scan = cols.modifiers !== undefined ? [cells[cols.modifiers]].filter(Boolean) : cells.filter((c) => c !== codeCell);
  for (const cell of scan) item.modifiers.push(...read(cell.start, cell.end, cols.units === undefined));
  if (codeCell.end > tok.end) item.modifiers.unshift(...read(tok.end, codeCell.end, true));
  return item;
}

// ---------------------------------------------------------------------------------------
// Disable comments: <!-- therapy-note-lint-disable rule-a, rule-b -->

const DIRECTIVE = 'therapy-note-lint-';
const DIRECTIVE_KINDS: Directive['kind'][] = ['disable-next-line', 'disable-line', 'disable-file', 'disable', 'enable'];

function findDirectives(lines: LineIndex, info: LineInfo): Directive[] {
  const out: Directive[] = [];
  const text = lines.text;
  let from = 0;
  for (;;) {
    const open = text.indexOf('<!--', from);
    if (open < 0) break;
    const close = text.indexOf('-->', open + 4);
    const end = close < 0 ? text.length : close + 3;
    from = end;
    const pos = lines.positionAt(open);
    // Comments inside code or front matter are text, not directives.
    if (info.excluded[pos.line] === CODE || info.excluded[pos.line] === FRONT_MATTER) continue;
    const body = text.slice(open + 4, close < 0 ? text.length : close).trim();
    if (!body.startsWith(DIRECTIVE)) continue;
    const rest = body.slice(DIRECTIVE.length);
    const kind = DIRECTIVE_KINDS.find((k) => rest.startsWith(k) && (rest.length === k.length || /\s/.test(rest[k.length])));
    if (!kind) continue;
    const rules = rest.slice(kind.length).split(/[\s,]+/).filter((r) => r.length > 0);
    out.push({ kind, rules, line: pos.line, range: lines.range(open, end) });
    if (close < 0) break;
  }
  return out;
}
