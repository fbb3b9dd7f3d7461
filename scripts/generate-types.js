// Writes the TypeScript types for the two JSON Schemas; `test/schema-types.test.ts` fails when they drift.
import { writeFile } from 'node:fs/promises';
import { generatedTypes } from './schema-types.js';

for (const { file, source } of await generatedTypes()) {
  await writeFile(file, source);
  console.log(`wrote ${file}`);
}
