/**
 * Editor-facing logic over a lint result, shared by the language server (and testable
 * without it): code lens titles, hover Markdown, the document outline, completion
 * candidates, snippet text for placeholder suggestions, disable-comment edits and fix-all.
 * Pure: no LSP types, no file system.
 */
import type { Analysis, CodeFacts } from './analysis';
import { explain, explainTotal, formatMinutes } from './billing';
import type { CodeTable } from './codes';
import { applyFixes } from './fix';
import type { LintResult } from './lint';
import type { NoteModel, Section } from './note';
import { billingStatus } from './summary';
import { comparePositions } from './text';
import type { Finding, Position, Range, TextEdit } from './types';

const METHOD_SHORT = { cms: 'CMS', ama: 'AMA' } as const;
const METHOD_LONG = { cms: 'CMS total-time method', ama: 'AMA per-code method' } as const;

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
const fmt = formatMinutes;

export function contains(range: Range, pos: Position): boolean {
  return comparePositions(range.start, pos) <= 0 && comparePositions(pos, range.end) <= 0;
}

export function intersects(a: Range, b: Range): boolean {
  return comparePositions(a.start, b.end) <= 0 && comparePositions(b.start, a.end) <= 0;
}

// ---------------------------------------------------------------------------------------
// Placeholders: "{{minutes}}" in a suggestion's text.

export interface PlaceholderText {
  /** The text with its placeholders as written (`{{minutes}}`), for clients without snippets. */
  plain: string;
  /** LSP/TextMate snippet syntax: `${1:minutes}`, other text escaped. */
  snippet: string;
  hasPlaceholders: boolean;
}

/** Splits text into literal runs and `{{name}}` placeholders (one pass, no regex). */
function placeholderParts(text: string): (string | { name: string })[] {
  const parts: (string | { name: string })[] = [];
  let lit = '';
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '{' && text[i + 1] === '{') {
      let j = i + 2;
      while (j < text.length && j - i < 40 && /[A-Za-z0-9_-]/.test(text[j])) j++;
      if (j > i + 2 && text[j] === '}' && text[j + 1] === '}') {
        if (lit) parts.push(lit);
        lit = '';
        parts.push({ name: text.slice(i + 2, j) });
        i = j + 1;
        continue;
      }
    }
    lit += text[i];
  }
  if (lit) parts.push(lit);
  return parts;
}

export function placeholderText(text: string): PlaceholderText {
  const parts = placeholderParts(text);
  const stops = new Map<string, number>();
  let snippet = '';
  let has = false;
  for (const p of parts) {
    if (typeof p === 'string') snippet += p.replace(/[\\$}]/g, (c) => '\\' + c);
    else {
      has = true;
      let n = stops.get(p.name);
      if (n === undefined) {
        n = stops.size + 1;
        stops.set(p.name, n);
        snippet += `\${${n}:${p.name}}`;
      } else snippet += `$${n}`;
    }
  }
  return { plain: text, snippet, hasPlaceholders: has };
}

// ---------------------------------------------------------------------------------------
// Disable comments

export const DISABLE_PREFIX = 'therapy-note-lint-';

function indentOf(s: string): string {
  let i = 0;
  while (i < s.length && (s[i] === ' ' || s[i] === '\t')) i++;
  return s.slice(0, i);
}

function inFrontMatter(note: NoteModel, line: number): boolean {
  const fm = note.frontMatter;
  return !!fm && line >= fm.startLine && line <= fm.endLine;
}

/** Adds `ruleId` to an existing directive comment's rule list; null when the directive covers every rule already. */
function extendDirective(note: NoteModel, range: Range, rules: string[], ruleId: string): TextEdit | null {
  if (rules.length === 0 || rules.includes(ruleId)) return null;
  const lines = note.lines;
  const start = lines.offsetAt(range.start);
  const end = lines.offsetAt(range.end);
  const body = note.text.slice(start, end);
  const close = body.lastIndexOf('-->');
  let at = close < 0 ? body.length : close;
  while (at > 0 && (body[at - 1] === ' ' || body[at - 1] === '\t')) at--;
  const pos = lines.positionAt(start + at);
  return { range: { start: pos, end: pos }, newText: `, ${ruleId}` };
}

/**
 * "Disable <rule> for this line": a `disable-next-line` comment on its own line above the
 * finding's line, indented like it; on a table row (where a line of its own would end the
 * table) a `disable-line` comment at the end of the row. Null inside front matter.
 */
export function disableLineEdit(note: NoteModel, finding: Finding): TextEdit | null {
  const line = finding.range.start.line;
  if (inFrontMatter(note, line)) return null;
  const existing = note.directives.find((d) => d.kind === 'disable-next-line' && d.range.end.line + 1 === line);
  if (existing) return extendDirective(note, existing.range, existing.rules, finding.ruleId);
  const s = note.lines.line(line);
  const trimmed = s.trimStart();
  if (trimmed.startsWith('|')) {
    const sameLine = note.directives.find((d) => d.kind === 'disable-line' && d.line === line);
    if (sameLine) return extendDirective(note, sameLine.range, sameLine.rules, finding.ruleId);
    let end = s.length;
    while (end > 0 && (s[end - 1] === ' ' || s[end - 1] === '\t')) end--;
    const pos = { line, character: end };
    return { range: { start: pos, end: pos }, newText: ` <!-- ${DISABLE_PREFIX}disable-line ${finding.ruleId} -->` };
  }
  const pos = { line, character: 0 };
  return { range: { start: pos, end: pos }, newText: `${indentOf(s)}<!-- ${DISABLE_PREFIX}disable-next-line ${finding.ruleId} -->${note.eol}` };
}

/** "Disable <rule> for this file": a `disable-file` comment after the front matter (or at the top), or the rule added to an existing one. */
export function disableFileEdit(note: NoteModel, ruleId: string): TextEdit | null {
  const existing = note.directives.find((d) => d.kind === 'disable-file');
  if (existing) {
    if (existing.rules.length === 0 || existing.rules.includes(ruleId)) return null;
    return extendDirective(note, existing.range, existing.rules, ruleId);
  }
  const comment = `<!-- ${DISABLE_PREFIX}disable-file ${ruleId} -->`;
  const fm = note.frontMatter;
  if (!fm) return { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: comment + note.eol + note.eol };
  const lines = note.lines;
  const at = fm.endLine + 1;
  if (at >= lines.lineCount) {
    const pos = { line: fm.endLine, character: lines.ends[fm.endLine] - lines.starts[fm.endLine] };
    return { range: { start: pos, end: pos }, newText: note.eol + note.eol + comment };
  }
  const pos = { line: at, character: 0 };
  // A blank line between the comment and what follows keeps the next block what it was.
  return { range: { start: pos, end: pos }, newText: comment + note.eol + (lines.isBlank(at) ? '' : note.eol) };
}

// ---------------------------------------------------------------------------------------
// Fix-all

/** The text after applying the safe fixes in passes, exactly as `--fix` does (at most 10 passes). */
export function fixAllText(text: string, first: LintResult, relint: (text: string) => LintResult, maxPasses = 10): string {
  if (!first.isNote || first.unparsable) return text;
  let out = text;
  let result = first;
  for (let pass = 0; pass < maxPasses; pass++) {
    const { output, applied } = applyFixes(out, result.findings);
    if (applied.length === 0 || output === out) break;
    result = relint(output);
    if (result.unparsable) return text; // a fix must never leave a note unreadable
    out = output;
  }
  return out;
}

/** One edit turning `before` into `after`: the span between their common prefix and suffix. */
export function minimalEdit(before: string, after: string): { start: number; end: number; newText: string } | null {
  if (before === after) return null;
  let p = 0;
  const max = Math.min(before.length, after.length);
  while (p < max && before.charCodeAt(p) === after.charCodeAt(p)) p++;
  let s = 0;
  while (s < max - p && before.charCodeAt(before.length - 1 - s) === after.charCodeAt(after.length - 1 - s)) s++;
  // Never split a \r\n pair or a surrogate pair.
  while (p > 0 && (isLow(before.charCodeAt(p)) || (before[p - 1] === '\r' && before[p] === '\n'))) p--;
  while (s > 0 && (isLow(before.charCodeAt(before.length - s)) || (before[before.length - s - 1] === '\r' && before[before.length - s] === '\n'))) s--;
  return { start: p, end: before.length - s, newText: after.slice(p, after.length - s) };
}

function isLow(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}

// ---------------------------------------------------------------------------------------
// Code lenses

export interface Lens {
  range: Range;
  title: string;
  kind: 'intervention' | 'summary';
}

/** Per intervention: `97530 · 23 min → 2 units (CMS)`. */
export function interventionLensTitle(a: Analysis, f: CodeFacts, entryMinutes: number | null): string {
  if (!f.timed) return `${f.code} · untimed → 1 unit`;
  const method = METHOD_SHORT[a.payer.method];
  const minutes = f.entries.length > 1
    ? `${entryMinutes === null ? '?' : fmt(entryMinutes)} of ${f.minutes === null ? '?' : fmt(f.minutes)} min`
    : `${entryMinutes === null ? '?' : fmt(entryMinutes)} min`;
  const al = f.allocation;
  const units = !al ? '? units' : al.min !== al.max ? `${al.min}–${al.max} units` : plural(al.units, 'unit');
  return `${f.code} · ${minutes} → ${units} (${method})`;
}

/** The summary: `Timed 38 min → 3 units: 97530 ×2, 97110 ×1 · billed 3 ✓`. */
export function summaryTitle(a: Analysis): string {
  const s = a.summary;
  let head: string;
  if (a.timedCodes.length === 0) head = 'No timed codes';
  else {
    const minutes = s.totalTimedMinutes === null ? '?' : fmt(s.totalTimedMinutes);
    const units = s.totalUnits === null ? '? units' : plural(s.totalUnits, 'unit');
    const per = a.timedCodes
      .map((f) => (f.allocation ? `${f.code} ×${f.allocation.units}` : `${f.code} ${f.minutes === null ? '?' : fmt(f.minutes)} min`))
      .join(', ');
    head = `Timed ${minutes} min → ${units}: ${per}`;
  }
  const untimed = [...a.codes.values()].filter((f) => f.info && !f.timed && f.entries.length > 0).map((f) => `${f.code} ×1`);
  if (untimed.length > 0) head += ` · untimed ${untimed.join(', ')}`;
  const st = billingStatus(a);
  if (st.billed !== null) head += ` · billed ${st.billed}${st.ok === true ? ' ✓' : st.ok === false ? ' ✗' : ''}`;
  return head;
}

export function codeLenses(result: LintResult): Lens[] {
  const { note, analysis } = result;
  if (!result.isNote || !note || !analysis) return [];
  const out: Lens[] = [];
  const billing = note.sections.find((s) => s.kind === 'billing');
  const top = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  out.push({ kind: 'summary', range: billing ? billing.titleRange : top, title: summaryTitle(analysis) });
  for (const e of note.entries) {
    const f = analysis.codes.get(e.code);
    if (!f || !f.info) continue;
    out.push({ kind: 'intervention', range: e.designatorRange, title: interventionLensTitle(analysis, f, e.minutes) });
  }
  return out.sort((x, y) => comparePositions(x.range.start, y.range.start));
}

// ---------------------------------------------------------------------------------------
// The billing breakdown (custom request, status bar, the summary lens's command)

export interface BillingSummaryResult {
  isNote: boolean;
  line: string | null;
  status: 'ok' | 'mismatch' | 'unknown' | null;
  markdown: string;
}

function cell(v: number | null): string {
  return v === null ? '?' : fmt(v);
}

export function billingSummary(result: LintResult): BillingSummaryResult {
  const a = result.analysis;
  if (!result.isNote || !a) return { isNote: false, line: null, status: null, markdown: '' };
  const st = billingStatus(a);
  const status = st.ok === true ? 'ok' : st.ok === false ? 'mismatch' : 'unknown';
  const line = summaryTitle(a);
  const md: string[] = [`**Billing** · payer \`${a.payer.name}\`, ${METHOD_LONG[a.payer.method]}`, '', line, ''];
  const codes = [...a.codes.values()];
  if (codes.length > 0) {
    md.push('| Code | Procedure | Timed | Minutes | Units | Billed |', '|---|---|---|---:|---:|---:|');
    for (const c of a.summary.codes) {
      const f = a.codes.get(c.code)!;
      const label = f.info ? escapeCell(f.info.label) : 'not in the code table';
      const timed = !f.info ? '—' : f.timed ? 'timed' : 'untimed';
      const billed = c.billedUnits === null ? '—' : String(c.billedUnits) + (c.modifiers.length > 0 ? ` ${c.modifiers.join(' ')}` : '');
      md.push(`| ${c.code} | ${label} | ${timed} | ${cell(c.minutes)} | ${cell(c.units)} | ${billed} |`);
    }
    md.push('');
  }
  md.push(...arithmetic(a));
  return { isNote: true, line, status, markdown: md.join('\n').trimEnd() + '\n' };
}

function escapeCell(s: string): string {
  return s.replace(/\|/g, '\\|');
}

/** The arithmetic behind the note's units, as Markdown paragraphs. */
function arithmetic(a: Analysis): string[] {
  const out: string[] = [];
  if (a.units) out.push(explain(a.units));
  else if (a.timedCodes.length > 0) {
    const missing = a.timedCodes.filter((f) => f.minutes === null).map((f) => f.code);
    out.push(`Units per code cannot be computed: ${missing.length > 0 ? `${missing.join(', ')} ${missing.length === 1 ? 'has' : 'have'} an entry without minutes` : 'an entry\'s code is not in the code table'}.`);
    if (a.timedTotal && a.payer.method === 'cms') out.push(`From the note's total timed minutes: ${explainTotal(a.timedTotal.value)}.`);
  }
  return out.flatMap((p) => [p, '']);
}

// ---------------------------------------------------------------------------------------
// Hovers

/** The code under the cursor: an entry's code or procedure name, or a billed code. */
export function codeAt(note: NoteModel, pos: Position): { code: string; range: Range } | null {
  for (const b of note.billing) if (contains(b.codeRange, pos)) return { code: b.code, range: b.codeRange };
  for (const e of note.entries) {
    if (e.unknownCode && contains(e.unknownCode.range, pos)) return { code: e.unknownCode.code, range: e.unknownCode.range };
    if (e.codeRange && contains(e.codeRange, pos)) return { code: e.code, range: e.codeRange };
    if (contains(e.designatorRange, pos)) return { code: e.code, range: e.designatorRange };
  }
  return null;
}

/** Markdown for a hover on a CPT/HCPCS code: our label, timed or not, this note's minutes and units with the arithmetic. */
export function codeHover(result: LintResult, codes: CodeTable, code: string): string {
  const a = result.analysis;
  const info = codes.get(code);
  if (!info) {
    const near = codes.nearest(code);
    return `**${code}** is not in the code table.${near.length > 0 ? ` Nearest known: ${near.join(', ')}.` : ''}`;
  }
  const md: string[] = [`**${info.code}** · ${info.label}`, ''];
  md.push(info.timed
    ? 'Timed code: billed in 15-minute units from the minutes documented.'
    : info.perArea
      ? 'Untimed code: billed by area, one unit per further 20 sq cm.'
      : 'Untimed code: one unit per day whatever its length; its minutes are not timed minutes.');
  md.push('');
  const f = a?.codes.get(info.code);
  if (a && f) {
    const method = METHOD_LONG[a.payer.method];
    if (f.timed && f.entries.length > 0) {
      const entryMin = f.entries.map((e) => (e.minutes === null ? '?' : fmt(e.minutes)));
      const minutes = f.entries.length > 1 ? `${entryMin.join(' + ')} = ${cell(f.minutes)} min` : `${entryMin[0]} min`;
      const al = f.allocation;
      const units = !al ? '? units' : al.min !== al.max ? `${al.min}–${al.max} units (a tie: the clinician chooses)` : plural(al.units, 'unit');
      md.push(`This note (payer \`${a.payer.name}\`, ${method}): ${minutes} → ${units}.`, '');
      md.push(...arithmetic(a));
    } else if (!f.timed && f.entries.length > 0) {
      md.push(`This note: documented${f.minutes !== null ? ` (${fmt(f.minutes)} min, not counted as timed)` : ''} → 1 unit.`, '');
    } else if (f.entries.length === 0) {
      md.push('This note: not documented in an intervention.', '');
    }
    if (f.billedUnits !== null) md.push(`Billed: ×${f.billedUnits}${f.modifiers.length > 0 ? ` ${f.modifiers.join(' ')}` : ''}.`, '');
  }
  return md.join('\n').trimEnd();
}

export interface RulePage {
  why: string;
  badIntro: string;
  bad: string;
  goodIntro: string;
  good: string;
}

function pageSection(page: string, heading: string): string {
  const at = page.indexOf(`\n## ${heading}\n`);
  if (at < 0) return '';
  const from = at + heading.length + 5;
  const next = page.indexOf('\n## ', from);
  // A heading inside a fenced example is not the next section: skip past fences.
  let end = next < 0 ? page.length : next;
  const fence = page.indexOf('\n````', from);
  if (fence >= 0 && fence < end) {
    const close = page.indexOf('\n````', fence + 5);
    const after = close < 0 ? -1 : page.indexOf('\n## ', close + 5);
    end = after < 0 ? page.length : after;
  }
  return page.slice(from, end).trim();
}

function splitExample(section: string): { intro: string; code: string } {
  const open = section.indexOf('````markdown\n');
  if (open < 0) return { intro: section, code: '' };
  const close = section.indexOf('\n````', open + 13);
  return { intro: section.slice(0, open).trim(), code: section.slice(open + 13, close < 0 ? section.length : close) };
}

/** The parts of a rule page (`docs/rules/<id>.md`) a hover shows. */
export function parseRulePage(page: string): RulePage {
  const text = page.replace(/\r\n?/g, '\n');
  const bad = splitExample(pageSection(text, 'Bad example'));
  const good = splitExample(pageSection(text, 'Good example'));
  return { why: pageSection(text, 'Why'), badIntro: bad.intro, bad: bad.code, goodIntro: good.intro, good: good.code };
}

/**
 * The lines where the bad and good examples differ, with one line of context on each
 * side (examples are whole notes; the difference is what teaches).
 */
export function exampleExcerpts(bad: string, good: string, maxLines = 12): { bad: string; good: string } {
  const b = bad.split('\n');
  const g = good.split('\n');
  let p = 0;
  while (p < b.length && p < g.length && b[p] === g[p]) p++;
  let s = 0;
  while (s < b.length - p && s < g.length - p && b[b.length - 1 - s] === g[g.length - 1 - s]) s++;
  const cut = (lines: string[]) => {
    const from = Math.max(0, p - 1);
    const to = Math.min(lines.length, lines.length - s + 1);
    let part = lines.slice(from, to);
    const more = part.length > maxLines;
    if (more) part = part.slice(0, maxLines);
    return [...(from > 0 ? ['…'] : []), ...part, ...(more || to < lines.length ? ['…'] : [])].join('\n');
  };
  return { bad: cut(b), good: cut(g) };
}

/** Markdown for a hover on a finding: the rule's why and its bad and good example. */
export function findingHover(finding: Finding, description: string | undefined, page: RulePage | undefined, href: string): string {
  const md: string[] = [`**${finding.ruleId}**${description ? ` · ${description}` : ''}`, ''];
  if (page) {
    if (page.why) md.push('**Why.** ' + page.why, '');
    if (page.bad || page.good) {
      const ex = exampleExcerpts(page.bad, page.good);
      md.push(`**Bad example.**${page.badIntro ? ' ' + page.badIntro : ''}`, '', '````markdown', ex.bad, '````', '');
      md.push(`**Good example.**${page.goodIntro ? ' ' + page.goodIntro : ''}`, '', '````markdown', ex.good, '````', '');
    }
  }
  md.push(`[Rule page](${href})`);
  return md.join('\n');
}

// ---------------------------------------------------------------------------------------
// Document symbols: the SOAP outline

export interface EditorSymbol {
  name: string;
  detail?: string;
  kind: 'section' | 'intervention' | 'goal' | 'billing';
  range: Range;
  selectionRange: Range;
  children: EditorSymbol[];
}

const SECTION_NAMES: Record<Section['kind'], string> = {
  S: 'Subjective', O: 'Objective', A: 'Assessment', P: 'Plan', goals: 'Goals', interventions: 'Interventions', billing: 'Billing',
};

function shorten(s: string, max = 60): string {
  const one = s.replace(/\s+/g, ' ').trim();
  return one.length <= max ? one : one.slice(0, max - 1).trimEnd() + '…';
}

function within(outer: Range, inner: Range): Range {
  const start = comparePositions(inner.start, outer.start) < 0 ? outer.start : inner.start;
  const end = comparePositions(inner.end, outer.end) > 0 ? outer.end : inner.end;
  return comparePositions(start, end) <= 0 ? { start, end } : { start: outer.start, end: outer.start };
}

export function documentSymbols(note: NoteModel, codes: CodeTable): EditorSymbol[] {
  const lines = note.lines;
  return note.sections.map((s) => {
    let last = s.endLine - 1;
    while (last > s.startLine && lines.isBlank(last)) last--;
    const range: Range = { start: { line: s.startLine, character: 0 }, end: { line: last, character: lines.ends[last] - lines.starts[last] } };
    const children: EditorSymbol[] = [];
    for (const e of note.entries) {
      if (e.section !== s) continue;
      const info = codes.get(e.code);
      children.push({
        name: `${e.code}${e.minutes !== null ? ` · ${fmt(e.minutes)} min` : ''}`,
        detail: info?.label,
        kind: 'intervention',
        range: within(range, e.range),
        selectionRange: within(range, e.designatorRange),
        children: [],
      });
    }
    for (const g of note.goals) {
      if (g.line < s.startLine || g.line >= s.endLine) continue;
      children.push({ name: g.id, detail: shorten(g.text), kind: 'goal', range: within(range, g.range), selectionRange: within(range, g.idRange), children: [] });
    }
    for (const b of note.billing) {
      if (b.section !== s) continue;
      children.push({
        name: `${b.code} ×${b.units}${b.modifiers.length > 0 ? ' ' + b.modifiers.map((m) => m.value).join(' ') : ''}`,
        detail: codes.get(b.code)?.label,
        kind: 'billing',
        range: within(range, b.range),
        selectionRange: within(range, b.codeRange),
        children: [],
      });
    }
    children.sort((x, y) => comparePositions(x.range.start, y.range.start));
    return { name: SECTION_NAMES[s.kind], kind: 'section' as const, range, selectionRange: within(range, s.titleRange), children };
  });
}

// ---------------------------------------------------------------------------------------
// Completion

export interface CompletionCandidate {
  label: string;
  kind: 'code' | 'name' | 'goal' | 'modifier';
  detail: string;
  insertText: string;
  /** The text before the cursor that the candidate replaces. */
  range: Range;
  sortText: string;
}

/** Modifiers offered on billing lines, with our own short explanations. */
export const MODIFIER_CANDIDATES: readonly [string, string][] = [
  ['GP', 'Services under a physical therapy plan of care'],
  ['GO', 'Services under an occupational therapy plan of care'],
  ['GN', 'Services under a speech-language pathology plan of care'],
  ['CQ', 'Furnished in whole or part by a physical therapist assistant'],
  ['CO', 'Furnished in whole or part by an occupational therapy assistant'],
  ['KX', 'Medical necessity documented above the therapy threshold'],
  ['59', 'Distinct procedural service'],
  ['XE', 'Separate encounter'],
  ['XS', 'Separate structure or organ'],
  ['XP', 'Separate practitioner'],
  ['XU', 'Unusual non-overlapping service'],
];

function isWordCh(c: string | undefined): boolean {
  return c !== undefined && /[A-Za-z0-9]/.test(c);
}

export function completionCandidates(note: NoteModel, codes: CodeTable, pos: Position): CompletionCandidate[] {
  if (pos.line >= note.lines.lineCount) return [];
  if (note.frontMatter && pos.line <= note.frontMatter.endLine) return [];
  const s = note.lines.line(pos.line);
  const ch = Math.min(pos.character, s.length);
  let a = ch;
  while (a > 0 && isWordCh(s[a - 1])) a--;
  const range: Range = { start: { line: pos.line, character: a }, end: { line: pos.line, character: ch } };
  const section = note.sections.find((x) => pos.line >= x.startLine && pos.line < x.endLine);
  const out: CompletionCandidate[] = [];
  const all = codes.all().sort((x, y) => x.code.localeCompare(y.code));
  const addCodes = (rank: string) => {
    for (const c of all) out.push({ label: c.code, kind: 'code', detail: `${c.label} (${c.timed ? 'timed' : 'untimed'})`, insertText: c.code, range, sortText: `${rank}${c.code}` });
  };
  if (section?.kind === 'billing') {
    // After a code on a billing line: modifiers; else a code starts the line.
    const before = s.slice(0, a);
    const hasCode = /(^|[^A-Za-z0-9])([0-9]{5}|[A-Za-z][0-9]{4})([^A-Za-z0-9]|$)/.test(before);
    // sortText keeps the list's order (GP, GO, GN first), which editors would otherwise sort by label.
    if (hasCode) MODIFIER_CANDIDATES.forEach(([m, d], i) => out.push({ label: m, kind: 'modifier', detail: d, insertText: m, range, sortText: `0${String(i).padStart(2, '0')}` }));
    addCodes(hasCode ? '1' : '0');
    return out;
  }
  if (section?.kind === 'goals') return out;
  addCodes('1');
  const seen = new Set<string>();
  for (const c of all) {
    for (const name of c.names) {
      const key = name.toLowerCase();
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ label: name, kind: 'name', detail: `${c.code} · ${c.label}`, insertText: name, range, sortText: `2${key}` });
    }
  }
  const goals = new Set<string>();
  for (const g of note.goals) {
    if (goals.has(g.id)) continue;
    goals.add(g.id);
    out.push({ label: g.id, kind: 'goal', detail: shorten(g.text), insertText: g.id, range, sortText: `0${g.id}` });
  }
  return out;
}
