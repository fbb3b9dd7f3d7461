import { isUtf8 } from 'node:buffer';
import type { Position, SyntaxProblem } from './model.js';

export interface DecodedText {
  /** The text without a leading byte-order mark. */
  text: string;
  /** Why the bytes are not readable text, with the place of the first bad byte. */
  problem?: { message: string; line: number; column: number };
}

/** Git's heuristic: a NUL byte in the first 8,000 bytes means binary. */
const binarySniffLength = 8000;

/** Decodes a file's bytes as UTF-8, or says where they stop being UTF-8 text. */
export function decodeText(bytes: Uint8Array): DecodedText {
  if (bytes.subarray(0, binarySniffLength).includes(0)) {
    return { text: '', problem: { message: 'The file is binary, expected UTF-8 Markdown text', line: 1, column: 1 } };
  }
  if (!isUtf8(bytes)) {
    const offset = firstInvalidByte(bytes);
    return {
      text: '',
      problem: { message: `The file is not valid UTF-8: unexpected byte 0x${hex(bytes[offset] ?? 0)}, expected UTF-8 text`, ...bytePoint(bytes, offset) },
    };
  }
  const text = new TextDecoder('utf-8', { ignoreBOM: false }).decode(bytes);
  return { text };
}

function hex(byte: number): string {
  return byte.toString(16).padStart(2, '0').toUpperCase();
}

/** The 1-based line and column (in characters) of a byte offset, before the bytes are decoded. */
export function bytePoint(bytes: Uint8Array, offset: number): { line: number; column: number } {
  const before = bytes.subarray(0, offset);
  const lineStart = before.lastIndexOf(0x0a) + 1;
  return { line: countNewlines(before) + 1, column: new TextDecoder().decode(before.subarray(lineStart)).length + 1 };
}

export function countNewlines(bytes: Uint8Array): number {
  let count = 0;
  for (let index = bytes.indexOf(0x0a); index !== -1; index = bytes.indexOf(0x0a, index + 1)) count++;
  return count;
}

/** The lossy decode puts U+FFFD for each bad sequence; re-encoding shows where it first differs. */
function firstInvalidByte(bytes: Uint8Array): number {
  const reencoded = Buffer.from(new TextDecoder().decode(bytes), 'utf8');
  let index = 0;
  while (index < bytes.length && bytes[index] === reencoded[index]) index++;
  return index;
}

/** Offsets of line starts, for turning a string offset into a 1-based line and column. */
export class LineIndex {
  readonly starts: number[] = [0];

  constructor(text: string) {
    for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) {
      this.starts.push(index + 1);
    }
  }

  get lineCount(): number {
    return this.starts.length;
  }

  point(offset: number): { line: number; column: number; offset: number } {
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((this.starts[middle] ?? 0) <= offset) low = middle;
      else high = middle - 1;
    }
    return { line: low + 1, column: offset - (this.starts[low] ?? 0) + 1, offset };
  }

  position(start: number, end: number): Position {
    return { start: this.point(start), end: this.point(end) };
  }
}

/** A position from a line and column pair, for problems found before any tree exists. */
export function pointPosition(line: number, column: number, endColumn = column): Position {
  return { start: { line, column }, end: { line, column: endColumn } };
}

/** A carriage return not followed by a line feed, and how findings name it. */
export const loneCarriageReturn = /\r(?!\n)/g;
export const loneCarriageReturnName = 'carriage return (CR) alone';

/**
 * The first carriage return that ends a line alone (files from classic Mac OS, or text pasted from
 * one): the Markdown parser and the YAML parser end a line there and the line index does not, so
 * every place after it would be a line out. Such a file is reported where the first one stands.
 */
export function loneCarriageReturnProblem(text: string, lines: LineIndex): SyntaxProblem | undefined {
  const offset = text.search(loneCarriageReturn);
  if (offset === -1) return undefined;
  return { message: `Unexpected line ending of a ${loneCarriageReturnName}, expected LF or CRLF line endings`, place: lines.position(offset, offset + 1) };
}
