/** The CLI from source, with a rule that throws (test/throwing-rule.ts). Run with `node --require tsx/cjs`. */
import { makeRuleThrow } from '../throwing-rule';

makeRuleThrow();
require('../../server/src/cli/index');
