import type { Position, ProseSpan } from '../parse/model.js';

/** Code spans and HTML comments are not prose: what they say is meant (or hidden) as written. */
const notProse = /(`+)(?!`)[\s\S]*?(?<!`)\1(?!`)|<!--[\s\S]*?-->/g;

/** A span's words: code spans and HTML comments turned to spaces, every other character where it was. */
export function proseText(span: ProseSpan): string {
  return span.text.replace(notProse, (match) => match.replace(/[^\n]/g, ' '));
}

/** The file position of `length` characters at `index` in a span's text. */
export function placeIn(span: ProseSpan, index: number, length: number): Position {
  const point = (offset: number) => {
    const before = span.text.slice(0, offset);
    const lineStart = before.lastIndexOf('\n') + 1;
    const line = span.start.line + (before.split('\n').length - 1);
    return { line, column: lineStart === 0 ? span.start.column + offset : offset - lineStart + 1 };
  };
  return { start: point(index), end: point(index + length) };
}
