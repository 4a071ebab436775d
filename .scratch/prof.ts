import { readFileSync } from 'node:fs';
import { lint } from '../server/src/engine/lint';
const good = readFileSync('examples/good-pt-daily.note.md', 'utf8');
const body = good.slice(good.indexOf('# PT Daily Note'));
const text = '---\ndiscipline: PT\n---\n' + Array.from({ length: 1000 }, () => body).join('\n\n');
lint(text, { filePath: 'x.note.md' });
