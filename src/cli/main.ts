import { parseArgs } from 'node:util';
import { UsageError } from '../errors.js';
import type { Command } from './command.js';
import type { Io } from './io.js';
import { toolVersion } from '../package-root.js';

/** Commands load on demand: `lint` should not pay for the site generator. */
const commands: Record<string, () => Promise<{ default: Command }>> = {
  lint: () => import('./commands/lint.js'),
  new: () => import('./commands/new.js'),
  stats: () => import('./commands/stats.js'),
  build: () => import('./commands/build.js'),
  serve: () => import('./commands/serve.js'),
  import: () => import('./commands/import.js'),
  init: () => import('./commands/init.js'),
  lsp: () => import('./commands/lsp.js'),
};

/** Runs `hindsight` with `argv` (without the node and script paths) and returns the exit code. */
export async function main(argv: readonly string[], io: Io): Promise<number> {
  const [name, ...rest] = argv;
  try {
    if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
      io.stdout.write(await overview());
      return name === undefined ? 2 : 0;
    }
    if (name === '--version' || name === '-v') {
      io.stdout.write(`${toolVersion()}\n`);
      return 0;
    }
    const load = commands[name];
    if (!load) throw new UsageError(`Unknown command \`${name}\`, expected one of: ${Object.keys(commands).join(', ')}`);
    const command = (await load()).default;
    if (rest.includes('--help') || rest.includes('-h')) {
      io.stdout.write(`Usage: hindsight ${name} ${command.usage}\n\n${command.summary}\n`);
      return 0;
    }
    const { values, positionals } = parseCommandArgs(command, rest);
    return await command.run({ values, positionals }, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`hindsight: ${error.message}\n`);
      return 2;
    }
    const detail = io.env.HINDSIGHT_DEBUG ? (error as Error).stack : (error as Error).message;
    io.stderr.write(`hindsight: internal error: ${detail}\nPlease report this with the file that caused it (set HINDSIGHT_DEBUG=1 for details).\n`);
    return 2;
  }
}

function parseCommandArgs(command: Command, args: string[]) {
  try {
    return parseArgs({ args, options: command.options, allowPositionals: command.positionals, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

async function overview(): Promise<string> {
  const lines = await Promise.all(
    Object.entries(commands).map(async ([name, load]) => `  ${name.padEnd(8)}${(await load()).default.summary}`),
  );
  return `hindsight ${toolVersion()}: postmortems as code\n\nUsage: hindsight <command> [options]\n\nCommands:\n${lines.join('\n')}\n\nRun \`hindsight <command> --help\` for a command's options.\n`;
}
