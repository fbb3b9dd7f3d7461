import { readFile } from 'node:fs/promises';
import { compile } from 'json-schema-to-typescript';

const targets = [
  { schema: 'schema/postmortem.schema.json', file: 'src/schema/postmortem.generated.ts' },
  { schema: 'schema/config.schema.json', file: 'src/schema/config.generated.ts' },
];

const banner = '/* Generated from the JSON Schema by `npm run generate:types`; do not edit. */';

/** The generated source of each types file, as the schema says it should be now. */
export async function generatedTypes() {
  return Promise.all(
    targets.map(async ({ schema, file }) => {
      const json = JSON.parse(await readFile(new URL(`../${schema}`, import.meta.url), 'utf8'));
      // `x-` extension keys are opaque: leave them out of the typed view instead of widening every field.
      delete json.patternProperties;
      const source = await compile(json, json.title, {
        bannerComment: banner,
        additionalProperties: false,
        unknownAny: true,
        style: { singleQuote: true },
      });
      return { file, source };
    }),
  );
}
