import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parentPort, Worker } from 'node:worker_threads';
import { ParseCache, type CacheKey } from './cache.js';
import type { Postmortem } from './model.js';
import { parsePostmortem, type ParseOptions } from './postmortem.js';

/** A file to work on. */
export interface FileJob {
  /** The path as shown in findings. */
  file: string;
  bytes: Uint8Array;
}

export interface ParseJob extends FileJob {
  /** Its entry in the parse cache. */
  key: CacheKey;
}

/** What a worker script is sent: a chunk of files and what it needs to work on them. */
export interface WorkerRequest<Job extends FileJob, Setup> {
  jobs: Job[];
  setup: Setup;
}

/** What the parse worker needs besides the files. */
export interface ParseSetup {
  limits: ParseOptions['limits'];
  /** Whether to render each body (the worker loads the renderer itself). */
  render: boolean;
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

/**
 * A parse worker's loop: each chunk it is sent is parsed, each model stored in the cache, and the
 * models answered as `finish` makes them. Chunks are answered in the order they came, the first
 * one after the renderer has loaded.
 */
export function answerParseRequests<Setup extends ParseSetup, Result>(finish: (postmortems: Postmortem[], setup: Setup) => Result[]): void {
  let cache: ParseCache | undefined;
  let options: Promise<ParseOptions> | undefined;
  let replied = Promise.resolve();
  parentPort?.on('message', ({ jobs, setup }: WorkerRequest<ParseJob, Setup>) => {
    if (setup.cacheFolder !== undefined) cache ??= new ParseCache(setup.cacheFolder);
    options ??= parseOptions(setup);
    const ready = options;
    replied = replied.then(async () => {
      parentPort?.postMessage(finish(parseJobs(jobs, await ready, cache), setup));
    });
  });
}

/** The parse's options, with the renderer loaded only when bodies are to be rendered: a lint never loads it. */
export async function parseOptions({ limits, render }: Pick<ParseSetup, 'limits' | 'render'>): Promise<ParseOptions> {
  return { limits, ...(render ? { render: (await import('../render/markdown.js')).renderBody } : {}) };
}

/** What a parse worker is sent with each chunk for these options and cache. */
export function parseSetup(options: ParseOptions, cache: ParseCache | undefined): ParseSetup {
  return { limits: options.limits, render: options.render !== undefined, cacheFolder: cache?.writable ? cache.folder : undefined };
}

/** Parses the jobs, on every core when there are many. */
export function parseInWorkers(jobs: readonly ParseJob[], options: ParseOptions, cache: ParseCache | undefined, onParsed: (count: number) => void): Promise<Postmortem[]> {
  return inWorkers(jobs, { script: new URL('./parse-worker.js', import.meta.url), setup: parseSetup(options, cache), here: (chunk) => parseJobs(chunk, options, cache) }, onParsed);
}

/** Work on chunks of files, the same on this thread (`here`) as in the worker `script`, which is sent `setup` with each chunk. */
export interface WorkerTask<Job extends FileJob, Setup, Result> {
  script: URL;
  setup: Setup;
  here: (jobs: readonly Job[]) => Result[];
}

/** Below this many files, starting workers costs more than it saves. */
const parallelThreshold = 200;

/** Parsing allocates many short-lived nodes; a larger young generation collects them less often. */
const youngGenerationMb = 64;

/** Files handed out at a time: small enough to balance the cores and report progress, large enough to keep messages few. */
const chunkSize = 64;

/**
 * The task's results for the jobs, in the jobs' order: many jobs are worked on on every core, in
 * chunks handed out as cores free up, and this thread takes chunks too (it would otherwise only
 * wait). Workers run the compiled scripts; straight from the TypeScript sources (as in tests)
 * there are none, and every job is worked on here. `onDone` hears each finished chunk.
 */
export async function inWorkers<Job extends FileJob, Setup, Result>(jobs: readonly Job[], task: WorkerTask<Job, Setup, Result>, onDone: (count: number) => void): Promise<Result[]> {
  const results: Result[] = new Array(jobs.length);
  let next = 0;
  const take = (): { start: number; chunk: Job[] } | undefined => {
    if (next >= jobs.length) return undefined;
    const start = next;
    next = Math.min(jobs.length, next + chunkSize);
    return { start, chunk: jobs.slice(start, next) };
  };
  const store = (start: number, done: readonly Result[]): void => {
    done.forEach((result, offset) => {
      results[start + offset] = result;
    });
    onDone(done.length);
  };
  const parallel = jobs.length >= parallelThreshold && availableParallelism() > 1 && existsSync(fileURLToPath(task.script));
  const workerCount = parallel ? Math.min(availableParallelism(), Math.ceil(jobs.length / chunkSize)) - 1 : 0;
  const workers = Array.from({ length: workerCount }, () => runWorker(task, take, store));
  // This thread works on one chunk at a time, yielding between chunks so workers' results are taken in.
  for (let work = take(); work; work = take()) {
    store(work.start, task.here(work.chunk));
    if (workerCount > 0) await new Promise((resolve) => setImmediate(resolve));
  }
  await Promise.all(workers);
  return results;
}

/** Each worker holds two chunks, so it never waits while this thread is busy with its own. */
const chunksInFlight = 2;

function runWorker<Job extends FileJob, Setup, Result>(
  task: WorkerTask<Job, Setup, Result>,
  take: () => { start: number; chunk: Job[] } | undefined,
  store: (start: number, done: readonly Result[]) => void,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(task.script, { resourceLimits: { maxYoungGenerationSizeMb: youngGenerationMb } });
    const pending: number[] = [];
    const send = (): void => {
      const work = take();
      if (!work) return;
      pending.push(work.start);
      const request: WorkerRequest<Job, Setup> = { jobs: work.chunk, setup: task.setup };
      worker.postMessage(request);
    };
    // Replies come in the order the chunks were sent.
    worker.on('message', (done: Result[]) => {
      store(pending.shift() ?? 0, done);
      send();
      if (pending.length === 0) void worker.terminate().then(() => resolve());
    });
    worker.once('error', reject);
    for (let sent = 0; sent < chunksInFlight; sent++) send();
    if (pending.length === 0) void worker.terminate().then(() => resolve());
  });
}
