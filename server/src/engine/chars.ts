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
const LETTER = /\p{L}/u;
export function isLetter(c: string | undefined): boolean {
  if (c === undefined) return false;
  const code = c.charCodeAt(0);
  // ASCII without the regular expression: this is called for nearly every character of a note.
  if (code < 0x80) return (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);
  return LETTER.test(c);
}
/**
 * The char code of `s[i]` lower-cased as String.prototype.toLowerCase would, for comparing
 * with lower-case ASCII text without making a string per character: A–Z, and the Kelvin
 * sign (the one character outside ASCII that lower-cases to an ASCII letter). NaN past the end.
 */
export function lowerCodeAt(s: string, i: number): number {
  const c = s.charCodeAt(i);
  return c >= 0x41 && c <= 0x5a ? c + 0x20 : c === 0x212a ? 0x6b : c;
}
export function isWordChar(c: string | undefined): boolean {
  return c !== undefined && (isDigit(c) || isLetter(c));
}
export function skipSpaces(s: string, i: number, end = s.length): number {
  while (i < end && isSpace(s[i])) i++;
  return i;
}
/** Hyphen, hyphen variants, figure, en and em dash, minus sign. */
export function isDash(c: string | undefined): boolean {
  if (c === undefined || c.length !== 1) return false;
  const code = c.charCodeAt(0);
  return code === 0x2d || (code >= 0x2010 && code <= 0x2014) || code === 0x2212;
}
