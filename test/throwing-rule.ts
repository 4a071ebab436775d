/**
 * For tests of what happens when a rule has a bug: makes one rule throw on every note that
 * holds THROW_MARKER, with an error whose message quotes the note, as a careless bug would.
 * Used by the wrappers that start the server and the CLI from source with it.
 */
import type { Rule } from '../server/src/engine/rule';
import { RULES_BY_ID } from '../server/src/engine/rules';

export const THROW_MARKER = 'MAKE-A-RULE-THROW';
export const THROWING_RULE = 'missing-minutes';

export function makeRuleThrow(): void {
  const rule = RULES_BY_ID.get(THROWING_RULE)! as Rule;
  const check = rule.check.bind(rule);
  rule.check = (ctx) => {
    if (ctx.note.text.includes(THROW_MARKER)) throw new TypeError(`cannot read ${ctx.note.text.slice(0, 400)}`);
    check(ctx);
  };
}
