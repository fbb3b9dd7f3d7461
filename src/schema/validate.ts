import type { ErrorObject, ValidateFunction } from 'ajv';
import type { ResolvedConfig } from '../config/config.js';
import type { Frontmatter } from '../parse/model.js';
import { createAjv, readSchema } from './ajv.js';

export type FrontmatterValidator = ValidateFunction<Frontmatter>;

const validators = new WeakMap<ResolvedConfig, FrontmatterValidator>();

/** The postmortem schema with `severity` narrowed to the configured levels, compiled once per config. */
export function frontmatterValidator(config: ResolvedConfig): FrontmatterValidator {
  let validate = validators.get(config);
  if (!validate) {
    const schema = readSchema('postmortem');
    const properties = schema.properties as Record<string, Record<string, unknown>>;
    properties.severity = { ...properties.severity, enum: config.severities.map((severity) => severity.id) };
    validate = createAjv().compile<Frontmatter>(schema);
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
