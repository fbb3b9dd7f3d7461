import { Ajv2020 } from 'ajv/dist/2020.js';
import formats from 'ajv-formats';
import { readFileSync } from 'node:fs';
import { packagePath } from '../package-root.js';

// ajv-formats is CommonJS; under NodeNext its default export arrives as the module object.
const addFormats = formats as unknown as typeof formats.default;

/** An ajv instance for JSON Schema 2020-12 that reports every error, with the standard formats. */
export function createAjv(): Ajv2020 {
  // Strict, except that a tuple may end in optional items: a rule setting is `[level]` or `[level, options]`.
  const ajv = new Ajv2020({ allErrors: true, strict: true, strictTuples: false, allowUnionTypes: true });
  addFormats(ajv);
  return ajv;
}

export function readSchema(name: 'postmortem' | 'config'): Record<string, unknown> {
  return JSON.parse(readFileSync(packagePath('schema', `${name}.schema.json`), 'utf8')) as Record<string, unknown>;
}
