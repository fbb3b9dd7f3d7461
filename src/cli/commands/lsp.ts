import { UsageError } from '../../errors.js';
import { serveLanguageServer } from '../../lsp/server.js';
import { defineCommand } from '../command.js';

export default defineCommand({
  summary: 'Serve the linter\'s findings, completion, hover and quick fixes to editors (Language Server Protocol over stdio).',
  usage: '[--stdio]',
  // Editors' clients add these; stdio is the only transport.
  options: { stdio: { type: 'boolean' }, clientProcessId: { type: 'string' } },
  positionals: false,
  async run(_args, io) {
    const output = io.stdout as NodeJS.WritableStream;
    if (typeof output.on !== 'function') throw new UsageError('`hindsight lsp` needs standard output to be a stream');
    return serveLanguageServer({ input: io.stdin, output, cwd: io.cwd });
  },
});
