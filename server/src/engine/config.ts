/**
 * `.therapy-note-lint.json` (JSON with comments) → Settings. Pure: the caller reads the
 * file. Validated against the JSON schema in `schemas/` (the same one VS Code uses), so
 * a bad config gives one clear message naming the file, the key and what was expected.
 */
import Ajv, { type ErrorObject } from 'ajv';
import { parse as parseJsonc, printParseErrorCode, parseTree, findNodeAtLocation, type ParseError } from 'jsonc-parser';
import schema from '../../../schemas/therapy-note-lint.schema.json';
import { CodeTable, editDistance, type CustomCode } from './codes';
import { globProblem } from './glob';
import { resolvePayers, type PayerConfig } from './payers';
import type { RuleSetting, Settings } from './settings';
import { LineIndex } from './text';
import type { SeveritySetting } from './types';

export const CONFIG_FILE = '.therapy-note-lint.json';

export class ConfigError extends Error {
  constructor(
    readonly file: string,
    readonly line: number | null,
    readonly column: number | null,
    readonly detail: string,
  ) {
    super(`${file}${line !== null ? `:${line}:${column}` : ''}: ${detail}`);
    this.name = 'ConfigError';
  }
}

interface RawConfig {
  rules?: Record<string, SeveritySetting | 'warn' | ({ severity: SeveritySetting | 'warn' } & Record<string, unknown>)>;
  defaultPayer?: string;
  payers?: Record<string, PayerConfig & { rules?: Record<string, SeveritySetting | 'warn'> }>;
  include?: string[];
  exclude?: string[];
  codes?: Record<string, CustomCode>;
  ncciPtpFiles?: string[];
  feeSchedule?: string;
}

let validator: ReturnType<Ajv['compile']> | null = null;
function validate(value: unknown): ErrorObject[] {
  validator ??= new Ajv({ allErrors: true, strict: false, verbose: true }).compile(schema);
  return validator(value) ? [] : [...(validator.errors ?? [])];
}

/** Parses and validates a configuration file's text. `dir` is its folder (globs are relative to it). */
export function parseConfig(text: string, file: string, dir: string): Settings {
  const errors: ParseError[] = [];
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const value = parseJsonc(body, errors, { allowTrailingComma: true, disallowComments: false });
  const lines = new LineIndex(body);
  if (errors.length > 0) {
    const e = errors[0];
    const p = lines.positionAt(e.offset);
    throw new ConfigError(file, p.line + 1, p.character + 1, `not valid JSON: ${describeParseError(printParseErrorCode(e.error))}.`);
  }
  if (value === undefined || value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new ConfigError(file, 1, 1, 'expected an object such as { "rules": { … } }.');
  }
  const problems = validate(value);
  if (problems.length > 0) throw schemaError(problems, body, lines, file);
  return toSettings(value as RawConfig, file, dir, body, lines);
}

const PARSE_ERRORS: Record<string, string> = {
  InvalidSymbol: 'unexpected character',
  InvalidNumberFormat: 'a number is malformed',
  PropertyNameExpected: 'expected a key in double quotes',
  ValueExpected: 'expected a value',
  ColonExpected: 'expected a colon after the key',
  CommaExpected: 'expected a comma',
  CloseBraceExpected: 'expected a closing brace }',
  CloseBracketExpected: 'expected a closing bracket ]',
  EndOfFileExpected: 'unexpected text after the end',
  InvalidCommentToken: 'a comment is malformed',
  UnexpectedEndOfComment: 'a comment is not closed',
  UnexpectedEndOfString: 'a string is not closed',
  UnexpectedEndOfNumber: 'a number is cut off',
  InvalidUnicode: 'an escaped character is malformed',
  InvalidEscapeCharacter: 'an escape sequence is malformed',
  InvalidCharacter: 'a character is not allowed here',
};

function describeParseError(code: string): string {
  return PARSE_ERRORS[code] ?? code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

function keyPath(instancePath: string): string[] {
  return instancePath
    .split('/')
    .slice(1)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function dotted(path: (string | number)[]): string {
  return path.map(String).join('.');
}

function locate(body: string, lines: LineIndex, path: (string | number)[], key = false): { line: number; column: number } {
  const tree = parseTree(body, [], { allowTrailingComma: true });
  let node = tree ? findNodeAtLocation(tree, path) : undefined;
  if (node && key && node.parent?.type === 'property') node = node.parent.children?.[0];
  for (let p = path.slice(); !node && p.length > 0; p = p.slice(0, -1)) node = tree ? findNodeAtLocation(tree, p.slice(0, -1)) : undefined;
  const pos = lines.positionAt(node?.offset ?? 0);
  return { line: pos.line + 1, column: pos.character + 1 };
}

function schemaError(errors: ErrorObject[], body: string, lines: LineIndex, file: string): ConfigError {
  // The deepest error is the most specific; at one depth, "anyOf" (which explains itself
  // with x-expected) and "propertyNames" (which names the key) beat their sub-errors.
  const rank = (e: ErrorObject) => (e.keyword === 'anyOf' || e.keyword === 'propertyNames' ? 0 : 1);
  errors.sort((a, b) => keyPath(b.instancePath).length - keyPath(a.instancePath).length || rank(a) - rank(b));
  const e = errors[0];
  const path = keyPath(e.instancePath);
  const found = (p: string[]) => {
    let v: unknown = parseJsonc(body, [], { allowTrailingComma: true });
    for (const k of p) v = v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined;
    return JSON.stringify(v);
  };
  let detail: string;
  let at = locate(body, lines, path);
  const where = path.length > 0 ? `"${dotted(path)}"` : 'the configuration';
  switch (e.keyword) {
    case 'additionalProperties': {
      const extra = String((e.params as { additionalProperty: string }).additionalProperty);
      at = locate(body, lines, [...path, extra], true);
      const known = Object.keys(propertiesAt(path)).filter((k) => k !== '$schema');
      const near = known.find((k) => closeTo(k, extra));
      detail = `unknown key "${[...path, extra].join('.')}"${near ? ` (did you mean "${near}"?)` : ''}; expected one of ${known.map((k) => `"${k}"`).join(', ')}.`;
      break;
    }
    case 'enum':
      detail = `${where} must be one of ${(e.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(', ')}; found ${found(path)}.`;
      break;
    case 'type':
      detail = `${where} must be ${article(String((e.params as { type: string }).type))}; found ${found(path)}.`;
      break;
    case 'anyOf':
      detail = `${where} must be ${String((e.parentSchema as { 'x-expected'?: string })?.['x-expected'] ?? 'valid')}; found ${found(path)}.`;
      break;
    case 'required':
      detail = `${where} needs "${(e.params as { missingProperty: string }).missingProperty}".`;
      break;
    case 'pattern':
      detail = `${where} is not a CPT (five digits) or HCPCS (a letter and four digits) code.`;
      break;
    case 'propertyNames': {
      const name = String((e.params as { propertyName: string }).propertyName);
      at = locate(body, lines, [...path, name], true);
      detail = `"${name}" under ${where} is not a CPT (five digits) or HCPCS (a letter and four digits) code.`;
      break;
    }
    case 'minimum':
      detail = `${where} must be at least ${(e.params as { limit: number }).limit}; found ${found(path)}.`;
      break;
    case 'minLength':
      detail = `${where} must not be empty.`;
      break;
    case 'uniqueItems':
      detail = `${where} lists the same value twice.`;
      break;
    default:
      detail = `${where} ${e.message ?? 'is not valid'}.`;
  }
  return new ConfigError(file, at.line, at.column, detail);
}

function article(type: string): string {
  const t = type.replace(',', ' or ');
  if (t === 'integer,null' || t === 'integer or null') return 'a whole number or null';
  if (t === 'integer') return 'a whole number';
  if (t === 'object') return 'an object';
  if (t === 'array') return 'a list';
  if (t === 'string') return 'a string';
  if (t === 'boolean') return 'true or false';
  return `a ${t}`;
}

/** The `properties` the schema allows at a path (for "did you mean"). */
function propertiesAt(path: string[]): Record<string, unknown> {
  type S = { properties?: Record<string, unknown>; additionalProperties?: unknown; $ref?: string };
  const defs = (schema as { definitions: Record<string, S> }).definitions;
  const deref = (s: S | undefined): S | undefined => (s?.$ref ? defs[s.$ref.split('/').pop()!] : s);
  let node: S | undefined = schema as S;
  for (const k of path) {
    node = deref(node);
    const next: S | undefined = (node?.properties?.[k] as S | undefined) ?? (typeof node?.additionalProperties === 'object' ? (node.additionalProperties as S) : undefined);
    node = deref(next);
  }
  return deref(node)?.properties ?? {};
}

function closeTo(a: string, b: string): boolean {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  return a !== b && (x === y || editDistance(x, y) <= Math.max(2, Math.floor(Math.min(x.length, y.length) / 4)));
}

function severity(s: SeveritySetting | 'warn'): SeveritySetting {
  return s === 'warn' ? 'warning' : s;
}

function toSettings(raw: RawConfig, file: string, dir: string, body: string, lines: LineIndex): Settings {
  const rules: Record<string, RuleSetting> = {};
  for (const [id, v] of Object.entries(raw.rules ?? {})) {
    if (typeof v === 'string') rules[id] = { severity: severity(v) };
    else {
      const { severity: s, ...options } = v;
      rules[id] = { severity: severity(s), options };
    }
  }
  const payerConfigs: Record<string, PayerConfig> = {};
  for (const [name, p] of Object.entries(raw.payers ?? {})) {
    const r: Record<string, SeveritySetting> = {};
    for (const [id, s] of Object.entries(p.rules ?? {})) r[id] = severity(s);
    payerConfigs[name] = { ...p, rules: r };
  }
  let payers;
  try {
    payers = resolvePayers(payerConfigs);
  } catch (err) {
    const msg = (err as Error).message;
    const m = /^payers\.([^.:]+)/.exec(msg);
    const at = locate(body, lines, m ? ['payers', m[1], 'extends'] : ['payers']);
    throw new ConfigError(file, at.line, at.column, msg);
  }
  const defaultPayer = (raw.defaultPayer ?? 'medicare').toLowerCase();
  if (!payers[defaultPayer]) {
    const at = locate(body, lines, ['defaultPayer']);
    throw new ConfigError(file, at.line, at.column, `"defaultPayer" names an unknown payer profile "${raw.defaultPayer}"; known: ${Object.keys(payers).join(', ')}.`);
  }
  for (const key of ['include', 'exclude'] as const) {
    (raw[key] ?? []).forEach((glob, i) => {
      const problem = globProblem(glob);
      if (!problem) return;
      const at = locate(body, lines, [key, i]);
      throw new ConfigError(file, at.line, at.column, `"${key}.${i}" (${JSON.stringify(glob)}) ${problem}`);
    });
  }
  return {
    rules,
    payers,
    defaultPayer,
    include: raw.include ?? [],
    exclude: raw.exclude ?? [],
    baseDir: dir,
    codes: new CodeTable(raw.codes ?? {}),
    ...(raw.ncciPtpFiles && raw.ncciPtpFiles.length > 0 ? { ncciPtpFiles: raw.ncciPtpFiles } : {}),
    ...(raw.feeSchedule ? { feeSchedule: raw.feeSchedule } : {}),
  };
}
