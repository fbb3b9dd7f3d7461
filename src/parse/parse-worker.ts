import { parentPort } from 'node:worker_threads';
import { ParseCache } from './cache.js';
import { parseJobs, type ParseJob, type ParseSetup, type WorkerRequest } from './workers.js';

let cache: ParseCache | undefined;

parentPort?.on('message', ({ jobs, setup }: WorkerRequest<ParseJob, ParseSetup>) => {
  if (setup.cacheFolder !== undefined) cache ??= new ParseCache(setup.cacheFolder);
  parentPort?.postMessage(parseJobs(jobs, setup.options, cache));
});
