// The one kind of user pattern the configuration accepts: `include`/`exclude` globs, which
// picomatch turns into regular expressions. Two shapes make such an expression backtrack
// for minutes on a long file name (measured: `+(*)b` took 56 s on a 29-character name,
// `*a*a*a*b` 0.9 s on 255 characters, `**/a/**/a/**/a/**/b` 96 s on a 2,000-character path):
// - a repeating extglob (`*(…)`, `+(…)`) holding a wildcard or a group: a loop inside a loop,
//   exponential;
// - many unbounded wildcards (`*`, `**`, `*(…)`, `+(…)`, `!(…)`), each a lazy loop over the
//   same characters: the cost grows with the path's length to the power of their number.
// So a glob may have at most MAX_GLOB_WILDCARDS of them and no such nested loop. Plain globs
// (`visits/**/*.md`, `**/drafts/**/*-old.md`) stay within this. test/property/redos.test.ts
// checks with a ReDoS checker that every glob accepted here compiles to an expression of at
// most cubic cost, never exponential.

export const MAX_GLOB_WILDCARDS = 3;

/** Why a glob is unsafe to match (a phrase to follow its name: "has 4 wildcards …"), or null. */
export function globProblem(glob: string): string | null {
  let wildcards = 0;
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '\\') {
      i++; // an escaped character is literal
      continue;
    }
    if (c === '[') {
      // A character class matches one character: skip to its end.
      const end = glob.indexOf(']', i + 2);
      if (end > 0) i = end;
      continue;
    }
    if (c === '!' && glob[i + 1] === '(') {
      wildcards++; // a negated group matches any text but its own: a loop (its contents are counted too)
      i++;
      continue;
    }
    if ((c === '*' || c === '+') && glob[i + 1] === '(') {
      const close = groupEnd(glob, i + 1);
      const body = glob.slice(i + 2, close < 0 ? glob.length : close);
      if (/[*?+@!([{]/.test(body)) {
        return `has the repeated group ${c}(${body}), which holds a wildcard or a group and can take minutes to match a long file name; repeat plain characters only, or list the names with {a,b}.`;
      }
      wildcards++;
      if (close < 0) break;
      i = close;
      continue;
    }
    if (c === '*') {
      wildcards++;
      while (glob[i + 1] === '*') i++;
    }
  }
  if (wildcards > MAX_GLOB_WILDCARDS) {
    return `has ${wildcards} wildcards (*, **, *(…), +(…), !(…)); at most ${MAX_GLOB_WILDCARDS} are allowed, as matching a long path against more can take minutes. Name a folder or part of the file name instead of one of them.`;
  }
  return null;
}

/** The index of the `)` closing the group opened at `open`, or -1. */
function groupEnd(s: string, open: number): number {
  let depth = 0;
  for (let i = open; i < s.length; i++) {
    if (s[i] === '\\') i++;
    else if (s[i] === '(') depth++;
    else if (s[i] === ')' && --depth === 0) return i;
  }
  return -1;
}

/** Trailing slashes removed (a loop: `/\/+$/` costs quadratic time on a run of slashes). */
export function trimTrailingSlashes(s: string): string {
  let end = s.length;
  while (end > 0 && s[end - 1] === '/') end--;
  return s.slice(0, end);
}
