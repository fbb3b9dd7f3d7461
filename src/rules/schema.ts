import type { ErrorObject } from 'ajv';
import type { Postmortem } from '../parse/model.js';
import { knownKeys, schemaErrors } from '../schema/validate.js';
import { fieldName, keyPlace, quote, suggest, valuePlace } from './fields.js';
import { defineRule } from './rule.js';

export default defineRule(
  {
    id: 'schema',
    description: 'The frontmatter follows `schema/postmortem.schema.json`: required keys, types, formats and allowed values.',
    defaultLevel: 'error',
  },
  ({ postmortem, config, report }) => {
    if (postmortem.syntax.length > 0) return;
    const keys = knownKeys();
    for (const error of usefulErrors(schemaErrors(config, postmortem.data))) {
      const { message, pointer, atKey } = describe(error, postmortem, keys);
      report(message, atKey ? keyPlace(postmortem, pointer) : valuePlace(postmortem, pointer));
    }
  },
);

/** A `$ref` failure reports the same thing twice (once per keyword); `if`-style wrappers add noise. */
function usefulErrors(errors: ErrorObject[]): ErrorObject[] {
  const seen = new Set<string>();
  const formatErrors = new Set(errors.filter((error) => error.keyword === 'format').map((error) => error.instancePath));
  return errors.filter((error) => {
    const key = `${error.instancePath}|${error.keyword}|${JSON.stringify(error.params)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    // `pattern` and `format` on one timestamp say the same thing; keep the format error.
    return !(error.keyword === 'pattern' && formatErrors.has(error.instancePath));
  });
}

interface Described {
  message: string;
  pointer: string;
  atKey: boolean;
}

function describe(error: ErrorObject, postmortem: Postmortem, keys: string[]): Described {
  const pointer = error.instancePath;
  const name = fieldName(pointer);
  const actual = valueAt(postmortem.data, pointer);
  switch (error.keyword) {
    case 'additionalProperties': {
      const key = String(error.params.additionalProperty);
      const childPointer = `${pointer}/${key.replaceAll('~', '~0').replaceAll('/', '~1')}`;
      const suggestion = pointer === '' ? suggest(key, keys) : undefined;
      const where = pointer === '' ? '' : ` in \`${name}\``;
      return {
        message: `Unexpected key \`${key}\`${where}${suggestion ? `, did you mean \`${suggestion}\`?` : ', expected a known key (or an `x-` prefix for extensions)'}`,
        pointer: childPointer,
        atKey: true,
      };
    }
    case 'required': {
      const missing = String(error.params.missingProperty);
      return {
        message: `Missing required key \`${pointer === '' ? missing : `${name}.${missing}`}\``,
        pointer,
        atKey: true,
      };
    }
    case 'enum': {
      const allowed = (error.params.allowedValues as unknown[]).map(String);
      const expected = isNumberedRun(allowed) ? `\`${allowed[0]}\`..\`${allowed.at(-1)}\`` : allowed.map((value) => `\`${value}\``).join(', ');
      return { message: `Unexpected ${show(actual)} for \`${name}\`, expected one of ${expected}`, pointer, atKey: false };
    }
    case 'type':
      return { message: `Unexpected ${describeValue(actual)} for \`${name}\`, expected ${article(String(error.params.type))}`, pointer, atKey: false };
    case 'format':
      return { message: `Unexpected ${show(actual)} for \`${name}\`, expected ${formatName(String(error.params.format))}`, pointer, atKey: false };
    case 'pattern':
      return { message: `Unexpected ${show(actual)} for \`${name}\`, expected ${patternName(String(error.params.pattern))}`, pointer, atKey: false };
    case 'minItems':
      return { message: `Unexpected empty list for \`${name}\`, expected at least ${String(error.params.limit)} item`, pointer, atKey: false };
    case 'uniqueItems':
      return { message: `Unexpected duplicate in \`${name}\` (items ${String(error.params.j)} and ${String(error.params.i)}), expected each item once`, pointer, atKey: false };
    case 'minLength':
      return { message: `Unexpected empty ${show(actual)} for \`${name}\`, expected text`, pointer, atKey: false };
    case 'maxLength':
      return { message: `Unexpected ${String(actual).length}-character \`${name}\`, expected at most ${String(error.params.limit)} characters`, pointer, atKey: false };
    case 'minimum':
      return { message: `Unexpected ${show(actual)} for \`${name}\`, expected a number of at least ${String(error.params.limit)}`, pointer, atKey: false };
    default:
      return { message: `Unexpected ${show(actual)} for \`${name}\`: ${error.message ?? 'invalid'}`, pointer, atKey: false };
  }
}

/** `SEV1`, `SEV2`, `SEV3`, `SEV4` read better as `SEV1`..`SEV4`. */
function isNumberedRun(values: string[]): boolean {
  const parts = values.map((value) => /^(.*?)(\d+)$/.exec(value));
  return values.length > 2 && parts.every((part, index) => part && part[1] === parts[0]?.[1] && Number(part[2]) === Number(parts[0]?.[2]) + index);
}

function valueAt(data: unknown, pointer: string): unknown {
  let current = data;
  for (const segment of pointer.split('/').slice(1)) {
    const key = segment.replaceAll('~1', '/').replaceAll('~0', '~');
    current = current !== null && typeof current === 'object' && Object.hasOwn(current, key) ? (current as Record<string, unknown>)[key] : undefined;
  }
  return current;
}

function show(value: unknown): string {
  if (typeof value === 'string') return quote(value);
  if (value === null || typeof value !== 'object') return `\`${String(value)}\``;
  return Array.isArray(value) ? 'list' : 'mapping';
}

/** `number \`42\``, `empty value`, `list`: what a value is, and what it says when that is short. */
function describeValue(value: unknown): string {
  return value !== null && typeof value === 'object' ? typeName(value) : `${typeName(value)} ${show(value)}`;
}

function typeName(value: unknown): string {
  if (value === null) return 'empty value';
  if (Array.isArray(value)) return 'list';
  return typeof value === 'object' ? 'mapping' : typeof value;
}

function article(type: string): string {
  const names: Record<string, string> = {
    string: 'text', integer: 'a whole number', number: 'a number', boolean: '`true` or `false`', array: 'a list', object: 'a mapping of keys to values',
  };
  return type.split(',').map((part) => names[part] ?? part).join(' or ');
}

function formatName(format: string): string {
  const names: Record<string, string> = {
    date: 'a date as `YYYY-MM-DD`',
    'date-time': 'an RFC 3339 date-time with `Z` or an offset, such as `2026-03-04T14:32:00Z`',
    uri: 'an absolute `https://` URL',
  };
  return names[format] ?? `the format ${format}`;
}

function patternName(pattern: string): string {
  if (pattern.includes('[a-z0-9]+(?:-[a-z0-9]+)*$') && pattern.startsWith('^\\d{4}')) return 'a postmortem id such as `2026-03-04-checkout-outage`';
  if (pattern.startsWith('^[a-z0-9]')) return 'kebab-case, such as `checkout-api`';
  if (pattern === '^[A-Z]{3}$') return 'an ISO 4217 currency code such as `USD`';
  if (pattern === '^https?://') return 'an `http://` or `https://` URL';
  return `text matching ${pattern}`;
}
