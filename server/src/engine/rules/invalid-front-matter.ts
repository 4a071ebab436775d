import { docsUrl, type Rule } from '../rule';

export const rule: Rule = {
  meta: {
    id: 'invalid-front-matter',
    docs: docsUrl('invalid-front-matter'),
    severity: 'error',
    description: 'The YAML front matter cannot be read, or a known key has a value of the wrong kind.',
    fixable: false,
    hasSuggestions: false,
  },
  check({ note, report }) {
    for (const issue of note.frontMatter?.issues ?? []) report({ message: issue.message, range: issue.range });
  },
};
