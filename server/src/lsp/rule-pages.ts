/**
 * The rule pages (`docs/rules/<id>.md`), embedded into the server bundle at build time:
 * `scripts/build.mjs` scans the folder and defines `__RULE_PAGES__` (id → page text).
 */
import { parseRulePage, type RulePage } from '../engine/editor';

declare const __RULE_PAGES__: Record<string, string> | undefined;

const pages: Record<string, string> = typeof __RULE_PAGES__ === 'object' && __RULE_PAGES__ ? __RULE_PAGES__ : {};
const parsed = new Map<string, RulePage>();

export function rulePage(id: string): RulePage | undefined {
  if (!Object.prototype.hasOwnProperty.call(pages, id)) return undefined;
  let p = parsed.get(id);
  if (!p) {
    p = parseRulePage(pages[id]);
    parsed.set(id, p);
  }
  return p;
}
