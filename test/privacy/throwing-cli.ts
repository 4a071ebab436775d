/** The CLI from source, with a rule that throws (test/throwing-rule.ts). Run with `node --require tsx/cjs`. */
import { makeRuleThrow } from '../throwing-rule';

makeRuleThrow();
// eslint-disable-next-line @typescript-eslint/no-require-imports
require('../../server/src/cli/index');
