/**
 * Character classes shared by every scanner: one definition of spaces, digits, letters and
 * dashes (note-format.md: "en/em dashes and hyphens treated alike").
 */

export function isSpace(c: string | undefined): boolean {
  return c === ' ' || c === '\t' || c === '\u00a0';
}
export function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= '0' && c <= '9';
}
export function isAsciiLetter(c: string | undefined): boolean {
  return c !== undefined && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'));
}
export function isLetter(c: string | undefined): boolean {
  return c !== undefined && /\p{L}/u.test(c);
}
export function isWordChar(c: string | undefined): boolean {
  return c !== undefined && (isDigit(c) || isLetter(c));
}
export function skipSpaces(s: string, i: number, end = s.length): number {
  while (i < end && isSpace(s[i])) i++;
  return i;
}
/** Hyphen, hyphen variants, figure, en and em dash, minus sign. */
const DASHES = '-\u2010\u2011\u2012\u2013\u2014\u2212';
export function isDash(c: string | undefined): boolean {
  return c !== undefined && c.length === 1 && DASHES.includes(c);
}
