import type { ResolvedConfig } from '../config/config.js';
import type { ParseCache } from '../parse/cache.js';
import { withoutRuleParts, type Postmortem } from '../parse/model.js';
import { parsePostmortem, type ParseOptions } from '../parse/postmortem.js';
import { inWorkers, parseJobs, parseSetup, type FileJob, type ParseJob, type ParseSetup } from '../parse/workers.js';
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
  const findings = fileFindings({ config, asOf });
  return jobs.map(({ file, bytes }) => findings(parsePostmortem(file, bytes, options)));
}

/** What the rules read besides the file: the config and the day. */
type RuleSetup = Omit<CheckSetup, 'options'>;

/** A function that runs the rules that read only one file, which never look at the others. */
function fileFindings({ config, asOf }: RuleSetup): (postmortem: Postmortem) => FileFindings {
  const enabled = enabledRules(config);
  const context = { config, asOf, corpus: corpusOf([]) };
  return (postmortem) => ({ messages: ownFindings(postmortem, enabled, context).map(storeMessage), acrossFiles: acrossFilesModel(postmortem, enabled) });
}

/** A file's findings, and its model without the parts only rules read (what a site or rollup keeps). */
export interface CheckedModel {
  postmortem: Postmortem;
  findings: FileFindings;
}

/** What a worker that parses and checks files is sent with each chunk. */
export interface ParseCheckSetup extends ParseSetup {
  check: RuleSetup;
}

/** Checks parsed models, and keeps of each only what a site or rollup reads. */
export function checkParsed(postmortems: readonly Postmortem[], check: RuleSetup): CheckedModel[] {
  const findings = fileFindings(check);
  return postmortems.map((postmortem) => ({ postmortem: withoutRuleParts(postmortem), findings: findings(postmortem) }));
}

/**
 * Parses the files (storing each whole model in the cache) and checks each on the thread that
 * parsed it, on every core when there are many: a thread sends back the findings and the model
 * without its rule parts, half its size, rather than the whole model for this thread to check.
 */
export function parseAndCheckInWorkers(jobs: readonly ParseJob[], options: ParseOptions, cache: ParseCache | undefined, check: RuleSetup, onDone: (count: number) => void): Promise<CheckedModel[]> {
  const setup: ParseCheckSetup = { ...parseSetup(options, cache), check };
  return inWorkers(jobs, { script: new URL('./parse-check-worker.js', import.meta.url), setup, here: (chunk) => checkParsed(parseJobs(chunk, options, cache), check) }, onDone);
}

/**
 * Checks the files, on every core when there are many: each thread parses and checks its own,
 * and sends back findings rather than models, which are many times their size.
 */
export function checkInWorkers(jobs: readonly FileJob[], setup: CheckSetup, onChecked: (count: number) => void): Promise<FileFindings[]> {
  return inWorkers(jobs, { script: new URL('./check-worker.js', import.meta.url), setup, here: (chunk) => checkJobs(chunk, setup) }, onChecked);
}
