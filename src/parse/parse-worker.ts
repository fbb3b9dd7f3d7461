import { parentPort } from 'node:worker_threads';
import { ParseCache } from './cache.js';
import type { ParseOptions } from './postmortem.js';
import { parseJobs, parseOptions, type ParseJob, type ParseSetup, type WorkerRequest } from './workers.js';

let cache: ParseCache | undefined;
let options: Promise<ParseOptions> | undefined;
// Chunks are answered in the order they came, the first one after the renderer has loaded.
let replied = Promise.resolve();

parentPort?.on('message', ({ jobs, setup }: WorkerRequest<ParseJob, ParseSetup>) => {
  if (setup.cacheFolder !== undefined) cache ??= new ParseCache(setup.cacheFolder);
  options ??= parseOptions(setup);
  const ready = options;
  replied = replied.then(async () => {
    parentPort?.postMessage(parseJobs(jobs, await ready, cache));
  });
});
