import type { Position, ProseSpan } from '../parse/model.js';
import { literalRanges } from '../parse/inline.js';
import { LineIndex } from '../parse/text.js';

/**
 * A span's words: code spans and HTML comments turned to spaces, every other character where it
 * was. Code spans and HTML comments are not prose: what they say is meant (or hidden) as written.
 */
export function proseText(span: ProseSpan): string {
  let text = '';
  let from = 0;
  for (const [start, end] of literalRanges(span.text)) {
    text += span.text.slice(from, start) + span.text.slice(start, end).replace(/[^\n]/g, ' ');
    from = end;
  }
  return text + span.text.slice(from);
}

const spanLines = new WeakMap<ProseSpan, LineIndex>();

/** The file position of `length` characters at `index` in a span's text. */
export function placeIn(span: ProseSpan, index: number, length: number): Position {
  let lines = spanLines.get(span);
  if (!lines) {
    lines = new LineIndex(span.text);
    spanLines.set(span, lines);
  }
  const point = (offset: number) => {
    const { line, column } = lines.point(offset);
    return { line: span.start.line + line - 1, column: line === 1 ? span.start.column + offset : column };
  };
  return { start: point(index), end: point(index + length) };
}
