import { describe, expect, it } from 'vitest';
import { parsePostmortem } from '../../src/parse/postmortem.js';
import { edit, validFile, validPostmortem } from '../helpers/lint.js';

// The thread runs compiled code, so this test loads the compiled module (`npm test` compiles first).
const { ParseThread, Superseded } = await import(new URL('../../dist/lsp/parse-off-thread.js', import.meta.url).href) as typeof import('../../src/lsp/parse-off-thread.js');

const entries = Array.from({ length: 3000 }, (_, index) => `- 2026-03-04 16:${String(index % 60).padStart(2, '0')} UTC - Check ${index}`).join('\n');
const large = new TextEncoder().encode(edit(validPostmortem, '## Root Cause', `${entries}\n\n## Root Cause`));

describe('the language server\'s parse thread', () => {
  it('gives the model the parser gives here', async () => {
    const thread = new ParseThread();
    const small = new TextEncoder().encode(validPostmortem);
    expect(await thread.parse(validFile, large).result).toEqual(parsePostmortem(validFile, large));
    expect(await thread.parse(validFile, small).result).toEqual(parsePostmortem(validFile, small));
    thread.dispose();
  });

  it('gives up a stale parse and goes on with the next', async () => {
    const thread = new ParseThread();
    const stale = thread.parse(validFile, large);
    const next = thread.parse(validFile, large);
    stale.cancel();
    await expect(stale.result).rejects.toBeInstanceOf(Superseded);
    expect((await next.result).timeline).toHaveLength(3004);
    thread.dispose();
  });

  it('stops a parse that runs over its time and says so', async () => {
    const thread = new ParseThread(1);
    await expect(thread.parse(validFile, large).result).rejects.toThrow('Parsing took longer than 0.001 s, expected a postmortem of a reasonable size');
    thread.dispose();
  });
});
