import type { ErrorObject, ValidateFunction } from 'ajv';
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import type { ResolvedConfig, Severity } from '../config/config.js';
import type { Frontmatter } from '../parse/model.js';
import { createAjv, readSchema } from './ajv.js';

export type FrontmatterValidator = ValidateFunction<Frontmatter>;

const validators = new WeakMap<ResolvedConfig, FrontmatterValidator>();

/** The postmortem schema with `severity` narrowed to these levels. */
export function postmortemSchema(severities: readonly Severity[]): Record<string, unknown> {
  const schema = readSchema('postmortem');
  const properties = schema.properties as Record<string, Record<string, unknown>>;
  properties.severity = { ...properties.severity, enum: severities.map((severity) => severity.id) };
  return schema;
}

/** Names a schema exactly: a validator compiled with the package is used only for the schema it was compiled from. */
export function schemaHash(schema: unknown): string {
  return createHash('sha1').update(JSON.stringify(schema)).digest('hex');
}

/** Where the package's build writes the validator of the schema under the default levels (`scripts/compile-validators.js`). */
export const compiledValidatorFile = 'postmortem.validate.cjs';

/** The validator the package's build compiled, if it was built and compiled from this very schema. */
function compiledValidator(hash: string): FrontmatterValidator | undefined {
  try {
    const compiled = createRequire(import.meta.url)(`./${compiledValidatorFile}`) as FrontmatterValidator & { schemaHash?: string };
    return compiled.schemaHash === hash ? compiled : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The postmortem schema with `severity` narrowed to the configured levels, once per config:
 * compiled with the package when it can be (compiling takes a one-file lint a fifth of its time),
 * else here.
 */
export function frontmatterValidator(config: ResolvedConfig): FrontmatterValidator {
  let validate = validators.get(config);
  if (!validate) {
    const schema = postmortemSchema(config.severities);
    validate = compiledValidator(schemaHash(schema)) ?? createAjv().compile<Frontmatter>(schema);
    validators.set(config, validate);
  }
  return validate;
}

/** The schema's errors for some frontmatter data, `[]` when it is valid. */
export function schemaErrors(config: ResolvedConfig, data: unknown): ErrorObject[] {
  const validate = frontmatterValidator(config);
  return validate(data) ? [] : [...(validate.errors ?? [])];
}

let topLevelKeys: string[] | undefined;

/** The schema's top-level keys, for suggesting the key a typo meant. */
export function knownKeys(): string[] {
  topLevelKeys ??= Object.keys(readSchema('postmortem').properties as object);
  return topLevelKeys;
}
