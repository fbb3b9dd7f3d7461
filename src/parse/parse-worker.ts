import { parentPort } from 'node:worker_threads';
import { ParseCache } from './cache.js';
import { parseJobs, type WorkerRequest } from './workers.js';

let cache: ParseCache | undefined;

parentPort?.on('message', ({ jobs, options, cacheFolder }: WorkerRequest) => {
  if (cacheFolder !== undefined) cache ??= new ParseCache(cacheFolder);
  parentPort?.postMessage(parseJobs(jobs, options, cache));
});
