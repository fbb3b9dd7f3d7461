import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Postmortem } from './model.js';

export interface ParseJob {
  index: number;
  /** The path as shown in findings. */
  file: string;
  bytes: Uint8Array;
  hash: string;
}

export interface WorkerRequest {
  jobs: Array<{ file: string; bytes: Uint8Array }>;
  keepTree: boolean;
}

/** Parsing allocates many short-lived nodes; a larger young generation spends far less time collecting. */
const youngGenerationMb = 64;

/** Parses the jobs on every core, one contiguous share each, in the jobs' order. */
export async function parseInWorkers(jobs: readonly ParseJob[], keepTree: boolean): Promise<Postmortem[]> {
  const workerCount = Math.min(availableParallelism(), jobs.length);
  const shareSize = Math.ceil(jobs.length / workerCount);
  const shares = Array.from({ length: workerCount }, (_, index) => jobs.slice(index * shareSize, (index + 1) * shareSize));
  const results = await Promise.all(shares.map((share) => parseShare(share, keepTree)));
  return results.flat();
}

function parseShare(share: readonly ParseJob[], keepTree: boolean): Promise<Postmortem[]> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./parse-worker.js', import.meta.url), {
      resourceLimits: { maxYoungGenerationSizeMb: youngGenerationMb },
    });
    const request: WorkerRequest = { jobs: share.map(({ file, bytes }) => ({ file, bytes })), keepTree };
    worker.once('message', (postmortems: Postmortem[]) => {
      resolve(postmortems);
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.postMessage(request);
  });
}
