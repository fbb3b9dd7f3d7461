import type { Position, ProseSpan } from './model.js';
import type { LineIndex } from './text.js';

/** A top-level heading as the scan finds it: its Markdown source, not yet its plain text. */
export interface OutlineHeading {
  depth: number;
  /** The heading's content as written: without `#` marks or a setext underline. */
  source: string;
  position: Position;
}

export interface Outline {
  headings: OutlineHeading[];
  /** Runs of prose lines (paragraphs, list items, table rows, headings) outside code and HTML comments. */
  prose: ProseSpan[];
}

const fenceOpening = /^[ \t]*(`{3,}|~{3,})([^`]*)$/;
const fenceClosing = /^[ \t]*(`{3,}|~{3,})[ \t]*$/;

/** A fenced code block's opening line (its marker and length), as CommonMark reads it. */
export interface Fence {
  marker: string;
  length: number;
}

/** The fence a line opens, if it opens one. */
export function openedFence(line: string): Fence | undefined {
  const marker = fenceOpening.exec(line)?.[1];
  return marker ? { marker: marker[0] ?? '`', length: marker.length } : undefined;
}

/** Whether a line closes a fenced code block. */
export function closesFence(line: string, fence: Fence): boolean {
  const closing = fenceClosing.exec(line)?.[1];
  return closing !== undefined && closing[0] === fence.marker && closing.length >= fence.length;
}
const atxHeading = /^( {0,3})(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
const setextUnderline = /^ {0,3}(=+|-+)[ \t]*$/;
/** A line that starts a block a setext underline cannot turn into a heading. */
const notParagraphStart = /^(?: {0,3}(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)| {0,3}>| {4}|\t| {0,3}<| {0,3}\|)/;
const commentOpening = /^ {0,3}<!--/;

/**
 * The block structure the linter needs, found line by line: top-level ATX and setext headings, and
 * the prose between them, skipping fenced code and HTML comments the way CommonMark does. Only the
 * sections a rule reads in detail (the timeline, the action items) are then parsed as Markdown, so
 * linting does not pay for building a tree of every paragraph.
 */
export function outline(text: string, bodyStart: number, lines: LineIndex): Outline {
  const headings: OutlineHeading[] = [];
  const prose: ProseSpan[] = [];
  let fence: Fence | undefined;
  let inComment = false;
  /** The paragraph being read: its first line's number, which a setext underline may turn into a heading. */
  let paragraph: { first: number; last: number } | undefined;

  const lineText = (index: number): string => {
    const start = lines.starts[index] ?? text.length;
    const next = lines.starts[index + 1];
    return text.slice(start, next === undefined ? text.length : next - 1).replace(/\r$/, '');
  };
  const endParagraph = (): void => {
    if (!paragraph) return;
    const start = lines.starts[paragraph.first] ?? 0;
    const end = (lines.starts[paragraph.last] ?? 0) + lineText(paragraph.last).length;
    prose.push({ text: text.slice(start, end), start: { line: paragraph.first + 1, column: 1 } });
    paragraph = undefined;
  };

  const firstLine = lines.point(bodyStart).line - 1;
  for (let index = firstLine; index < lines.lineCount; index++) {
    const line = lineText(index);
    if (fence) {
      if (closesFence(line, fence)) fence = undefined;
      continue;
    }
    if (inComment || commentOpening.test(line)) {
      endParagraph();
      inComment = !line.includes('-->', inComment ? 0 : line.indexOf('<!--') + 4);
      continue;
    }
    const opening = openedFence(line);
    if (opening) {
      endParagraph();
      fence = opening;
      continue;
    }
    if (line.trim() === '') {
      endParagraph();
      continue;
    }
    const atx = atxHeading.exec(line);
    if (atx) {
      endParagraph();
      const lineStart = lines.starts[index] ?? 0;
      const indent = atx[1]?.length ?? 0;
      const source = (atx[3] ?? '').replace(/^#+$/, '');
      headings.push({ depth: atx[2]?.length ?? 1, source, position: lines.position(lineStart + indent, lineStart + line.trimEnd().length) });
      prose.push({ text: line, start: { line: index + 1, column: 1 } });
      continue;
    }
    const underline = setextUnderline.exec(line);
    if (underline && paragraph && !notParagraphStart.test(lineText(paragraph.first))) {
      const first = paragraph.first;
      // The paragraph's lines as written (line ends included), without the indentation around them.
      const paragraphEnd = (lines.starts[index - 1] ?? 0) + lineText(index - 1).length;
      const source = text.slice(lines.starts[first] ?? 0, paragraphEnd).replace(/[ \t]*(\r?\n)[ \t]*/g, '$1').trim();
      endParagraph();
      const lineStart = lines.starts[index] ?? 0;
      headings.push({
        depth: underline[1]?.startsWith('=') ? 1 : 2,
        source,
        position: lines.position(lines.starts[first] ?? 0, lineStart + line.trimEnd().length),
      });
      continue;
    }
    if (paragraph) paragraph.last = index;
    else paragraph = { first: index, last: index };
  }
  endParagraph();
  return { headings, prose };
}
