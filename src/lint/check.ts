import type { ResolvedConfig } from '../config/config.js';
import type { Postmortem } from '../parse/model.js';
import { parsePostmortem, type ParseOptions } from '../parse/postmortem.js';
import { inWorkers, type FileJob } from '../parse/workers.js';
import { storeMessage, type StoredMessage } from './cache.js';
import { acrossFilesModel, corpusOf, enabledRules, ownFindings } from './engine.js';

/** What checking a file needs besides its bytes. */
export interface CheckSetup {
  /** A lint renders nothing. */
  options: Omit<ParseOptions, 'render'>;
  config: ResolvedConfig;
  asOf: string;
}

/** A file's own findings and what rules looking across files read of it: all a lint keeps of a file. */
export interface FileFindings {
  messages: StoredMessage[];
  acrossFiles: Postmortem;
}

/** Parses each file and runs the rules that read only that file; the model goes no further. */
export function checkJobs(jobs: readonly FileJob[], { options, config, asOf }: CheckSetup): FileFindings[] {
  const enabled = enabledRules(config);
  // Rules that read only one file never look at the others.
  const context = { config, asOf, corpus: corpusOf([]) };
  return jobs.map(({ file, bytes }) => {
    const postmortem = parsePostmortem(file, bytes, options);
    return { messages: ownFindings(postmortem, enabled, context).map(storeMessage), acrossFiles: acrossFilesModel(postmortem, enabled) };
  });
}

/**
 * Checks the files, on every core when there are many: each thread parses and checks its own,
 * and sends back findings rather than models, which are many times their size.
 */
export function checkInWorkers(jobs: readonly FileJob[], setup: CheckSetup, onChecked: (count: number) => void): Promise<FileFindings[]> {
  return inWorkers(jobs, { script: new URL('./check-worker.js', import.meta.url), setup, here: (chunk) => checkJobs(chunk, setup) }, onChecked);
}
