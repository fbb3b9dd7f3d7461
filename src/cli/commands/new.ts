import { basename } from 'node:path';
import { loadConfig, type ResolvedConfig } from '../../config/config.js';
import { UsageError } from '../../errors.js';
import { userName } from '../../git.js';
import { displayPath } from '../../parse/load.js';
import { cleanTitle, isKebabCase, readTemplate, renderPostmortem, titleSlug, writeNewPostmortem } from '../../scaffold.js';
import { addDays, isValidDay, todayUtc } from '../../time.js';
import { defineCommand } from '../command.js';
import type { Io, Output } from '../io.js';

/** Written when no service is named, so the scaffold passes the schema; the author replaces it. */
const unknownService = 'unknown-service';
/** Written when git knows no user name; the `no-placeholder` rule keeps asking for a real one. */
const unknownAuthor = 'TODO';
/** Action items are due this many days after the incident when the severity sets no limit. */
const defaultDueDays = 30;

interface Answers {
  title: string | undefined;
  severity: string | undefined;
  date: string | undefined;
  services: string[] | undefined;
}

export default defineCommand({
  summary: 'Start a postmortem from the template: writes postmortems/DATE-slug.md and prints its path.',
  usage: [
    '--title TEXT [--severity S] [--date YYYY-MM-DD] [--service NAME]...',
    '',
    '  --title     what happened, as a reader would search for it',
    '  --severity  one of the configured levels (default: the least severe)',
    '  --date      the UTC day impact began (default: today)',
    '  --service   an affected service, kebab-case; repeat for more',
    '',
    'On a terminal, asks for what is not given; in CI (CI set) or without a terminal, never asks',
    'and --title is required. Never replaces a file: when the name is taken, writes -2, -3... beside it.',
  ].join('\n'),
  options: {
    title: { type: 'string' },
    severity: { type: 'string' },
    date: { type: 'string' },
    service: { type: 'string', multiple: true },
  },
  positionals: false,
  async run({ values }, io) {
    const config = loadConfig(io.cwd);
    const given: Answers = {
      title: typeof values.title === 'string' ? values.title : undefined,
      severity: typeof values.severity === 'string' ? severityOption(values.severity, config) : undefined,
      date: typeof values.date === 'string' ? dateOption(values.date) : undefined,
      services: Array.isArray(values.service) ? values.service.map((service) => serviceOption(String(service))) : undefined,
    };
    const answers = canPrompt(io) ? await ask(given, config, io) : given;
    if (answers.title === undefined) {
      throw new UsageError('Missing --title, expected the incident\'s title (hindsight new asks for it only on a terminal)');
    }
    const { title, shortened } = cleanTitle(answers.title);
    if (title === '') throw new UsageError('Unexpected empty --title, expected the incident\'s title');
    if (shortened) io.stderr.write(`hindsight: the title is longer than 200 characters, the schema's limit; shortened it\n`);

    const severity = config.severities.find((level) => level.id === answers.severity) ?? config.severities.at(-1);
    if (!severity) throw new UsageError('No severity levels are configured, expected at least one in `severities`');
    const date = answers.date ?? todayUtc();
    const services = answers.services?.length ? answers.services : [unknownService];
    if (services[0] === unknownService) io.stderr.write(`hindsight: no service named; wrote \`${unknownService}\`, replace it with the affected services\n`);
    const author = await userName({ cwd: io.cwd, env: io.env });

    const content = renderPostmortem(
      await readTemplate(),
      {
        title,
        date,
        severity: severity.id,
        services: [...new Set(services)],
        authors: [author ?? unknownAuthor],
        due: addDays(date, severity.actionItemsDueWithinDays ?? defaultDueDays),
      },
      config.sections,
    );
    const name = `${date}-${titleSlug(title)}`;
    const file = await writeNewPostmortem(config.postmortemsDir, name, content);
    if (basename(file) !== `${name}.md`) io.stderr.write(`hindsight: ${name}.md already exists; wrote a new file beside it\n`);
    io.stdout.write(`${displayPath(file, io.cwd)}\n`);
    return 0;
  },
});

function severityOption(value: string, config: ResolvedConfig): string {
  const level = config.severities.find((candidate) => candidate.id.toLowerCase() === value.toLowerCase());
  if (!level) throw new UsageError(`Unexpected --severity \`${value}\`, expected one of ${config.severities.map((candidate) => `\`${candidate.id}\``).join(', ')}`);
  return level.id;
}

function dateOption(value: string): string {
  if (!isValidDay(value)) throw new UsageError(`Unexpected --date \`${value}\`, expected the day impact began as YYYY-MM-DD`);
  return value;
}

function serviceOption(value: string): string {
  if (!isKebabCase(value)) {
    const suggestion = titleSlug(value);
    throw new UsageError(`Unexpected --service \`${value}\`, expected a kebab-case name such as \`${suggestion === 'incident' ? 'checkout-api' : suggestion}\``);
  }
  return value;
}

/** Prompts need a person at a terminal; CI never gets one, even with a pseudo-terminal. */
function canPrompt(io: Io): io is Io & { stdout: Output & NodeJS.WritableStream } {
  return Boolean(io.stdin.isTTY && io.stdout.isTTY && !io.env.CI) && typeof (io.stdout as Partial<NodeJS.WritableStream>).on === 'function';
}

/** Asks for each answer not given on the command line. */
async function ask(given: Answers, config: ResolvedConfig, io: Io & { stdout: NodeJS.WritableStream }): Promise<Answers> {
  const { input, select } = await import('@inquirer/prompts');
  const context = { input: io.stdin, output: io.stdout };
  try {
    const title = given.title ?? (await input({
      message: 'Title (what happened, as a reader would search for it):',
      validate: (value) => cleanTitle(value).title !== '' || 'Expected a title',
    }, context));
    const severity = given.severity ?? (await select({
      message: 'Severity:',
      choices: config.severities.map((level) => ({ name: `${level.id} ${level.name}`, value: level.id, description: level.definition })),
      default: config.severities.at(-1)?.id,
    }, context));
    const date = given.date ?? (await input({
      message: 'Date impact began (UTC, YYYY-MM-DD):',
      default: todayUtc(),
      validate: (value) => isValidDay(value.trim()) || 'Expected a real day as YYYY-MM-DD',
    }, context)).trim();
    const services = given.services ?? serviceList(await input({
      message: 'Affected services (kebab-case, separated by commas; empty to fill in later):',
      validate: (value) => serviceList(value).every(isKebabCase) || 'Expected kebab-case names such as checkout-api, orders-db',
    }, context));
    return { title, severity, date, services };
  } catch (error) {
    if ((error as Error).name === 'ExitPromptError') throw new UsageError('Cancelled; no file written');
    throw error;
  }
}

function serviceList(text: string): string[] {
  return text.split(',').map((service) => service.trim()).filter((service) => service !== '');
}
