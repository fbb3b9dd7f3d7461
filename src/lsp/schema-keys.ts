import { readSchema } from '../schema/ajv.js';

/** A frontmatter key as the schema describes it. */
export interface KeyInfo {
  description: string;
  /** The allowed values, for keys that have a fixed list. */
  values: string[];
  /** The keys inside it, for a mapping such as `impact`. */
  children: Record<string, KeyInfo>;
}

type SchemaNode = Record<string, unknown>;

let topLevel: Record<string, KeyInfo> | undefined;

/** The schema's keys, with descriptions, allowed values and nested keys (following `$ref`). */
export function schemaKeys(): Record<string, KeyInfo> {
  if (!topLevel) {
    const schema = readSchema('postmortem');
    const definitions = (schema.$defs ?? {}) as Record<string, SchemaNode>;
    const resolve = (node: SchemaNode): SchemaNode => {
      const reference = typeof node.$ref === 'string' ? definitions[node.$ref.replace('#/$defs/', '')] : undefined;
      return reference ? { ...resolve(reference), ...node } : node;
    };
    const keysOf = (node: SchemaNode): Record<string, KeyInfo> => Object.fromEntries(
      Object.entries((node.properties ?? {}) as Record<string, SchemaNode>).map(([key, child]) => {
        const resolved = resolve(child);
        return [key, {
          description: String(resolved.description ?? ''),
          values: Array.isArray(resolved.enum) ? resolved.enum.map(String) : [],
          children: keysOf(resolved),
        }];
      }),
    );
    topLevel = keysOf(schema);
  }
  return topLevel;
}

/** The key at a JSON Pointer (`/impact/revenue_loss`), when the schema knows it. */
export function keyAt(pointer: string): KeyInfo | undefined {
  let keys = schemaKeys();
  let found: KeyInfo | undefined;
  for (const segment of pointer.split('/').slice(1)) {
    found = keys[segment.replaceAll('~1', '/').replaceAll('~0', '~')];
    if (!found) return undefined;
    keys = found.children;
  }
  return found;
}
