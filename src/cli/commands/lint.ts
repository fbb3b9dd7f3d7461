import { rules } from '../../rules/index.js';
import { formatNames, formatters } from '../../report/index.js';
import { plural } from '../../report/plural.js';
import { lintFiles } from '../../lint/run.js';
import { changedOnly } from '../../lint/changed.js';
import { UsageError } from '../../errors.js';
import { asOfOption, defineCommand, formatOption } from '../command.js';
import { countOf, progress, secondsSince } from '../progress.js';
import { toolVersion } from '../../package-root.js';

export default defineCommand({
  summary: 'Check postmortems: frontmatter against the schema, and the body against the rules.',
  usage: [
    '[PATH... | --changed [--base REF]] [--format stylish|json|github|sarif] [--max-warnings N] [--as-of YYYY-MM-DD] [--no-cache] [--quiet] [--fix | --fix-dry-run]',
    '',
    '  --no-cache     check every file afresh (by default the findings of unchanged files are reused)',
    '  --quiet        no progress or summary on stderr for long runs',
    '  --fix          apply the fixes that are certain, in place, then report what remains',
    '  --fix-dry-run  print those fixes as a unified diff instead of applying them',
  ].join('\n'),
  options: {
    format: { type: 'string' },
    'max-warnings': { type: 'string' },
    'as-of': { type: 'string' },
    changed: { type: 'boolean' },
    base: { type: 'string' },
    'no-cache': { type: 'boolean' },
    quiet: { type: 'boolean' },
    fix: { type: 'boolean' },
    'fix-dry-run': { type: 'boolean' },
  },
  positionals: true,
  async run({ values, positionals }, io) {
    const format = formatOption(values.format, formatNames, 'stylish');
    const maxWarnings = maxWarningsOption(values['max-warnings']);
    const asOf = asOfOption(values['as-of']);
    const changed = await changedOnly({ changed: values.changed === true, base: values.base as string | undefined, paths: positionals, cwd: io.cwd, env: io.env });
    const shown = progress(io, values.quiet === true);
    const started = performance.now();
    const { results: found, fromCache, config } = await lintFiles({
      cwd: io.cwd,
      paths: positionals,
      asOf,
      cache: values['no-cache'] !== true,
      onProgress: (done, total) => shown.step(total, () => `read ${countOf(done, total)} files`),
      ...changed,
    });
    const dryRun = values['fix-dry-run'] === true;
    const fixed = values.fix === true || dryRun ? (await import('../../fix/files.js')).fixFiles(found, { cwd: io.cwd, config, asOf, dryRun }) : undefined;
    const results = fixed?.results ?? found;
    const errors = results.reduce((sum, result) => sum + result.errorCount, 0);
    const warnings = results.reduce((sum, result) => sum + result.warningCount, 0);
    shown.finish(
      results.length,
      `linted ${plural(results.length, 'file')} (${fromCache.toLocaleString('en-US')} unchanged, from the cache) in ${secondsSince(started)}: ${plural(errors, 'error')}, ${plural(warnings, 'warning')}`,
    );
    io.stdout.write(dryRun && fixed ? fixed.diff : formatters[format](results, { cwd: io.cwd, color: Boolean(io.stdout.isTTY) && !io.env.NO_COLOR, rules, version: toolVersion() }));
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
