/**
 * Who wrote the note: credentials (note-format.md, "Front matter": which mark an assistant,
 * which a therapist), signature lines, and the note's discipline. Used by missing-signature
 * and by the modifier rules (GP/GO/GN for the discipline, CQ/CO for assistants).
 */
import { isDash, isSpace } from './chars';
import { excludedLines, type NoteModel } from './note';
import type { Discipline, Range } from './types';
import { perLint } from './scope';

export type { Discipline };

export interface Credential {
  /** As written, upper-cased without dots: `OTR/L`, `CCC-SLP`. */
  value: string;
  discipline: Discipline | null;
  assistant: boolean;
}

/**
 * Credentials the note format names (assistants: PTA, LPTA, COTA, OTA, COTA/L, SLPA;
 * therapists: PT, DPT, MPT, OT, OTR, OTR/L, OTD, SLP, CCC-SLP), plus a few common spellings
 * of the same titles (MSPT, OT/L, SLP-CCC, CF-SLP).
 */
const CREDENTIALS: Record<string, { discipline: Discipline; assistant: boolean }> = {
  PT: { discipline: 'PT', assistant: false },
  DPT: { discipline: 'PT', assistant: false },
  MPT: { discipline: 'PT', assistant: false },
  MSPT: { discipline: 'PT', assistant: false },
  PTA: { discipline: 'PT', assistant: true },
  LPTA: { discipline: 'PT', assistant: true },
  OT: { discipline: 'OT', assistant: false },
  OTR: { discipline: 'OT', assistant: false },
  'OTR/L': { discipline: 'OT', assistant: false },
  'OT/L': { discipline: 'OT', assistant: false },
  OTD: { discipline: 'OT', assistant: false },
  COTA: { discipline: 'OT', assistant: true },
  'COTA/L': { discipline: 'OT', assistant: true },
  OTA: { discipline: 'OT', assistant: true },
  SLP: { discipline: 'SLP', assistant: false },
  'CCC-SLP': { discipline: 'SLP', assistant: false },
  'SLP-CCC': { discipline: 'SLP', assistant: false },
  'CF-SLP': { discipline: 'SLP', assistant: false },
  SLPA: { discipline: 'SLP', assistant: true },
};

/** The therapy credentials in a name-and-credentials text ("Sam Lee, PTA", "Ana Ruiz PT, DPT"). */
export function parseCredentials(text: string): Credential[] {
  const out: Credential[] = [];
  let i = 0;
  while (i < text.length) {
    while (i < text.length && (isSpace(text[i]) || text[i] === ',' || text[i] === ';' || text[i] === '(' || text[i] === ')')) i++;
    const start = i;
    while (i < text.length && !isSpace(text[i]) && text[i] !== ',' && text[i] !== ';' && text[i] !== '(' && text[i] !== ')') i++;
    if (i === start) continue;
    const written = text.slice(start, i).replace(/[.*_]/g, '');
    const value = written.toUpperCase();
    // Credentials are written in capitals: "pt" is the word patient, "PT" the credential.
    const c = written === value ? CREDENTIALS[value] : undefined;
    if (c && !out.some((o) => o.value === value)) out.push({ value, ...c });
  }
  return out;
}

export interface Signer {
  /** The signature text after its label: name and credentials. */
  text: string;
  credentials: Credential[];
  /** A co-signature or supervisor's review rather than the treating provider's. */
  cosign: boolean;
  line: number;
  range: Range;
}

/** Labels that introduce a signature (lower case, compared after markup is stripped). */
const SIGN_LABELS = [
  'signed', 'signed by', 'signature', 'electronically signed', 'electronically signed by', 'e-signed by', 'esigned by',
  'e-signature', 'therapist signature', 'provider signature', 'co-signed', 'co-signed by', 'cosigned', 'cosigned by',
  'co-signature', 'reviewed and co-signed by', 'supervising therapist', 'supervisor', 'therapist', 'treating therapist',
  'provider', 'rendering provider',
].sort((a, b) => b.length - a.length); // longest first: "signed by" before "signed"
const COSIGN = ['co-sign', 'cosign', 'supervis', 'reviewed'];
/** The first letters of the labels. */
const LABEL_FIRST = new Set(SIGN_LABELS.map((l) => l[0]));

/** Strips list markers, block quote markers and emphasis around a line's start. */
function stripMarkup(s: string): { text: string; offset: number } {
  let i = 0;
  for (;;) {
    while (i < s.length && isSpace(s[i])) i++;
    if (s[i] === '>') {
      i++;
      continue;
    }
    if ((s[i] === '*' || s[i] === '+') && isSpace(s[i + 1])) {
      i += 2;
      continue;
    }
    if (s[i] === '*' || s[i] === '_') {
      i++;
      continue;
    }
    break;
  }
  return { text: s.slice(i), offset: i };
}

/** Trims spaces and trailing emphasis markers (linear; no regex). */
function trimEmphasis(s: string): string {
  let b = s.length;
  while (b > 0 && (isSpace(s[b - 1]) || s[b - 1] === '*' || s[b - 1] === '_')) b--;
  return s.slice(0, b).trim();
}

/** Reads a signature from one line, or null. */
function signatureOn(line: string): { text: string; cosign: boolean; at: number } | null {
  const { text, offset } = stripMarkup(line);
  // "— Sam Lee, PTA" / "-- Sam Lee, PTA" / "- Sam Lee, PTA" (a list item that is only a name and credentials).
  if (isDash(text[0])) {
    let j = 0;
    while (j < text.length && isDash(text[j])) j++;
    const bare = bareSignature(text.slice(j));
    return bare ? { text: bare.text, cosign: false, at: offset + j + bare.at } : null;
  }
  // Most lines start with no label's letter: no lower-case copy of them (every line is asked).
  if (text.length === 0 || !LABEL_FIRST.has(text[0].toLowerCase())) return null;
  const lower = text.toLowerCase();
  // "Signed: …", "Electronically signed by …", "**Signature:** …".
  for (let l = 0; l < SIGN_LABELS.length; l++) {
    const label = SIGN_LABELS[l];
    if (!lower.startsWith(label)) continue;
    let j = label.length;
    const after = text[j];
    if (after !== undefined && after !== ':' && !isSpace(after) && after !== '*' && after !== '_') continue;
    while (j < text.length && (text[j] === '*' || text[j] === '_' || text[j] === ':' || isSpace(text[j]))) j++;
    const rest = trimEmphasis(text.slice(j));
    if (rest.length === 0) return { text: '', cosign: false, at: offset + j };
    // "Therapist: …" and "Provider: …" are signatures only with credentials.
    if ((label === 'therapist' || label === 'provider' || label === 'supervisor' || label === 'treating therapist' || label === 'rendering provider') && parseCredentials(rest).length === 0) return null;
    return { text: rest, cosign: COSIGN.some((c) => lower.startsWith(c) || lower.includes(c)), at: offset + j };
  }
  return null;
}

/** A last line that is only "Name, CRED" ("Ana Ruiz, DPT"). */
function bareSignature(line: string): { text: string; at: number } | null {
  const { text, offset } = stripMarkup(line);
  const t = trimEmphasis(text);
  const comma = t.indexOf(',');
  if (comma <= 0 || t.length > 80) return null;
  const words = t.split(/\s+/).length;
  if (words > 8) return null;
  const tail = t.slice(comma + 1);
  const creds = parseCredentials(tail);
  if (creds.length === 0) return null;
  // Everything after the name must be credentials or other short upper-case titles (MS, MA).
  if (!tail.split(/[\s,]+/).filter(Boolean).every((w) => /^[A-Z][A-Za-z./-]{0,9}$/.test(w))) return null;
  return { text: t, at: offset };
}

/**
 * Signature lines of the note, outside front matter, code and HTML. A bare "Name, CRED"
 * line counts only among the last five non-blank lines. Read once per note: several rules
 * and fixes ask.
 */
export function findSignatures(note: NoteModel): Signer[] {
  return perLint('signatures', note, () => readSignatures(note));
}

function readSignatures(note: NoteModel): Signer[] {
  const { lines } = note;
  const skip = excludedLines(note);
  const out: Signer[] = [];
  const tailLines: number[] = [];
  for (let n = lines.lineCount - 1; n >= 0 && tailLines.length < 5; n--) if (!skip[n] && !lines.isBlank(n)) tailLines.push(n);
  for (let n = 0; n < lines.lineCount; n++) {
    if (skip[n]) continue;
    const s = lines.line(n);
    const sig = signatureOn(s) ?? (tailLines.includes(n) ? bareSignature(s) : null);
    if (!sig) continue;
    const r = lines.trimmedLineRange(n);
    out.push({
      text: sig.text,
      credentials: parseCredentials(sig.text),
      cosign: 'cosign' in sig && sig.cosign === true,
      line: n,
      range: { start: { line: n, character: Math.max(r.start.character, 0) }, end: r.end },
    });
  }
  return out;
}

/** Who provided the note's service: its discipline, and whether an assistant did (the modifier rules). */
export interface Provider {
  /** Front matter `discipline`, else the provider's credentials, else the treating signer's. */
  discipline: Discipline | null;
  /** Where the discipline comes from, for messages. */
  disciplineSource: 'front matter' | 'credentials' | null;
  /** The treating provider is an assistant; null when no credentials say either way. */
  assistant: boolean | null;
  /** The assistant credential (PTA, COTA, …) when the treating provider is an assistant. */
  assistantCredential: Credential | null;
  signers: Signer[];
  /**
   * The treating provider's signature (the last one that is not a co-signature and has
   * credentials), when the front matter's `provider` has no credentials; else null.
   */
  signer: Signer | null;
}

export function noteProvider(note: NoteModel): Provider {
  const fm = note.frontMatter;
  const signers = findSignatures(note);
  const fmCreds = fm?.provider ? parseCredentials(fm.provider) : [];
  // Without a `provider`, the treating signature: the last signature line that is not a
  // co-signature and carries credentials.
  const signer = fmCreds.length > 0 ? null : [...signers].reverse().find((x) => !x.cosign && x.credentials.length > 0);
  const creds = fmCreds.length > 0 ? fmCreds : signer ? signer.credentials : [];
  const discipline = fm?.discipline ?? creds.find((c) => c.discipline)?.discipline ?? null;
  const assistantCredential = creds.find((c) => c.assistant) ?? null;
  return {
    discipline,
    disciplineSource: fm?.discipline ? 'front matter' : discipline ? 'credentials' : null,
    assistant: creds.length === 0 ? null : assistantCredential !== null,
    assistantCredential,
    signers,
    signer: signer ?? null,
  };
}

/** Every credential on the note (front matter `provider`, signature lines) is an assistant's. */
export function assistantOnly(note: NoteModel): boolean {
  const provider = noteProvider(note);
  const fm = note.frontMatter?.provider ? parseCredentials(note.frontMatter.provider) : [];
  const creds = [...fm, ...provider.signers.flatMap((s) => s.credentials)];
  return creds.length > 0 && creds.every((c) => c.assistant);
}
