import type { Position as LspPosition, Range } from 'vscode-languageserver';
import type { Position } from '../parse/model.js';

/**
 * A finding's place (1-based lines and columns) as an editor's range (0-based). Both count columns
 * in UTF-16 units, as JavaScript strings do; a byte-order mark the parser left out moves line 1.
 */
export function toRange(place: Position, shift = 0): Range {
  return { start: toPosition(place.start, shift), end: toPosition(place.end ?? place.start, shift) };
}

function toPosition(point: { line: number; column: number }, shift: number): LspPosition {
  return { line: Math.max(point.line - 1, 0), character: Math.max(point.column - 1, 0) + (point.line === 1 ? shift : 0) };
}

/** An editor's position as a 1-based line and column in the text the parser read. */
export function toPoint(position: LspPosition, shift = 0): { line: number; column: number } {
  return { line: position.line + 1, column: position.character + 1 - (position.line === 0 ? shift : 0) };
}

/** Whether a 1-based place holds a point (ends included, so a cursor just after a word counts). */
export function placeHolds(place: Position, point: { line: number; column: number }): boolean {
  const after = (a: { line: number; column: number }, b: { line: number; column: number }) => a.line > b.line || (a.line === b.line && a.column >= b.column);
  return after(point, place.start) && after(place.end ?? place.start, point);
}

export function rangesTouch(a: Range, b: Range): boolean {
  const before = (x: LspPosition, y: LspPosition) => x.line < y.line || (x.line === y.line && x.character < y.character);
  return !before(a.end, b.start) && !before(b.end, a.start);
}
