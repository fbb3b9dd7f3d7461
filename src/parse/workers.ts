import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { CacheKey } from './cache.js';
import type { Postmortem } from './model.js';
import { parsePostmortem, type ParseOptions } from './postmortem.js';

export interface ParseJob {
  index: number;
  /** The path as shown in findings. */
  file: string;
  bytes: Uint8Array;
  /** The file's entry in the parse cache. */
  key: CacheKey;
}

export interface WorkerRequest {
  jobs: Array<{ file: string; bytes: Uint8Array }>;
  options: ParseOptions;
}

const workerScript = new URL('./parse-worker.js', import.meta.url);

/** Workers run the compiled script; straight from the TypeScript sources (as in tests) there is none. */
export const workersAvailable = existsSync(fileURLToPath(workerScript));

/** Parsing allocates many short-lived nodes; a larger young generation collects them less often. */
const youngGenerationMb = 64;

/**
 * Parses the jobs on every core, one contiguous share each, in the jobs' order. This thread takes
 * the last share itself: it would otherwise only wait, and its share need not be copied back.
 */
export async function parseInWorkers(jobs: readonly ParseJob[], options: ParseOptions): Promise<Postmortem[]> {
  const shareCount = Math.min(availableParallelism(), jobs.length);
  const shareSize = Math.ceil(jobs.length / shareCount);
  const shares = Array.from({ length: shareCount }, (_, index) => jobs.slice(index * shareSize, (index + 1) * shareSize));
  const own = shares.pop() ?? [];
  const others = shares.map((share) => parseShare(share, options));
  const mine = own.map(({ file, bytes }) => parsePostmortem(file, bytes, options));
  return [...(await Promise.all(others)).flat(), ...mine];
}

function parseShare(share: readonly ParseJob[], options: ParseOptions): Promise<Postmortem[]> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(workerScript, {
      resourceLimits: { maxYoungGenerationSizeMb: youngGenerationMb },
    });
    const request: WorkerRequest = { jobs: share.map(({ file, bytes }) => ({ file, bytes })), options };
    worker.once('message', (postmortems: Postmortem[]) => {
      resolve(postmortems);
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.postMessage(request);
  });
}
