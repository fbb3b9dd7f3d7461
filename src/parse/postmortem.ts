import type { Root } from 'mdast';
import type { RenderedBody } from '../render/body.js';
import { blockLimitProblem, lineLimitProblem } from './blocks.js';
import { readBody, wholeTree } from './body.js';
import { parseFrontmatter } from './frontmatter.js';
import { defaultLimits, grouped, overLimit, type ParseLimits } from './limits.js';
import { postmortemId, type Position, type Postmortem, type SyntaxProblem } from './model.js';
import { bytePoint, countNewlines, decodeText, LineIndex, loneCarriageReturnProblem, pointPosition } from './text.js';

/** Renders a body's tree to HTML (`renderBody`), given the Action Items table's place. */
export type BodyRenderer = (tree: Root, actionItems: Position | undefined) => RenderedBody;

export interface ParseOptions {
  /**
   * Render the body to HTML while its tree is at hand (the site shows it). Passed in rather than
   * imported, so that the linter, which never renders, does not load the renderer.
   */
  render?: BodyRenderer;
  /** Sizes past which the parse stops with a finding; default `defaultLimits`. */
  limits?: ParseLimits;
}

/** Parses one postmortem file, once, into the model every reader shares. Never throws on content. */
export function parsePostmortem(file: string, bytes: Uint8Array, options: ParseOptions = {}): Postmortem {
  const postmortem: Postmortem = {
    id: postmortemId(file),
    file,
    data: {},
    fields: {},
    syntax: [],
    sections: [],
    timeline: [],
    timelineStrays: [],
    actionItems: null,
    prose: [],
    // Counted in the bytes, so that even a file that is not text has its lines counted.
    lines: countNewlines(bytes) + 1,
  };
  const { limits = defaultLimits } = options;
  if (bytes.length > limits.maxFileBytes) {
    const { line, column } = bytePoint(bytes, limits.maxFileBytes);
    postmortem.syntax.push({ message: overLimit(`file of ${grouped(bytes.length)} bytes`, 'maxFileBytes', limits.maxFileBytes), place: pointPosition(line, column) });
    return postmortem;
  }
  const decoded = decodeText(bytes);
  if (decoded.problem) {
    const { message, line, column } = decoded.problem;
    postmortem.syntax.push({ message, place: pointPosition(line, column) });
    return postmortem;
  }
  const { text } = decoded;
  const lines = new LineIndex(text);
  const unreadableLines = lineLimitProblem(text, lines, limits) ?? loneCarriageReturnProblem(text, lines);
  if (unreadableLines) {
    postmortem.syntax.push(unreadableLines);
    return postmortem;
  }

  const frontmatter = parseFrontmatter(text, lines, limits);
  postmortem.data = frontmatter.data;
  postmortem.fields = frontmatter.fields;
  postmortem.syntax.push(...frontmatter.problems);

  const unreadable = overlyNestedLine(text, lines) ?? blockLimitProblem(text, frontmatter.bodyStart, lines, limits);
  if (unreadable) {
    postmortem.syntax.push(unreadable);
    return postmortem;
  }

  const date = typeof frontmatter.data.date === 'string' ? frontmatter.data.date : undefined;
  try {
    const { problems, parsed, ...body } = readBody(text, frontmatter.bodyStart, lines, { date, limits });
    Object.assign(postmortem, body);
    postmortem.syntax.push(...problems);
    // The page shows the whole body; only here is every paragraph of it parsed. A file that cannot
    // be read whole gets no page.
    if (options.render && postmortem.syntax.length === 0) {
      postmortem.body = options.render(wholeTree(text, parsed, lines), postmortem.actionItems?.position);
    }
  } catch (error) {
    postmortem.syntax.push({ message: `Unreadable Markdown: ${(error as Error).message}`, place: pointPosition(1, 1) });
  }
  return postmortem;
}

/**
 * Blockquotes and list items one line may open. Real documents nest a few levels, while the Markdown
 * parser's work on each line grows with the square of the depth, and thousands of levels exhaust its stack.
 */
const maxContainerDepth = 20;
const containerMarker = /[ \t]*(?:>|[-*+](?=[ \t\r\n]|$)|\d{1,9}[.)](?=[ \t\r\n]|$))/y;
/** Lists also nest by indentation alone; a marker this far in stands some 40 levels deep. */
const maxMarkerIndent = 80;
const deeplyIndentedMarker = new RegExp(`[ \\t]{${maxMarkerIndent + 1},}(?:>|[-*+]|\\d{1,9}[.)])(?=[ \\t\\r\\n]|$)`, 'y');
const thematicBreak = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*\r?$/;

/** The first line that opens more containers than anyone writes, before the parser spends minutes on it. */
export function overlyNestedLine(text: string, lines: LineIndex): SyntaxProblem | undefined {
  for (const start of lines.starts) {
    deeplyIndentedMarker.lastIndex = start;
    if (deeplyIndentedMarker.test(text)) {
      return {
        message: `Unexpected list item or blockquote indented more than ${maxMarkerIndent} columns, expected lists nested a few levels deep`,
        place: lines.position(start, deeplyIndentedMarker.lastIndex),
      };
    }
    let depth = 0;
    let end = start;
    containerMarker.lastIndex = start;
    while (containerMarker.exec(text)) {
      depth++;
      end = containerMarker.lastIndex;
    }
    if (depth <= maxContainerDepth) continue;
    const lineEnd = text.indexOf('\n', start);
    // `- - - - …` alone on its line is one thematic break, however long.
    if (thematicBreak.test(text.slice(start, lineEnd === -1 ? text.length : lineEnd))) continue;
    return {
      message: `Unexpected ${depth} nested blockquotes or list items on one line, expected at most ${maxContainerDepth}`,
      place: lines.position(start, end),
    };
  }
  return undefined;
}
