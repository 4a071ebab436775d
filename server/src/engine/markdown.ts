/**
 * CommonMark block structure with source lines, from markdown-it (GFM tables enabled).
 * Only block parsing runs: the linter reads inline text from the source lines itself,
 * so code fences, HTML blocks, lists, block quotes and tables are decided by CommonMark,
 * and every line number maps straight back to the note.
 */
import MarkdownIt from 'markdown-it';

export type BlockType = 'root' | 'heading' | 'paragraph' | 'list' | 'item' | 'blockquote' | 'table' | 'row' | 'fence' | 'code' | 'html' | 'hr';

export interface Block {
  type: BlockType;
  /** First line (0-based) and the line after the last one. */
  startLine: number;
  endLine: number;
  parent: Block | null;
  children: Block[];
  /** heading: 1–6. */
  level?: number;
  /** heading: the raw inline text. */
  text?: string;
  /** list: ordered or not. item: its number in an ordered list. */
  ordered?: boolean;
  number?: number;
  /** row: in the table's header. */
  header?: boolean;
}

const md = new MarkdownIt('commonmark', { html: true }).enable('table');
md.core.ruler.disable(['inline', 'text_join']);

/**
 * Block tokens made by plain assignments. markdown-it's Token class, as published, sets each
 * of its 13 fields through a defineProperty helper; on a large note that was a tenth of the
 * lint. The block state's `push` (the one place block rules make tokens) is given tokens
 * with the same fields, values and prototype (the library's methods); a test compares
 * every token with the library's own.
 */
const LibraryToken = (MarkdownIt as unknown as { Token: { prototype: object } }).Token;
interface BlockTokenFields {
  type: string;
  tag: string;
  attrs: null;
  map: null;
  nesting: number;
  level: number;
  children: null;
  content: string;
  markup: string;
  info: string;
  meta: null;
  block: boolean;
  hidden: boolean;
}
function BlockToken(this: BlockTokenFields, type: string, tag: string, nesting: number): void {
  this.type = type;
  this.tag = tag;
  this.attrs = null;
  this.map = null;
  this.nesting = nesting;
  this.level = 0;
  this.children = null;
  this.content = '';
  this.markup = '';
  this.info = '';
  this.meta = null;
  this.block = false;
  this.hidden = false;
}
BlockToken.prototype = LibraryToken.prototype;
const NewBlockToken = BlockToken as unknown as new (type: string, tag: string, nesting: number) => BlockTokenFields;

/**
 * Table cells: markdown-it's table rule makes an opening, an inline and a closing token per
 * cell, with the cell's trimmed text; on a note of long tables that was a quarter of all the
 * memory a lint allocates. The linter reads cells from the source lines (note.ts `splitRow`),
 * so the block state hands the rule one scratch token for these and keeps none of them. The
 * rule still decides where tables, header rows and body rows are; a test compares every
 * other token with the library's own.
 */
const CELL_TOKENS = new Set(['th_open', 'th_close', 'td_open', 'td_close']);
const scratch = new NewBlockToken('inline', '', 0);

type BlockStateClass = new (...args: unknown[]) => { level: number; tokens: unknown[] };
// This parser's own block state class (md.block.State is per instance): other markdown-it
// instances, such as the one the test compares with, keep the library's.
const parserBlock = md.block as unknown as { State: BlockStateClass };
parserBlock.State = class extends parserBlock.State {
  private inCell = false;
  /** A block token at the state's nesting level (opening tokens raise it, closing ones lower it first). */
  push(type: string, tag: string, nesting: number): BlockTokenFields {
    if (CELL_TOKENS.has(type)) {
      this.inCell = nesting > 0; // a cell's tokens add nothing to the level: open and close are both dropped
      return scratch;
    }
    if (this.inCell && type === 'inline') return scratch;
    const token = new NewBlockToken(type, tag, nesting);
    token.block = true;
    if (nesting < 0) this.level -= 1;
    token.level = this.level;
    if (nesting > 0) this.level += 1;
    this.tokens.push(token);
    return token;
  }
};

/** The block parser (tests compare its tokens with the library's own). */
export const blockParser = md;

const OPEN: Record<string, BlockType> = {
  heading_open: 'heading',
  paragraph_open: 'paragraph',
  bullet_list_open: 'list',
  ordered_list_open: 'list',
  list_item_open: 'item',
  blockquote_open: 'blockquote',
  table_open: 'table',
  tr_open: 'row',
};
const CLOSE: Record<string, BlockType> = Object.fromEntries(Object.entries(OPEN).map(([open, type]) => [open.replace('_open', '_close'), type]));
const LEAF: Record<string, BlockType> = { fence: 'fence', code_block: 'code', html_block: 'html', hr: 'hr' };

/**
 * Parses `body` (the note with its front matter blanked out, so lines stay aligned) into a
 * block tree.
 */
export function parseBlocks(body: string): Block {
  const tokens = md.parse(body, {});
  const root: Block = { type: 'root', startLine: 0, endLine: Number.MAX_SAFE_INTEGER, parent: null, children: [] };
  const stack: Block[] = [root];
  let inHead = false;
  for (let t = 0; t < tokens.length; t++) {
    const tok = tokens[t];
    const top = stack[stack.length - 1];
    if (tok.type === 'thead_open') inHead = true;
    else if (tok.type === 'thead_close') inHead = false;
    const openType = OPEN[tok.type];
    if (openType && tok.map) {
      const b: Block = { type: openType, startLine: tok.map[0], endLine: tok.map[1], parent: top, children: [] };
      if (openType === 'heading') b.level = Number(tok.tag.slice(1));
      if (openType === 'list') b.ordered = tok.type === 'ordered_list_open';
      if (openType === 'item' && tok.info) b.number = Number(tok.info);
      if (openType === 'row') b.header = inHead;
      top.children.push(b);
      stack.push(b);
      continue;
    }
    const closeType = CLOSE[tok.type];
    if (closeType && stack.length > 1) {
      if (closeType === top.type) stack.pop();
      continue;
    }
    if (tok.type === 'inline' && top.type === 'heading') {
      top.text = tok.content;
      continue;
    }
    const leaf = LEAF[tok.type];
    if (leaf && tok.map) top.children.push({ type: leaf, startLine: tok.map[0], endLine: tok.map[1], parent: top, children: [] });
  }
  return root;
}

/** Calls `fn` on every block, depth first, in document order. */
export function walk(block: Block, fn: (b: Block) => void): void {
  for (const c of block.children) {
    fn(c);
    walk(c, fn);
  }
}

export function ancestor(block: Block, type: BlockType): Block | null {
  for (let p = block.parent; p; p = p.parent) if (p.type === type) return p;
  return null;
}
