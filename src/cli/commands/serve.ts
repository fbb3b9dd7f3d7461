import { loadConfig } from '../../config/config.js';
import { UsageError } from '../../errors.js';
import { formatters } from '../../report/index.js';
import { rules } from '../../rules/index.js';
import { serveSite } from '../../site/build.js';
import { todayUtc } from '../../time.js';
import { asOfOption, defineCommand } from '../command.js';
import { toolVersion } from '../../package-root.js';
import { warn } from './build.js';

export default defineCommand({
  summary: 'Build the site and serve it with live reload while you write.',
  usage: [
    '[--port N] [--as-of YYYY-MM-DD] [--out DIR]',
    '',
    '  --port    default 8080 (the next free one when taken); 0 picks any free port',
    '  --out     the folder to write (default _site)',
    '  --as-of   the day action items are judged overdue against (default: today, UTC, on each rebuild)',
    '',
    'Each change to a postmortem or the config rebuilds the site and reloads the page. Postmortems',
    'with errors are left off the preview and listed on every page. Ctrl+C stops.',
  ].join('\n'),
  options: {
    port: { type: 'string' },
    'as-of': { type: 'string' },
    out: { type: 'string' },
  },
  positionals: false,
  async run({ values }, io) {
    const fixedAsOf = values['as-of'] === undefined ? undefined : asOfOption(values['as-of']);
    const port = portOption(values.port);
    const config = loadConfig(io.cwd);
    let lastFindings = '';
    const server = await serveSite({
      cwd: io.cwd,
      config,
      out: typeof values.out === 'string' ? values.out : '_site',
      port,
      asOf: () => fixedAsOf ?? todayUtc(),
      log: warn(io),
      onLint(linted) {
        const findings = formatters.stylish(
          linted.map(({ result }) => result),
          { cwd: io.cwd, color: Boolean(io.stderr.isTTY) && !io.env.NO_COLOR, rules, version: toolVersion() },
        );
        // Each rebuild lints again; repeat the findings only when they changed.
        if (findings !== lastFindings) io.stderr.write(findings === '' ? 'hindsight: no lint findings\n' : findings);
        lastFindings = findings;
      },
    });
    io.stdout.write(`Serving the postmortems at ${server.url}\nWatching for changes; press Ctrl+C to stop.\n`);
    await stopSignal();
    await server.close();
    return 0;
  },
});

function portOption(value: unknown): number {
  if (value === undefined) return 8080;
  if (typeof value !== 'string' || !/^\d+$/.test(value) || Number(value) > 65_535) {
    throw new UsageError(`Invalid --port \`${String(value)}\`, expected a number from 0 to 65535`);
  }
  return Number(value);
}

function stopSignal(): Promise<void> {
  return new Promise((resolve) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}
