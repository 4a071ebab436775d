/** The language server from source, with a rule that throws (test/throwing-rule.ts). Run with `node --require tsx/cjs`. */
import { makeRuleThrow } from '../throwing-rule';

makeRuleThrow();
// After the patch: the server's modules share the patched rule object.
require('../../server/src/server');
