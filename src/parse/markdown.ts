import type { Nodes, Root } from 'mdast';
import { createRequire } from 'node:module';
import type { Processor } from 'unified';
import { closesFence, openedFence, type Fence } from './outline.js';

/**
 * GFM's constructs that many texts cannot hold, each with what every instance of it holds: a text
 * without that gets exactly the same tree without the construct's extension, which saves its cost.
 * Literal autolinks (`www.x.com`, `https://…`, `a@b.c`) try every letter and digit of the text as
 * the start of an email address, a third of the parse. A table is tried at the start of every line,
 * a fifth of the parse of prose; its delimiter row holds a `|`, or a `:` beside a `-` (`a` over
 * `:--` is a table of one column).
 */
export const optionalSyntax = {
  literalAutolinks: /@|www\.|https?:\/\//i,
  tables: /\||:-|-:/,
};
type OptionalSyntax = Record<keyof typeof optionalSyntax, boolean>;

const require = createRequire(import.meta.url);
/**
 * The Markdown parser's modules, loaded the first time a text is parsed: a one-file lint spends
 * most of its time loading modules, and one whose sections read as plain text needs none of these.
 */
const parserModules = (() => {
  let loaded: ReturnType<typeof load> | undefined;
  const load = () => ({
    unified: (require('unified') as typeof import('unified')).unified,
    remarkParse: (require('remark-parse') as typeof import('remark-parse')).default,
    remarkFrontmatter: (require('remark-frontmatter') as typeof import('remark-frontmatter')).default,
    combineExtensions: (require('micromark-util-combine-extensions') as typeof import('micromark-util-combine-extensions')).combineExtensions,
    gfmAutolinkLiteral: (require('micromark-extension-gfm-autolink-literal') as typeof import('micromark-extension-gfm-autolink-literal')).gfmAutolinkLiteral,
    gfmFootnote: (require('micromark-extension-gfm-footnote') as typeof import('micromark-extension-gfm-footnote')).gfmFootnote,
    gfmStrikethrough: (require('micromark-extension-gfm-strikethrough') as typeof import('micromark-extension-gfm-strikethrough')).gfmStrikethrough,
    gfmTable: (require('micromark-extension-gfm-table') as typeof import('micromark-extension-gfm-table')).gfmTable,
    gfmTaskListItem: (require('micromark-extension-gfm-task-list-item') as typeof import('micromark-extension-gfm-task-list-item')).gfmTaskListItem,
    gfmAutolinkLiteralFromMarkdown: (require('mdast-util-gfm-autolink-literal') as typeof import('mdast-util-gfm-autolink-literal')).gfmAutolinkLiteralFromMarkdown,
    gfmFootnoteFromMarkdown: (require('mdast-util-gfm-footnote') as typeof import('mdast-util-gfm-footnote')).gfmFootnoteFromMarkdown,
    gfmStrikethroughFromMarkdown: (require('mdast-util-gfm-strikethrough') as typeof import('mdast-util-gfm-strikethrough')).gfmStrikethroughFromMarkdown,
    gfmTableFromMarkdown: (require('mdast-util-gfm-table') as typeof import('mdast-util-gfm-table')).gfmTableFromMarkdown,
    gfmTaskListItemFromMarkdown: (require('mdast-util-gfm-task-list-item') as typeof import('mdast-util-gfm-task-list-item')).gfmTaskListItemFromMarkdown,
  });
  return () => (loaded ??= load());
})();

/** GFM's syntax as remark-gfm reads it, its extensions in its order and combined into one as there, but for those left out. */
function gfmSyntax(this: Processor, { literalAutolinks, tables }: OptionalSyntax): void {
  const gfm = parserModules();
  const data = this.data();
  // One extension rather than five: the parser merges its extensions on every parse, and a
  // postmortem is parsed in several pieces.
  (data.micromarkExtensions ??= []).push(
    gfm.combineExtensions([...(literalAutolinks ? [gfm.gfmAutolinkLiteral()] : []), gfm.gfmFootnote(), gfm.gfmStrikethrough(), ...(tables ? [gfm.gfmTable()] : []), gfm.gfmTaskListItem()]),
  );
  (data.fromMarkdownExtensions ??= []).push(
    ...(literalAutolinks ? [gfm.gfmAutolinkLiteralFromMarkdown()] : []),
    gfm.gfmFootnoteFromMarkdown(),
    gfm.gfmStrikethroughFromMarkdown(),
    ...(tables ? [gfm.gfmTableFromMarkdown()] : []),
    gfm.gfmTaskListItemFromMarkdown(),
  );
}
/**
 * A parser of GFM, with YAML frontmatter for a whole file. A piece of a file that does not start it
 * is parsed without: only a file's first line opens frontmatter, and the piece's first line is not
 * that (its frontmatter extension would be tried at every `-` that starts a line, too).
 */
function markdownParser(frontmatter: boolean, syntax: OptionalSyntax) {
  const { unified, remarkParse, remarkFrontmatter } = parserModules();
  const parser = unified().use(remarkParse);
  return (frontmatter ? parser.use(remarkFrontmatter, ['yaml']) : parser).use(gfmSyntax, syntax).freeze();
}
type MarkdownParser = ReturnType<typeof markdownParser>;
/** A file's parsers or a piece's, by the optional constructs they read (`literalAutolinks,tables`), made as first needed. */
function parsersFor(frontmatter: boolean): (syntax: OptionalSyntax) => MarkdownParser {
  const made = new Map<string, MarkdownParser>();
  return (syntax) => {
    const key = `${syntax.literalAutolinks},${syntax.tables}`;
    let parser = made.get(key);
    if (!parser) made.set(key, (parser = markdownParser(frontmatter, syntax)));
    return parser;
  };
}
const parsers = { file: parsersFor(true), piece: parsersFor(false) };
/** The frontmatter's opening fence, as remark-frontmatter reads it: `---` on the first line, then only spaces or tabs. */
const frontmatterOpening = /^---[ \t]*(?:\r\n|\r|\n)/;
/** A closing fence: a line of `---`, then only spaces or tabs. */
const frontmatterClosing = /^---[ \t]*$/;
const lineEnding = /\r\n|\r|\n/g;

/**
 * The frontmatter as the Markdown parser reads it, without reading it: from an opening fence on the
 * first line to the next line that is a fence, its value the lines between. None without a closing fence.
 */
export function frontmatterSpan(text: string): { value: string; end: number } | undefined {
  const opening = frontmatterOpening.exec(text);
  if (!opening) return undefined;
  for (let start = opening[0].length; ; ) {
    lineEnding.lastIndex = start;
    const next = lineEnding.exec(text);
    const end = next ? next.index : text.length;
    if (frontmatterClosing.test(text.slice(start, end))) return { value: text.slice(opening[0].length, start).replace(/(?:\r\n|\r|\n)$/, ''), end };
    if (!next) return undefined;
    start = end + next[0].length;
  }
}

/**
 * Characters that may start inline Markdown. The Markdown parser pairs each closing mark by walking
 * back over everything before it in its paragraph, and merges the plain text between marks by
 * splicing its list of tokens, so a paragraph of thousands of marks (`a_ a_ …`, `a] a] …`,
 * `&copy; &copy; …`) takes time that grows with the square of its length.
 */
export const inlineMark = /[!&*<[\\\]_`~]/g;
/** More marks than any paragraph people write: past this a block's marks are read as plain characters. */
export const maxMarksPerBlock = 1_000;
/**
 * A line with fewer `>` than the line before it continues that line's paragraph inside its
 * blockquotes ("lazily"); the parser's time on such lines grows with the square of their number.
 * Past this many in one block its `>` too are read as plain characters.
 */
export const maxLazyLinesPerBlock = 200;
const quoteMarkers = /^(?:[ \t]*>)+/;
/** What stands in for itself in a block that is read as plain text. */
const plainMark = /[!&*<>[\\\]_`~]/g;
/** Each mark stands in for itself as a private-use character this far up, which nothing parses. */
const standInBase = 0xe000;
const standIn = /[\ue000-\ue07f]/g;
const hasStandIn = /[\ue000-\ue07f]/;

/**
 * A line that opens an HTML block of CommonMark's kinds 1 to 6: raw HTML up to its end, never read
 * as inline Markdown, so its marks cost nothing.
 */
export const htmlBlockStart =
  /^ {0,3}(?:<(?:script|pre|style|textarea)(?:\s|>|$)|<!--|<\?|<![A-Za-z]|<!\[CDATA\[|<\/?(?:address|article|aside|base|basefont|blockquote|body|caption|center|col|colgroup|dd|details|dialog|dir|div|dl|dt|fieldset|figcaption|figure|footer|form|frame|frameset|h[1-6]|head|header|hr|html|iframe|legend|li|link|main|menu|menuitem|nav|noframes|ol|optgroup|option|p|param|search|section|summary|table|tbody|td|tfoot|th|thead|title|tr|track|ul)(?:\s|\/?>|$))/i;

export interface Defused {
  text: string;
  /** The blocks whose marks stand in as other characters: start and end offsets, in order. */
  blocks: Array<[number, number]>;
}

/**
 * The text with each inline mark and `>` replaced, one character for one, in the blocks (runs of
 * lines between blank lines, outside fenced code and HTML) that hold more than `maxMarksPerBlock`
 * marks or `maxLazyLinesPerBlock` lazy lines: those
 * blocks then read as plain text, in time that grows with their length, and every offset stays.
 */
export function defuse(text: string): Defused {
  const blocks: Array<[number, number]> = [];
  let fence: Fence | undefined;
  let block: { start: number; marks: number; html: boolean; depth: number; lazy: number } | undefined;
  const endBlock = (end: number): void => {
    if (block && (block.marks > maxMarksPerBlock || block.lazy > maxLazyLinesPerBlock)) blocks.push([block.start, end]);
    block = undefined;
  };
  for (let start = 0; start <= text.length; ) {
    const newline = text.indexOf('\n', start);
    const end = newline === -1 ? text.length : newline;
    const line = text.slice(start, end).replace(/\r$/, '');
    const opened = fence ? undefined : openedFence(line);
    if (fence) {
      if (closesFence(line, fence)) fence = undefined;
    } else if (opened || line.trim() === '') {
      endBlock(start);
      fence = opened;
    } else {
      block ??= { start, marks: 0, html: htmlBlockStart.test(line), depth: 0, lazy: 0 };
      if (!block.html) block.marks += line.match(inlineMark)?.length ?? 0;
      const depth = quoteMarkers.exec(line)?.[0].split('>').length ?? 1;
      if (depth < block.depth) block.lazy++;
      block.depth = Math.max(block.depth, depth);
    }
    if (newline === -1) break;
    start = newline + 1;
  }
  endBlock(text.length);
  if (blocks.length === 0) return { text, blocks };
  let defused = '';
  let copied = 0;
  for (const [start, end] of blocks) {
    defused += text.slice(copied, start) + text.slice(start, end).replace(plainMark, (mark) => String.fromCharCode(standInBase + mark.charCodeAt(0)));
    copied = end;
  }
  return { text: defused + text.slice(copied), blocks };
}

/** Parses a whole file's Markdown (GFM, with YAML frontmatter) into a tree whose positions count from the start of `source`. */
export function parseMarkdown(source: string): Root {
  return parseWith(source, { frontmatter: true });
}

/** Parses a piece of a file that does not start it (GFM, without frontmatter): positions count from the start of `source`. */
export function parseMarkdownPiece(source: string): Root {
  return parseWith(source, { frontmatter: false });
}

function parseWith(source: string, { frontmatter }: { frontmatter: boolean }): Root {
  const { text, blocks } = defuse(source);
  // Frontmatter is read as one raw value: its links (a postmortem's `links:` hold URLs) are none.
  const readAsMarkdown = frontmatter ? text.slice(frontmatterSpan(text)?.end ?? 0) : text;
  const tree = parsers[frontmatter ? 'file' : 'piece']({ literalAutolinks: optionalSyntax.literalAutolinks.test(readAsMarkdown), tables: optionalSyntax.tables.test(readAsMarkdown) }).parse(text);
  if (blocks.length === 0) return tree;
  // The marks come back as themselves in the text of the blocks they were taken from.
  const pending: Nodes[] = [tree];
  for (let node = pending.pop(); node; node = pending.pop()) {
    if ('children' in node) pending.push(...(node.children as Nodes[]));
    else if ('value' in node && hasStandIn.test(node.value)) {
      const offset = node.position?.start.offset ?? -1;
      const [start = Infinity] = blocks.find(([, end]) => end > offset) ?? [];
      if (start <= offset) node.value = node.value.replace(standIn, (character) => String.fromCharCode(character.charCodeAt(0) - standInBase));
    }
  }
  return tree;
}

/** Calls `visit` with the start and end point of every node in the tree. */
export function eachPoint(tree: Root, visit: (point: { line: number; column: number; offset?: number | undefined }) => void): void {
  const pending: Nodes[] = [tree];
  for (let node = pending.pop(); node; node = pending.pop()) {
    if (node.position) {
      visit(node.position.start);
      visit(node.position.end);
    }
    if ('children' in node) pending.push(...(node.children as Nodes[]));
  }
}
