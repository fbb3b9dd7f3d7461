import { runLint } from '../../lint/run.js';
import { statsFormatNames, statsFormatters } from '../../report/stats/index.js';
import { computeBreakdowns, computeStats } from '../../rollup/index.js';
import { asOfOption, defineCommand, formatOption } from '../command.js';
import { plural } from '../../report/plural.js';

export default defineCommand({
  summary: 'Roll up postmortems: impact, revenue loss, time to detect/mitigate/resolve, overdue action items.',
  usage: [
    '[PATH...] [--as-of YYYY-MM-DD] [--format table|json|markdown|csv]',
    '',
    '  --format   table (the default, on a terminal or not), json (the contract\'s object),',
    '             markdown (for a job summary or a pull request comment), csv (one row per postmortem)',
    '  --as-of    the day action items are judged overdue against (default: today, UTC)',
    '',
    'Files with lint errors are left out of the numbers and named on stderr; the exit code is then 1.',
  ].join('\n'),
  options: {
    format: { type: 'string' },
    'as-of': { type: 'string' },
  },
  positionals: true,
  async run({ values, positionals }, io) {
    const format = formatOption(values.format, statsFormatNames, 'table');
    const asOf = asOfOption(values['as-of']);
    const { config, linted, valid } = await runLint({ cwd: io.cwd, paths: positionals, asOf });
    const validFiles = new Set(valid.map((postmortem) => postmortem.file));
    const skipped = linted.filter(({ postmortem }) => !validFiles.has(postmortem.file));
    for (const { postmortem, result } of skipped) {
      const reason = result.errorCount > 0 ? plural(result.errorCount, 'lint error') : 'frontmatter that does not match the schema';
      io.stderr.write(`hindsight: left ${postmortem.file} out of the stats: it has ${reason} (see \`hindsight lint ${postmortem.file}\`)\n`);
    }
    const severities = config.severities.map((severity) => severity.id);
    const report = {
      stats: computeStats(valid, asOf, severities),
      breakdowns: computeBreakdowns(valid, asOf, severities),
      postmortems: valid,
      skipped: skipped.map(({ postmortem }) => postmortem.id),
      severities: config.severities,
    };
    io.stdout.write(statsFormatters[format](report));
    return skipped.length > 0 ? 1 : 0;
  },
});
