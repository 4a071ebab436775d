/**
 * NCCI procedure-to-procedure (PTP) edits (billing-rules.md §6): the pairs built in from
 * what the NCCI Policy Manual confirms (plus the disputed 97530/97140 pair), and a parser
 * for CMS's quarterly PTP files, which replace the built-ins when configured.
 *
 * PTP file format (billing-rules.md §6.1): tab-separated text; a copyright preamble, then a
 * header row (Column 1, Column 2, *=in existence prior to 1996, Effective Date, Deletion
 * Date, Modifier, PTP Edit Rationale), then one row per edit: column-1 code, column-2 code,
 * `*` or nothing, YYYYMMDD, YYYYMMDD or `*` (still active), 0/1/9, rationale. Cells may be
 * quoted ("…", with "" for a quote), and a quoted cell may span lines (the header's cells
 * do). Pure: text in, rows out; one pass over the text.
 */
import type { CodeTable } from './codes';

/** 0: a modifier cannot bypass the edit; 1: an NCCI-associated modifier may; 9: not an edit (deleted pairs). */
export type ModifierIndicator = 0 | 1 | 9;

export interface PtpEdit {
  column1: string;
  column2: string;
  /** YYYYMMDD. */
  effective: string;
  /** YYYYMMDD, the first day the edit no longer applies; null while active (`*`). */
  deletion: string | null;
  indicator: ModifierIndicator;
  rationale: string;
  /** The file as configured, and the 1-based line the row starts on. */
  file: string;
  line: number;
}

export class PtpFileError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly detail: string,
  ) {
    super(`${file}:${line}: ${detail}`);
    this.name = 'PtpFileError';
  }
}

const CODE = /^(\d{4}[0-9A-Z]|[A-Z]\d{4})$/;
const DATE = /^\d{8}$/;

function validDate(s: string): boolean {
  if (!DATE.test(s)) return false;
  const m = Number(s.slice(4, 6));
  const d = Number(s.slice(6, 8));
  return m >= 1 && m <= 12 && d >= 1 && d <= 31;
}

/**
 * Reads tab-separated records: cells split at tabs, records at line breaks (CRLF, LF or CR)
 * outside quotes. Calls `row(cells, line)` with the 1-based line each record starts on.
 */
function readRecords(text: string, row: (cells: string[], line: number) => void): void {
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  const n = text.length;
  while (i < n) {
    const startLine = line;
    const cells: string[] = [];
    let cell = '';
    for (;;) {
      if (i < n && text[i] === '"' && cell.trim() === '') {
        // A quoted cell: to the closing quote; "" is a quote; line breaks are kept.
        cell = '';
        i++;
        while (i < n) {
          const c = text[i];
          if (c === '"') {
            if (text[i + 1] === '"') {
              cell += '"';
              i += 2;
              continue;
            }
            i++;
            break;
          }
          if (c === '\n' || (c === '\r' && text[i + 1] !== '\n')) line++;
          cell += c;
          i++;
        }
        // Text after the closing quote, up to the next tab or line break, belongs to the cell.
        while (i < n && text[i] !== '\t' && text[i] !== '\n' && text[i] !== '\r') cell += text[i++];
      } else {
        while (i < n && text[i] !== '\t' && text[i] !== '\n' && text[i] !== '\r') cell += text[i++];
      }
      cells.push(cell);
      cell = '';
      if (i < n && text[i] === '\t') {
        i++;
        continue;
      }
      break;
    }
    if (i < n && text[i] === '\r') i++;
    if (i < n && text[i] === '\n') i++;
    line++;
    row(cells, startLine);
  }
}

/**
 * Parses one PTP file. `keep` filters rows by their codes (both must pass); the linter keeps
 * only pairs of codes in its code table, which keeps a full quarterly file small in memory.
 * Throws PtpFileError naming the file and line of the first malformed data row.
 */
export function parsePtpFile(text: string, file: string, keep?: (code: string) => boolean): PtpEdit[] {
  const out: PtpEdit[] = [];
  let header = false;
  readRecords(text, (raw, line) => {
    const cells = raw.map((c) => c.trim());
    if (cells.every((c) => c === '')) return;
    const first = cells[0].toUpperCase();
    if (!header && /^COLUMN\s*1\b/.test(first)) {
      header = true;
      return;
    }
    // Before the header, only rows that start with a code are data (a file may have no preamble or header).
    if (!header && !CODE.test(first)) return;
    const bad = (what: string): never => {
      throw new PtpFileError(file, line, `not a PTP edit row: ${what}. Expected tab-separated Column 1, Column 2, *=in existence prior to 1996, Effective Date (YYYYMMDD), Deletion Date (YYYYMMDD or *), Modifier (0, 1 or 9), Rationale.`);
    };
    if (cells.length < 6) bad(`${cells.length} column${cells.length === 1 ? '' : 's'} instead of 7`);
    const [c1, c2, , eff, del, mod] = cells;
    const col1 = c1.toUpperCase();
    const col2 = c2.toUpperCase();
    if (!CODE.test(col1)) bad(`column 1 "${c1.slice(0, 12)}" is not a CPT or HCPCS code`);
    if (!CODE.test(col2)) bad(`column 2 "${c2.slice(0, 12)}" is not a CPT or HCPCS code`);
    if (cells[2] !== '' && cells[2] !== '*') bad(`the "in existence prior to 1996" column is "${cells[2].slice(0, 12)}", not * or empty`);
    if (!validDate(eff)) bad(`effective date "${eff.slice(0, 12)}" is not YYYYMMDD`);
    if (del !== '*' && del !== '' && !validDate(del)) bad(`deletion date "${del.slice(0, 12)}" is not YYYYMMDD or *`);
    if (mod !== '0' && mod !== '1' && mod !== '9') bad(`modifier indicator "${mod.slice(0, 12)}" is not 0, 1 or 9`);
    if (keep && !(keep(col1) && keep(col2))) return;
    out.push({
      column1: col1, column2: col2, effective: eff, deletion: del === '*' || del === '' ? null : del,
      indicator: Number(mod) as ModifierIndicator, rationale: cells[6] ?? '', file, line,
    });
  });
  return out;
}

/** The edits of configured PTP files, by pair. */
export class PtpTable {
  private readonly byPair = new Map<string, PtpEdit[]>();

  constructor(
    edits: PtpEdit[],
    /** The files as configured. */
    readonly files: string[],
  ) {
    for (const e of edits) {
      const key = `${e.column1}|${e.column2}`;
      const list = this.byPair.get(key);
      if (list) list.push(e);
      else this.byPair.set(key, [e]);
    }
  }

  get size(): number {
    let n = 0;
    for (const l of this.byPair.values()) n += l.length;
    return n;
  }

  /**
   * The edit for column 1 `a` and column 2 `b` on a date of service (YYYYMMDD): the row
   * whose window [effective, deletion) covers it, the latest effective if several do. With
   * no date, the row that is still active (no deletion date).
   */
  edit(a: string, b: string, date: string | null): PtpEdit | null {
    const rows = this.byPair.get(`${a}|${b}`);
    if (!rows) return null;
    let best: PtpEdit | null = null;
    for (const r of rows) {
      const covers = date === null ? r.deletion === null : r.effective <= date && (r.deletion === null || date < r.deletion);
      if (covers && (!best || r.effective > best.effective)) best = r;
    }
    return best;
  }
}

// ---------------------------------------------------------------------------------------
// One pair of billed codes: the edit that applies, from a PTP file or built in.

export interface PairEdit {
  column1: string;
  column2: string;
  /** The column order is known: only a modifier on column 2 bypasses the edit. Otherwise either code's does. */
  orderKnown: boolean;
  indicator: 0 | 1;
  /** The code a fix appends the modifier to (column 2 when known). */
  fixOn: string;
  /** Where the edit comes from, for messages. */
  source: string;
  /** Built-in pair kind, for message details. */
  kind: 'file' | 'ptp-97530-97140' | 'reeval' | 'test-with-eval';
}

/** A physical medicine and rehabilitation therapy service (CPT 97010–97799) that is not an evaluation. */
function isPmrService(code: string, codes: CodeTable): boolean {
  if (!/^97\d{3}$/.test(code)) return false;
  const n = Number(code);
  return n >= 97010 && n <= 97799 && !(n >= 97161 && n <= 97172) && !!codes.get(code);
}

const REEVALS = new Set(['97164', '97168']);
const INITIAL_EVALS = new Set(['97161', '97162', '97163', '97165', '97166', '97167']);
/** Tests and orthotic/prosthetic codes that NCCI Ch. 11 §P pairs with evaluations, column order not stated. */
const TESTS_WITH_ANY_EVAL = new Set(['97750', '97755', '97763']);
const TESTS_WITH_REEVAL = new Set(['97750', '97755', '97763', '97760', '97761']);

const CH11 = 'NCCI Policy Manual Ch. 11 §P';

/** The built-in edit for two billed codes (in either order), or null. */
export function builtinEdit(a: string, b: string, codes: CodeTable): PairEdit | null {
  const has = (x: string, y: string) => (a === x && b === y) || (a === y && b === x);
  if (has('97530', '97140')) {
    return { column1: '97530', column2: '97140', orderKnown: false, indicator: 1, fixOn: '97140', source: 'billing-rules.md §6.3 [secondary]; sources dispute the column order', kind: 'ptp-97530-97140' };
  }
  for (const [x, y] of [[a, b], [b, a]]) {
    if (REEVALS.has(y) && isPmrService(x, codes)) {
      const either = TESTS_WITH_REEVAL.has(x);
      return { column1: x, column2: y, orderKnown: !either, indicator: 1, fixOn: y, source: CH11, kind: 'reeval' };
    }
    if (INITIAL_EVALS.has(y) && TESTS_WITH_ANY_EVAL.has(x)) {
      return { column1: y, column2: x, orderKnown: false, indicator: 1, fixOn: x, source: CH11, kind: 'test-with-eval' };
    }
  }
  return null;
}

/**
 * The edits between two billed codes: from the configured PTP files when there are any
 * (they replace the built-ins), else built in. Indicator 9 rows are not edits.
 */
export function pairEdits(a: string, b: string, codes: CodeTable, table: PtpTable | undefined, date: string | null): PairEdit[] {
  if (!table) {
    const e = builtinEdit(a, b, codes);
    return e ? [e] : [];
  }
  const out: PairEdit[] = [];
  for (const [x, y] of [[a, b], [b, a]]) {
    const e = table.edit(x, y, date);
    if (!e || e.indicator === 9) continue;
    const eff = `${e.effective.slice(0, 4)}-${e.effective.slice(4, 6)}-${e.effective.slice(6)}`;
    out.push({ column1: x, column2: y, orderKnown: true, indicator: e.indicator, fixOn: y, source: `the PTP file ${e.file} (line ${e.line}, effective ${eff})`, kind: 'file' });
  }
  return out;
}

/** A front matter date (YYYY-MM-DD) as a PTP date (YYYYMMDD). */
export function ptpDate(iso: string | undefined): string | null {
  return iso ? iso.replace(/-/g, '') : null;
}
