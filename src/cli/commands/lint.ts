import { rules } from '../../rules/index.js';
import { formatNames, formatters } from '../../report/index.js';
import { runLint } from '../../lint/run.js';
import { UsageError } from '../../errors.js';
import { asOfOption, defineCommand, formatOption } from '../command.js';
import { toolVersion } from '../version.js';

export default defineCommand({
  summary: 'Check postmortems: frontmatter against the schema, and the body against the rules.',
  usage: '[PATH...] [--format stylish|json|github|sarif] [--max-warnings N] [--as-of YYYY-MM-DD]',
  options: {
    format: { type: 'string' },
    'max-warnings': { type: 'string' },
    'as-of': { type: 'string' },
  },
  positionals: true,
  async run({ values, positionals }, io) {
    const format = formatOption(values.format, formatNames, 'stylish');
    const maxWarnings = maxWarningsOption(values['max-warnings']);
    const asOf = asOfOption(values['as-of']);
    const { linted } = runLint({ cwd: io.cwd, paths: positionals, asOf });
    const results = linted.map(({ result }) => result);
    const formatter = formatters[format];
    if (!formatter) throw new UsageError(`The ${format} format is not available`);
    io.stdout.write(formatter(results, { cwd: io.cwd, color: Boolean(io.stdout.isTTY) && !io.env.NO_COLOR, rules, version: toolVersion() }));
    const errors = results.reduce((sum, result) => sum + result.errorCount, 0);
    const warnings = results.reduce((sum, result) => sum + result.warningCount, 0);
    if (errors > 0) return 1;
    if (maxWarnings !== undefined && warnings > maxWarnings) {
      io.stderr.write(`hindsight: ${warnings} warnings, more than --max-warnings ${maxWarnings}\n`);
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
