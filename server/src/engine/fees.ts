/**
 * A fee schedule for `kx-threshold`: a CSV of code and allowed amount (billing-rules.md
 * §5.2). The estimate of a patient's incurred expenses is only as good as this file, so
 * the user supplies it (`feeSchedule` in the configuration); nothing is built in.
 */

export class FeeFileError extends Error {
  constructor(
    readonly line: number,
    readonly detail: string,
  ) {
    super(`line ${line}: ${detail}`);
    this.name = 'FeeFileError';
  }
}

export interface FeeSchedule {
  /** The file as configured (for messages). */
  file: string;
  /** Allowed amount in dollars per code. */
  fees: ReadonlyMap<string, number>;
}

const CODE = /^(\d{5}|[A-Z]\d{4})$/;
const AMOUNT = /^\$?(\d{1,7}(,\d{3})*|\d+)(\.\d{1,4})?$/;

/** Splits one CSV line (RFC 4180 quoting, on one line). */
function fields(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cur += c;
    } else if (c === '"') quoted = true;
    else if (c === ',' || c === ';' || c === '\t') {
      out.push(cur.trim());
      cur = '';
    } else cur += c;
  }
  out.push(cur.trim());
  return out;
}

/**
 * Parses `code,amount` rows. A first row whose amount is not a number is a header; empty
 * lines and lines starting with `#` are skipped; further columns are ignored. Throws
 * FeeFileError with the line of a malformed row or a code listed twice.
 */
export function parseFeeSchedule(text: string, file: string): FeeSchedule {
  const fees = new Map<string, number>();
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  let seenRow = false;
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i].trim();
    if (raw === '' || raw.startsWith('#')) continue;
    const [code = '', amount = ''] = fields(raw);
    const c = code.toUpperCase();
    const a = amount.replace(/\s/g, '');
    if (!seenRow && !AMOUNT.test(a)) {
      seenRow = true; // a header row such as "code,allowed"
      continue;
    }
    seenRow = true;
    if (!CODE.test(c)) throw new FeeFileError(i + 1, `"${code}" is not a CPT (five digits) or HCPCS (a letter and four digits) code; expected rows of code and allowed amount, such as 97110,31.42.`);
    if (!AMOUNT.test(a)) throw new FeeFileError(i + 1, `the allowed amount for ${c} is not a number of dollars (found "${amount}"), such as 31.42.`);
    if (fees.has(c)) throw new FeeFileError(i + 1, `${c} is listed twice.`);
    fees.set(c, Number(a.replace(/[$,]/g, '')));
  }
  return { file, fees };
}
