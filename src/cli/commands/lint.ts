import { rules } from '../../rules/index.js';
import { formatNames, formatters } from '../../report/index.js';
import { plural } from '../../report/plural.js';
import { runLint } from '../../lint/run.js';
import { changedOnly } from '../../lint/changed.js';
import { UsageError } from '../../errors.js';
import { asOfOption, defineCommand, formatOption } from '../command.js';
import { toolVersion } from '../../package-root.js';
import { fixFiles } from '../../fix/files.js';

export default defineCommand({
  summary: 'Check postmortems: frontmatter against the schema, and the body against the rules.',
  usage: '[PATH... | --changed [--base REF]] [--format stylish|json|github|sarif] [--max-warnings N] [--as-of YYYY-MM-DD] [--fix | --fix-dry-run]',
  options: {
    format: { type: 'string' },
    'max-warnings': { type: 'string' },
    'as-of': { type: 'string' },
    changed: { type: 'boolean' },
    base: { type: 'string' },
    fix: { type: 'boolean' },
    'fix-dry-run': { type: 'boolean' },
  },
  positionals: true,
  async run({ values, positionals }, io) {
    const format = formatOption(values.format, formatNames, 'stylish');
    const maxWarnings = maxWarningsOption(values['max-warnings']);
    const asOf = asOfOption(values['as-of']);
    const changed = await changedOnly({ changed: values.changed === true, base: values.base as string | undefined, paths: positionals, cwd: io.cwd, env: io.env });
    const run = await runLint({ cwd: io.cwd, paths: positionals, asOf, ...changed });
    const dryRun = values['fix-dry-run'] === true;
    const fixed = values.fix === true || dryRun ? fixFiles(run.linted, { cwd: io.cwd, config: run.config, asOf, dryRun }) : undefined;
    const results = (fixed?.linted ?? run.linted).map(({ result }) => result);
    io.stdout.write(dryRun && fixed ? fixed.diff : formatters[format](results, { cwd: io.cwd, color: Boolean(io.stdout.isTTY) && !io.env.NO_COLOR, rules, version: toolVersion() }));
    const errors = results.reduce((sum, result) => sum + result.errorCount, 0);
    const warnings = results.reduce((sum, result) => sum + result.warningCount, 0);
    if (errors > 0) return 1;
    if (maxWarnings !== undefined && warnings > maxWarnings) {
      io.stderr.write(`hindsight: ${plural(warnings, 'warning')}, more than --max-warnings ${maxWarnings}\n`);
      return 1;
    }
    return 0;
  },
});

function maxWarningsOption(value: unknown): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !/^\d+$/.test(value)) throw new UsageError(`Invalid --max-warnings \`${String(value)}\`, expected a whole number`);
  return Number(value);
}
