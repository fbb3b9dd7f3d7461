import type { Ajv2020, Options } from 'ajv/dist/2020.js';
import type formats from 'ajv-formats';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { packagePath } from '../package-root.js';

// Loaded on first use: a lint whose schema validator was compiled with the package needs no ajv.
const require = createRequire(import.meta.url);

/** An ajv instance for JSON Schema 2020-12 that reports every error, with the standard formats; `code` for writing validators out. */
export function createAjv(code: Options['code'] = {}): Ajv2020 {
  const { Ajv2020: Ajv } = require('ajv/dist/2020.js') as typeof import('ajv/dist/2020.js');
  // ajv-formats is CommonJS; its default export is the module itself.
  const addFormats = require('ajv-formats') as typeof formats.default;
  // Strict, except that a tuple may end in optional items: a rule setting is `[level]` or `[level, options]`.
  const ajv = new Ajv({ allErrors: true, strict: true, strictTuples: false, allowUnionTypes: true, code });
  addFormats(ajv);
  return ajv;
}

export function readSchema(name: 'postmortem' | 'config'): Record<string, unknown> {
  return JSON.parse(readFileSync(packagePath('schema', `${name}.schema.json`), 'utf8')) as Record<string, unknown>;
}
