import type { Position } from '../parse/model.js';
import { LineIndex } from '../parse/text.js';

/** Replace the text from `start` to `end` (string offsets, as JavaScript counts them: UTF-16 units). */
export interface TextEdit {
  start: number;
  end: number;
  newText: string;
}

/** The text a postmortem was parsed from, with its line starts, for turning places into offsets. */
export class SourceText {
  readonly lines: LineIndex;
  /** `\r\n` when the file is written with it, so inserted lines match their neighbours. */
  readonly eol: string;

  constructor(readonly text: string) {
    this.lines = new LineIndex(text);
    this.eol = text.includes('\r\n') ? '\r\n' : '\n';
  }

  /** The offset of a 1-based line and column. */
  offset(point: { line: number; column: number }): number {
    const lineStart = this.lines.starts[point.line - 1] ?? this.text.length;
    return Math.min(lineStart + point.column - 1, this.text.length);
  }

  range(position: Position): { start: number; end: number } {
    return { start: this.offset(position.start), end: this.offset(position.end) };
  }

  slice(position: Position): string {
    const { start, end } = this.range(position);
    return this.text.slice(start, end);
  }

  /** Lines joined with the file's own line ending. */
  join(lines: readonly string[]): string {
    return lines.join(this.eol);
  }
}

/** Whether two edits touch the same text; two insertions at one point do not. */
export function overlaps(a: TextEdit, b: TextEdit): boolean {
  return a.start < b.end && b.start < a.end;
}

/** The text with non-overlapping edits applied; insertions at one point keep the order given. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const ordered = edits.map((edit, index) => ({ edit, index })).sort((a, b) => a.edit.start - b.edit.start || a.index - b.index);
  let result = '';
  let cursor = 0;
  for (const { edit } of ordered) {
    result += text.slice(cursor, edit.start) + edit.newText;
    cursor = edit.end;
  }
  return result + text.slice(cursor);
}

/** A replacement that keeps the quotes a YAML scalar was written with. */
export function replaceScalar(source: SourceText, position: Position, value: string): TextEdit {
  const { start, end } = source.range(position);
  const written = source.text.slice(start, end);
  const quote = written[0] === '"' || written[0] === "'" ? written[0] : '';
  return { start, end, newText: `${quote}${value}${quote}` };
}
