import type { Io } from './io.js';

/** Runs over fewer files than this finish too soon for progress to help. */
export const progressThreshold = 100;

/** How often a terminal line is redrawn at most. */
const redrawMs = 100;

export interface Progress {
  /** A step of a long run over `files` files: `parsed 1,234 of 10,000 files`. Shown only on a terminal; `text` is called only when it is. */
  step(files: number, text: () => string): void;
  /** The closing line of a run over `files` files: on a terminal it replaces the steps; elsewhere it is all that shows. */
  finish(files: number, text: string): void;
  /** Ends a run whose closing line goes elsewhere (stdout): a terminal's step line is cleared. */
  clear(files: number): void;
}

/**
 * Progress on stderr for runs over many files: on a terminal one line redrawn in place, in CI (no
 * terminal, or `CI` set) only the closing line; `--quiet` or a short run shows neither.
 */
export function progress(io: Io, quiet: boolean): Progress {
  const live = Boolean(io.stderr.isTTY) && !io.env.CI;
  let drawn = 0;
  const shown = (files: number): boolean => !quiet && files >= progressThreshold;
  return {
    step(files, text) {
      if (!live || !shown(files) || performance.now() - drawn < redrawMs) return;
      drawn = performance.now();
      io.stderr.write(`\r\x1b[Khindsight: ${text()}`);
    },
    finish(files, text) {
      if (shown(files)) io.stderr.write(`${live ? '\r\x1b[K' : ''}hindsight: ${text}\n`);
    },
    clear(files) {
      if (live && shown(files)) io.stderr.write('\r\x1b[K');
    },
  };
}

/** `1,234 of 10,000`. */
export function countOf(done: number, total: number): string {
  return `${done.toLocaleString('en-US')} of ${total.toLocaleString('en-US')}`;
}

/** `3.2s` since `started` (a `performance.now()` reading). */
export function secondsSince(started: number): string {
  return `${((performance.now() - started) / 1000).toFixed(1)}s`;
}
