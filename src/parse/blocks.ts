import { grouped, overLimit, type ParseLimits } from './limits.js';
import { defuse, htmlBlockStart } from './markdown.js';
import type { SyntaxProblem } from './model.js';
import { closesFence, openedFence, type Fence } from './outline.js';
import type { LineIndex } from './text.js';

export type BlockLimits = Pick<ParseLimits, 'maxParagraphLines' | 'maxTableCells' | 'maxNestingWork'>;

/** The file's line past `maxLines`, if it has one (a last line ending in a line break is the last). */
export function lineLimitProblem(text: string, lines: LineIndex, limits: Pick<ParseLimits, 'maxLines'>): SyntaxProblem | undefined {
  const lineCount = lines.lineCount - (text.endsWith('\n') ? 1 : 0);
  if (lineCount <= limits.maxLines) return undefined;
  const offset = lines.starts[limits.maxLines] ?? text.length;
  return { message: overLimit(`file of ${grouped(lineCount)} lines`, 'maxLines', limits.maxLines), place: lines.position(offset, offset) };
}

/**
 * The first place where a body passes a limit on the Markdown parser's work, found line by line
 * before any parse. The parser spends tens of microseconds on each line (hence `maxLines`) and on
 * each table cell, and within one paragraph its time grows with the square of the paragraph's
 * lines (lazy continuation lines in lists and blockquotes, and every line of words, since each
 * word may start a literal autolink). So a paragraph may hold at most `maxParagraphLines` lines
 * and the tables `maxTableCells` cells, and below these the parser's time grows linearly.
 *
 * The scan follows the parser's block structure closely enough to count what it builds:
 * blockquotes, list items and their columns, fenced and indented code, HTML blocks, headings, GFM
 * tables, and what may or may not interrupt a paragraph. A test holds it to never counting fewer
 * paragraph lines or cells than the parser builds; a real document comes nowhere near the limits.
 */
export function blockLimitProblem(text: string, bodyStart: number, lines: LineIndex, limits: BlockLimits): SyntaxProblem | undefined {
  // The parser reads a block of too many marks as plain text (see `defuse`), which may join its
  // list items and blockquotes into one paragraph: both readings are counted.
  const { text: defused, blocks } = defuse(text);
  const found = scanBlocks(text, bodyStart, lines, limits);
  const plain = blocks.length > 0 ? scanBlocks(defused, bodyStart, lines, limits) : undefined;
  const first = plain && (!found || (plain.place.start.offset ?? 0) < (found.place.start.offset ?? 0)) ? plain : found;
  return first;
}

function scanBlocks(text: string, bodyStart: number, lines: LineIndex, limits: BlockLimits): SyntaxProblem | undefined {
  const first = lines.point(bodyStart).line - 1;
  // The frontmatter's lines are tokens the parser has read too.
  const scan = new BlockScan(limits, tokenWeight * (10 + 4 * first));
  const lineText = (index: number): string | undefined => {
    const start = lines.starts[index];
    if (start === undefined) return undefined;
    const next = lines.starts[index + 1];
    return text.slice(start, next === undefined ? text.length : next - 1).replace(/\r$/, '');
  };
  for (let index = first; index < lines.lineCount; index++) {
    // The scan reads a table's delimiter row with its header row, and then skips it.
    if (scan.line(lineText(index) ?? '', lineText(index + 1), index)) index++;
    const found = scan.problem;
    if (!found) continue;
    const offset = (lines.starts[found.line] ?? 0) + found.column;
    const message =
      found.kind === 'paragraph'
        ? overLimit(`line ${grouped(limits.maxParagraphLines + 1)} of one paragraph (from line ${grouped(found.from + 1)})`, 'maxParagraphLines', limits.maxParagraphLines)
        : found.kind === 'cells'
          ? overLimit(`table cell ${grouped(limits.maxTableCells + 1)}`, 'maxTableCells', limits.maxTableCells)
          : overLimit(`nesting work of ${grouped(found.count ?? 0)} where this line ends a list or blockquote`, 'maxNestingWork', limits.maxNestingWork);
    return { message, place: lines.position(offset, offset) };
  }
  return undefined;
}

interface Found {
  kind: 'paragraph' | 'cells' | 'work';
  /** For the work, what it comes to. */
  count?: number;
  /** The line (0-based) and the index in it where the limit is crossed. */
  line: number;
  column: number;
  /** For a paragraph, its first line. */
  from: number;
}

/** An open list item. */
interface Item {
  /** The column its content starts at: lines indented this far belong to it. */
  content: number;
  /** `-`, `*` or `+` for a bullet item, `.` or `)` for an ordered one: a sibling has the same. */
  kind: string;
  /** Opened by a marker with nothing after it, and nothing since: a blank line ends it. */
  empty: boolean;
  /** Empty, and a blank line came: it holds no line more, and ends at the next line that is not blank. */
  ended?: boolean;
}

/** A line inside `depth` blockquotes (0 for none): where its text starts at that depth, and which list items there it is indented into. */
interface Level {
  /** The column and index of the first character that is not a space. */
  indent: number;
  offset: number;
  /** How many of the open list items at this depth the line is indented into. */
  matched: number;
  /** The column in the line where this depth's text starts, from which its columns count (tabs stop at every fourth column of the line). */
  start: number;
  /** The column where the text of a block at this depth starts, inside those items. */
  base: number;
}

/** Where a block stands: inside `depth` blockquotes and the first `items` list items there, its text from `column` on. */
interface Place {
  depth: number;
  items: number;
  column: number;
}

const atxHeading = /^#{1,6}(?:[ \t]|$)/;
const thematicBreak = /^([-*_])(?:[ \t]*\1){2,}[ \t]*$/;
const setextUnderline = /^(?:=+|-+)[ \t]*$/;
const listMarker = /^(?:([-*+])|(\d{1,9})([.)]))(?=[ \t]|$)/;
/** A line that may be a delimiter row, after its `>` markers. */
const delimiterStart = /^[ \t>]*[|:-]/;
/** CommonMark's HTML block of kind 7: one whole open or closing tag alone on its line; it cannot interrupt a paragraph. */
const htmlTagLine =
  /^(?:<(?!(?:script|style|pre|textarea)[\s/>])[A-Za-z][A-Za-z0-9-]*(?:\s+[A-Za-z_:][\w.:-]*(?:\s*=\s*(?:[^\s"'=<>`]+|'[^']*'|"[^"]*"))?)*\s*\/?>|<\/[A-Za-z][A-Za-z0-9-]*\s*>)\s*$/i;
/** Where each kind of HTML block (CommonMark's kinds 1 to 5) ends; kind 6 ends at a blank line. */
const htmlBlockEnds: Array<[RegExp, RegExp]> = [
  [/^<(?:script|pre|style|textarea)(?:\s|>|$)/i, /<\/(?:script|pre|style|textarea)>/i],
  [/^<!--/, /-->/],
  [/^<\?/, /\?>/],
  [/^<![A-Za-z]/, />/],
  [/^<!\[CDATA\[/, /\]\]>/],
];

/** How many times its least number of tokens each line counts for, in the parser's work on nesting. */
const tokenWeight = 3;

function columnAfter(character: string | undefined, column: number): number {
  return character === '\t' ? column + 4 - (column % 4) : column + 1;
}

class BlockScan {
  problem: Found | undefined;
  /** Open list items at each blockquote depth. */
  private stacks: Item[][] = [[]];
  private fence: (Fence & Place) | undefined;
  private html: (Place & { end: RegExp | undefined }) | undefined;
  private paragraph: (Place & { lines: number; from: number }) | undefined;
  private table: Place | undefined;
  /**
   * An indented code block, open across blank lines until a line that is not one: the parser then
   * reads a list marker as it would after a paragraph.
   */
  private indentedCode: Place | undefined;
  /** Whether the line before was a table's row. */
  private tableLine = false;
  private cells = 0;
  /** The parser's tokens so far, this line's, and the work of ending nested lists and blockquotes. */
  private lineEvents = 0;
  private lineOffset = 0;
  private work = 0;
  /** Whether the line ends a list item or blockquote (other than for its sibling). */
  private ended = false;

  constructor(
    private readonly limits: BlockLimits,
    private events: number,
  ) {}

  /** Reads one line (and the next, when it is the delimiter row of a table the line heads); true when it read both. */
  line(text: string, next: string | undefined, index: number): boolean {
    this.ended = false;
    const both = this.read(text, next, index);
    // Where a list item or blockquote ends (other than for a sibling item), the parser goes over
    // everything it has read so far, in time that grows with it: that is the work counted.
    if (this.ended) {
      this.work += this.events;
      if (this.work > this.limits.maxNestingWork && !this.problem) this.problem = { kind: 'work', line: index, column: this.lineOffset, from: index, count: this.work };
    }
    this.events += this.lineEvents * (both ? 2 : 1);
    return both;
  }

  private read(text: string, next: string | undefined, index: number): boolean {
    const afterTable = this.tableLine;
    this.tableLine = false;
    let levels = this.levels(text);
    let depth = levels.length - 1;
    // The parser's tokens for the line: two, and more for each `>` and each list item it continues
    // (three times the least it takes, so that the count stays above what the parser has).
    this.lineEvents = tokenWeight * (2 + 6 * depth + 2 * levels.reduce((items, { matched }) => items + matched, 0));
    this.lineOffset = (levels[depth] as Level).offset;
    const blank = text.slice((levels[depth] as Level).offset).trim() === '';
    if (this.inCode(this.fence, levels, blank)) {
      const fence = this.fence as Fence & Place;
      const at = levels[fence.depth] as Level;
      if (depth === fence.depth && at.indent - fence.column <= 3 && closesFence(text.slice(at.offset), fence)) this.fence = undefined;
      return false;
    }
    this.fence = undefined;
    if (this.inCode(this.html, levels, blank)) {
      const html = this.html as Place & { end: RegExp | undefined };
      const inside = text.slice((levels[html.depth] as Level).offset);
      if (html.end ? html.end.test(inside) : inside.trim() === '') this.html = undefined;
      return false;
    }
    this.html = undefined;

    // The containers the line continues, in the parser's order: the items at each depth, then the
    // blockquote inside them. A `>` past the items it is not indented into, or past the
    // blockquotes open, opens a new blockquote.
    const open = this.stacks.length - 1;
    const continuesAll = depth >= open && this.stacks.every((items, at) => (levels[at] as Level).matched === items.length);
    const { paragraph } = this;
    let fresh = open + 1;
    for (let at = 0; at < Math.min(depth, open); at++) {
      if ((levels[at] as Level).matched < (this.stacks[at]?.length ?? 0)) {
        fresh = at + 1;
        break;
      }
    }
    const opened = fresh <= depth;
    if (opened) {
      this.close(fresh - 1, (levels[fresh - 1] as Level).matched);
      for (let at = fresh; at <= depth; at++) this.stacks[at] = [];
      levels = this.levels(text);
      depth = levels.length - 1;
    }
    let stack = (this.stacks[depth] ??= []);
    const level = levels[depth] as Level;
    if (blank) {
      this.paragraph = undefined;
      this.table = undefined;
      // An indented code block stays open across blank lines in its containers.
      if (opened || depth !== this.indentedCode?.depth) this.indentedCode = undefined;
      const last = stack.at(-1);
      if (last?.empty) last.ended = true;
      this.truncate(depth, stack.length);
      return false;
    }
    // The items the line is indented into hold something now.
    levels.forEach(({ matched: count }, at) => this.stacks[at]?.slice(0, count).forEach((item) => (item.empty = false)));
    /** Whether the line continues the open paragraph unless it starts a block that may interrupt one. */
    let continues = paragraph !== undefined && !opened && depth <= paragraph.depth;
    /** A lazy line continues a paragraph outside some of the paragraph's blockquotes or items (while `continues` holds). */
    const lazy = continues && !(depth === paragraph?.depth && level.matched >= paragraph.items);
    // When the line continues every container open before it, a list item (even inside blockquotes
    // the line opens) must be one that may interrupt the paragraph or indented code block open
    // there; otherwise any marker starts one.
    const code = this.indentedCode;
    let interrupting = continuesAll && (paragraph !== undefined || code !== undefined);
    this.indentedCode = undefined;
    /** The first item the line is not indented into: a marker of its kind starts its sibling. */
    let unmatched = stack[level.matched];
    let content = text.slice(level.offset);
    let column = level.indent;
    let base = level.base;
    let offset = level.offset;
    let matched = level.matched;
    /** Where the columns of the block's depth count from, in the line. */
    let start = level.start;
    /** Whether the line started a list item. */
    let started = false;

    for (;;) {
      if (column - base >= 4) {
        // Indented code cannot interrupt a paragraph.
        if (continues) return this.continueParagraph(index, offset);
        this.close(depth, matched);
        // A code line that ends containers without starting one does not keep the parser's code
        // block open for the next line.
        if (continuesAll || opened || started) this.indentedCode = { depth, items: matched, column: base };
        return false;
      }
      if (atxHeading.test(content) || thematicBreak.test(content)) {
        this.close(depth, matched);
        return false;
      }
      const fence = openedFence(content);
      if (fence) {
        this.close(depth, matched);
        this.fence = { ...fence, depth, items: matched, column: base };
        return false;
      }
      if (htmlBlockStart.test(content) || ((!continues || lazy) && htmlTagLine.test(content))) {
        if (!htmlBlockStart.test(content) && continues && lazy && paragraph) {
          // A lone tag on a lazy line starts its HTML block inside the paragraph's containers.
          this.paragraph = undefined;
          this.html = { depth: paragraph.depth, items: paragraph.items, column: paragraph.column, end: undefined };
          return false;
        }
        this.close(depth, matched);
        const end = htmlBlockEnds.find(([start]) => start.test(content))?.[1];
        if (!end || !end.test(content)) this.html = { depth, items: matched, column: base, end };
        return false;
      }
      if (content[0] === '>') {
        // A blockquote inside the list item this line opened.
        this.close(depth, matched);
        this.lineEvents += tokenWeight * 6;
        depth++;
        stack = this.stacks[depth] = [];
        matched = 0;
        // Columns inside it count from after its `>` and the space after that.
        const quoteStart = column + (content[1] === ' ' || content[1] === '\t' ? 2 : 1);
        let end = column + 1;
        let at = 1;
        while (content[at] === ' ' || content[at] === '\t') end = columnAfter(content[at++], end + start) - start;
        base = 0;
        column = Math.max(0, end - quoteStart);
        start += quoteStart;
        offset += at;
        content = content.slice(at);
        continues = false;
        started = true;
        if (content.trim() === '') return false;
        continue;
      }
      const marker = listMarker.exec(content);
      if (!marker) break;
      const [written, bullet, number, delimiter] = marker;
      const kind = bullet ?? delimiter ?? '';
      const after = content.slice(written.length);
      const empty = after.trim() === '';
      const sibling = unmatched?.kind === kind;
      // A new list may interrupt only with a bullet or `1.`, and not empty.
      if (!sibling && interrupting && (empty || (bullet === undefined && number !== '1'))) break;
      this.close(depth, matched, sibling);
      // The item's content starts after one to four spaces; with more, at the first of them, and
      // the rest indent a code block.
      const markerEnd = column + written.length;
      let spaces = 0;
      let end = markerEnd;
      while (spaces < after.length && (after[spaces] === ' ' || after[spaces] === '\t')) end = columnAfter(after[spaces++], end + start) - start;
      const itemContent = empty || end - markerEnd > 4 ? markerEnd + 1 : end;
      stack.push({ content: itemContent, kind, empty });
      this.lineEvents += tokenWeight * 8;
      if (empty) return false;
      matched = stack.length;
      base = itemContent;
      column = end;
      offset += written.length + spaces;
      content = after.slice(spaces);
      continues = false;
      started = true;
      unmatched = undefined;
      // After a sibling the parser starts afresh; after a new list it reads the line's other markers as it read this one.
      if (sibling) interrupting = false;
    }

    // The open table, unless the line started an item or blockquote.
    const { table } = this;
    if (table && !opened && depth === table.depth && matched >= table.items && level.indent >= table.column) {
      this.countCells(content, index, offset);
      this.tableLine = true;
      return false;
    }
    this.table = undefined;
    if (continues && !lazy && setextUnderline.test(content)) {
      this.paragraph = undefined;
      return false;
    }
    // A header row may interrupt a paragraph, even as a lazy line (its table then stands where the
    // paragraph did), when the delimiter row under it is inside the same containers.
    const place: Place = continues && lazy && paragraph ? { depth: paragraph.depth, items: paragraph.items, column: paragraph.column } : { depth, items: matched, column: base };
    // Right after a table's row, the parser reads a line in the same containers as a row or not
    // at all: not as a header.
    if (!(afterTable && !started && !opened) && next !== undefined && this.headsTable(content, next, place)) {
      if (continues && lazy) this.paragraph = undefined;
      else this.close(depth, matched);
      this.table = place;
      this.countCells(content, index, offset);
      this.tableLine = true;
      return true;
    }
    if (continues) return this.continueParagraph(index, offset);
    this.close(depth, matched);
    this.paragraph = { depth, items: matched, column: base, lines: 1, from: index };
    return false;
  }

  /**
   * The line at each blockquote depth its `>` markers open or continue, without changing what is
   * open. Columns count from where the text inside that depth's `>` (and the space after it) starts.
   */
  private levels(text: string): Level[] {
    const levels: Level[] = [];
    let at = 0;
    let column = 0;
    let levelStart = 0;
    for (;;) {
      let indent = column;
      while (text[at] === ' ' || text[at] === '\t') indent = columnAfter(text[at++], indent);
      const stack = this.stacks[levels.length] ?? [];
      const relative = indent - levelStart;
      let matched = 0;
      for (let item = stack[matched]; item && !item.ended && item.content <= relative; item = stack[matched]) matched++;
      const base = matched > 0 ? (stack[matched - 1]?.content ?? 0) : 0;
      levels.push({ indent: relative, offset: at, matched, base, start: levelStart });
      if (text[at] !== '>' || relative - base > 3) return levels;
      at++;
      column = indent + 1;
      levelStart = column;
      // One space after `>` belongs to the marker (a tab, as far as its first column).
      if (text[at] === ' ' || text[at] === '\t') {
        levelStart = column + 1;
        column = columnAfter(text[at++], column);
      }
    }
  }

  /** Whether the line stays inside an open code block or HTML block: in its blockquotes, and indented into its list items unless blank. */
  private inCode(block: Place | undefined, levels: Level[], blank: boolean): boolean {
    if (!block || levels.length - 1 < block.depth) return false;
    if (levels.slice(0, block.depth).some(({ matched }, at) => matched < (this.stacks[at]?.length ?? 0))) return false;
    const at = levels[block.depth] as Level;
    return (blank && levels.length - 1 === block.depth) || (at.matched >= block.items && at.indent >= block.column);
  }

  /** Ends the open paragraph or table, and the items and blockquotes the line is not inside (for a sibling of the first of those items, `sibling`). */
  private close(depth: number, matched: number, sibling = false): void {
    this.paragraph = undefined;
    this.table = undefined;
    this.truncate(depth, matched, sibling);
  }

  /**
   * Keeps the first `items` list items at `depth` and nothing deeper. The parser's work on the
   * line grows with everything read before it when that ends a list item or blockquote, unless
   * it only ends one item for its sibling.
   */
  private truncate(depth: number, items: number, sibling = false): void {
    const stack = this.stacks[depth] ?? [];
    const ended = Math.max(0, stack.length - items);
    const deeper = this.stacks.length - depth - 1;
    if (deeper > 0 || ended > (sibling ? 1 : 0)) this.ended = true;
    this.stacks.length = depth + 1;
    stack.length = Math.min(stack.length, items);
    this.stacks[depth] = stack;
  }

  private continueParagraph(index: number, offset: number): boolean {
    const paragraph = this.paragraph;
    if (paragraph && ++paragraph.lines > this.limits.maxParagraphLines) {
      this.problem = { kind: 'paragraph', line: index, column: offset, from: paragraph.from };
    }
    return false;
  }

  /** Whether `header` and the next line open a GFM table at `place`: the delimiter row must not be a lazy line. */
  private headsTable(header: string, next: string, place: Place): boolean {
    if (!delimiterStart.test(next)) return false;
    const levels = this.levels(next);
    const level = levels[place.depth];
    if (levels.length - 1 !== place.depth || !level || level.matched < place.items || level.indent < place.column || level.indent - place.column > 3) return false;
    if (levels.slice(0, place.depth).some(({ matched }, at) => matched < (this.stacks[at]?.length ?? 0))) return false;
    // Inside every container, the delimiter row is read as the header row's paragraph would be:
    // a bullet or `1.` with text after it starts a list item instead.
    const delimiter = next.slice(level.offset);
    const marker = listMarker.exec(delimiter);
    if (marker && delimiter.slice(marker[0].length).trim() !== '' && (marker[1] !== undefined || marker[2] === '1')) return false;
    const cells = delimiterCells(delimiter);
    return cells > 0 && headerCells(header) === cells;
  }

  private countCells(row: string, index: number, offset: number): void {
    const limit = this.limits.maxTableCells;
    const before = this.cells;
    this.cells += rowCells(row);
    if (this.cells > limit && !this.problem) {
      let column = offset;
      rowCells(row, (cell, at) => {
        if (before + cell === limit + 1) column = offset + at;
      });
      this.problem = { kind: 'cells', line: index, column, from: index };
    }
  }
}

/**
 * The cells of a header row as the GFM table parser counts them (a run of text, or a `|` right
 * after another, starts one; `\|` is text), or 0 when the line cannot head a table.
 */
export function headerCells(row: string): number {
  let size = 0;
  let tokens = 0;
  // The first character counts twice unless it is a pipe: `a` alone may head a one-column table.
  let seen = row[0] !== '|';
  if (seen) tokens++;
  for (let at = 0; at < row.length; ) {
    const character = row[at];
    if (character === ' ' || character === '\t') {
      at++;
      continue;
    }
    tokens++;
    if (seen) {
      seen = false;
      size++;
    }
    if (character === '|') {
      seen = true;
      at++;
      continue;
    }
    while (at < row.length && row[at] !== '|' && row[at] !== ' ' && row[at] !== '\t') at += row[at] === '\\' && (row[at + 1] === '\\' || row[at + 1] === '|') ? 2 : 1;
  }
  return tokens > 1 ? size : 0;
}

/** The cells of a delimiter row (`|:--|--:|`), or -1 when the line is not one; it needs a `|` or a `:`. */
export function delimiterCells(row: string): number {
  let at = 0;
  let cells = 0;
  let seen = false;
  const skipSpace = () => {
    while (row[at] === ' ' || row[at] === '\t') at++;
  };
  if (row[0] === '|') {
    seen = true;
    at++;
    skipSpace();
  } else if (row[0] !== '-' && row[0] !== ':') {
    return -1;
  }
  while (at < row.length) {
    if (row[at] === ':') {
      seen = true;
      at++;
      if (row[at] !== '-') return -1;
    } else if (row[at] !== '-') {
      return -1;
    }
    cells++;
    while (row[at] === '-') at++;
    if (row[at] === ':') {
      seen = true;
      at++;
    }
    skipSpace();
    if (at >= row.length) break;
    if (row[at] !== '|') return -1;
    seen = true;
    at++;
    skipSpace();
  }
  return seen ? cells : -1;
}

/** The cells of a table row as the parser splits it, each passed to `visit` with its index (1-based) and where it starts. */
export function rowCells(row: string, visit?: (cell: number, at: number) => void): number {
  let cells = 0;
  let seen = row[0] !== '|';
  for (let at = 0; at < row.length; ) {
    const character = row[at];
    if (character === ' ' || character === '\t') {
      at++;
      continue;
    }
    if (seen) {
      seen = false;
      cells++;
      visit?.(cells, at);
    }
    if (character === '|') {
      seen = true;
      at++;
      continue;
    }
    while (at < row.length && row[at] !== '|' && row[at] !== ' ' && row[at] !== '\t') at += row[at] === '\\' && (row[at + 1] === '\\' || row[at + 1] === '|') ? 2 : 1;
  }
  return cells;
}
