import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { generatedTypes } from '../scripts/schema-types.js';

describe('types generated from the JSON Schemas', () => {
  it('match the committed files (run `npm run generate:types` after changing a schema)', async () => {
    const targets = await generatedTypes();
    expect(targets.length).toBe(2);
    for (const { file, source } of targets) {
      expect(await readFile(file, 'utf8'), file).toBe(source);
    }
  });
});
