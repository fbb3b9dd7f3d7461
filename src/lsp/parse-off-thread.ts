import { Worker } from 'node:worker_threads';
import type { Postmortem } from '../parse/model.js';
import { parsePostmortem } from '../parse/postmortem.js';
import { workersAvailable, type WorkerRequest } from '../parse/workers.js';

/** The linter's own parse worker. */
const parseWorkerScript = new URL('../parse/parse-worker.js', import.meta.url);

/** Below this size a parse takes a few milliseconds: starting a thread would cost more. */
const offThreadBytes = 64 * 1024;

/** A parse still running after this long is stopped and reported, so no buffer holds the server's CPU for long. */
export const parseTimeLimitMs = 20_000;

/** A parse given up because a newer version of the buffer came. */
export class Superseded extends Error {}

/**
 * Parses a buffer: small ones here, large ones in a thread of their own, so the server keeps
 * answering while a megabyte of Markdown is read. `cancel` stops a parse whose text is stale.
 */
export function parseBuffer(file: string, bytes: Uint8Array): { result: Promise<Postmortem>; cancel(): void } {
  if (bytes.length < offThreadBytes || !workersAvailable) {
    return { result: Promise.resolve().then(() => parsePostmortem(file, bytes)), cancel: () => undefined };
  }
  const worker = new Worker(parseWorkerScript);
  let settle: ((error?: Error, postmortem?: Postmortem) => void) | undefined;
  const result = new Promise<Postmortem>((resolve, reject) => {
    const timer = setTimeout(() => settle?.(new Error(`Parsing took longer than ${parseTimeLimitMs / 1000} s, expected a file of a reasonable size`)), parseTimeLimitMs);
    settle = (error, postmortem) => {
      settle = undefined;
      clearTimeout(timer);
      void worker.terminate();
      if (error) reject(error);
      else resolve(postmortem as Postmortem);
    };
    worker.once('message', ([postmortem]: Postmortem[]) => settle?.(undefined, postmortem));
    worker.once('error', (error) => settle?.(error));
    worker.postMessage({ jobs: [{ file, bytes }], render: false } satisfies WorkerRequest);
  });
  return { result, cancel: () => settle?.(new Superseded()) };
}
