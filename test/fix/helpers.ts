import type { ResolvedConfig } from '../../src/config/config.js';
import { findFixes, fixText } from '../../src/fix/index.js';
import { lintFixtures, testConfig, validFile } from '../helpers/lint.js';

/** Parses and lints one text as `hindsight lint` would, for the fixes to work on. */
export function checker(file = validFile, config: ResolvedConfig = testConfig()) {
  return (text: string) => {
    const [linted] = lintFixtures([{ file, text }], { config });
    if (!linted) throw new Error('nothing linted');
    return { ...linted, messages: linted.result.messages };
  };
}

/** What `lint --fix` makes of one text. */
export function fix(text: string, options: { file?: string; config?: ResolvedConfig } = {}) {
  const config = options.config ?? testConfig();
  return fixText(text, config, checker(options.file, config));
}

/** Every fix offered for one text, certain or not (what the editor lists). */
export function offered(text: string, options: { file?: string; config?: ResolvedConfig } = {}) {
  const config = options.config ?? testConfig();
  const { postmortem, messages } = checker(options.file, config)(text);
  return findFixes({ text, postmortem, config, messages });
}

/** The rule ids of the findings left. */
export function remaining(result: ReturnType<typeof fix>): Array<string | undefined> {
  return result.checked.messages.map((message) => message.ruleId);
}
