import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { ParseCache, type CacheKey } from './cache.js';
import type { Postmortem } from './model.js';
import { parsePostmortem, type ParseOptions } from './postmortem.js';

export interface ParseJob {
  /** The path as shown in findings. */
  file: string;
  bytes: Uint8Array;
  /** Its entry in the parse cache. */
  key: CacheKey;
}

export interface WorkerRequest {
  jobs: ParseJob[];
  options: ParseOptions;
  /** The parse cache's folder, where each model is stored as soon as it is parsed. */
  cacheFolder: string | undefined;
}

/** Parses the jobs and stores each model in the cache: on whichever thread parses them, so storing is spread over the cores too. */
export function parseJobs(jobs: readonly ParseJob[], options: ParseOptions, cache: ParseCache | undefined): Postmortem[] {
  return jobs.map(({ file, bytes, key }) => {
    const postmortem = parsePostmortem(file, bytes, options);
    cache?.set(key, postmortem);
    return postmortem;
  });
}

const workerScript = new URL('./parse-worker.js', import.meta.url);

/** Workers run the compiled script; straight from the TypeScript sources (as in tests) there is none. */
export const workersAvailable = existsSync(fileURLToPath(workerScript));

/** Parsing allocates many short-lived nodes; a larger young generation collects them less often. */
const youngGenerationMb = 64;

/** Files handed out at a time: small enough to balance the cores and report progress, large enough to keep messages few. */
const chunkSize = 64;

/**
 * Parses the jobs on every core, in the jobs' order. Chunks are handed out as cores free up; this
 * thread takes chunks too (it would otherwise only wait). `onParsed` hears each finished chunk.
 */
export async function parseInWorkers(jobs: readonly ParseJob[], options: ParseOptions, cache: ParseCache | undefined, onParsed: (count: number) => void = () => {}): Promise<Postmortem[]> {
  const results: Postmortem[] = new Array(jobs.length);
  let next = 0;
  const take = (): { start: number; chunk: ParseJob[] } | undefined => {
    if (next >= jobs.length) return undefined;
    const start = next;
    next = Math.min(jobs.length, next + chunkSize);
    return { start, chunk: jobs.slice(start, next) };
  };
  const store = (start: number, parsed: readonly Postmortem[]): void => {
    parsed.forEach((postmortem, offset) => {
      results[start + offset] = postmortem;
    });
    onParsed(parsed.length);
  };
  const workers = Array.from({ length: Math.max(0, Math.min(availableParallelism(), Math.ceil(jobs.length / chunkSize)) - 1) }, () =>
    runWorker(take, store, options, cache?.writable ? cache.folder : undefined),
  );
  // This thread parses one chunk at a time, yielding between chunks so workers' results are taken in.
  for (let work = take(); work; work = take()) {
    store(work.start, parseJobs(work.chunk, options, cache));
    await new Promise((resolve) => setImmediate(resolve));
  }
  await Promise.all(workers);
  return results;
}

/** Each worker holds two chunks, so it never waits while this thread is busy with its own. */
const chunksInFlight = 2;

function runWorker(
  take: () => { start: number; chunk: ParseJob[] } | undefined,
  store: (start: number, parsed: readonly Postmortem[]) => void,
  options: ParseOptions,
  cacheFolder: string | undefined,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(workerScript, { resourceLimits: { maxYoungGenerationSizeMb: youngGenerationMb } });
    const pending: number[] = [];
    const send = (): void => {
      const work = take();
      if (!work) return;
      pending.push(work.start);
      const request: WorkerRequest = { jobs: work.chunk, options, cacheFolder };
      worker.postMessage(request);
    };
    // Replies come in the order the chunks were sent.
    worker.on('message', (parsed: Postmortem[]) => {
      store(pending.shift() ?? 0, parsed);
      send();
      if (pending.length === 0) void worker.terminate().then(() => resolve());
    });
    worker.once('error', reject);
    for (let sent = 0; sent < chunksInFlight; sent++) send();
    if (pending.length === 0) void worker.terminate().then(() => resolve());
  });
}
