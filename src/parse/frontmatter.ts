import { Composer, isAlias, isMap, isPair, isScalar, isSeq, Parser, parseDocument, type CST, type DocumentOptions, type Node as YamlNode, type ParseOptions, type SchemaOptions } from 'yaml';
import { grouped, overLimit, type ParseLimits } from './limits.js';
import type { FieldPlace, Position, SyntaxProblem } from './model.js';
import { LineIndex } from './text.js';

export interface FrontmatterResult {
  /** Where the Markdown body starts: after the closing `---` line, or at the top without frontmatter. */
  bodyStart: number;
  data: Record<string, unknown>;
  fields: Record<string, FieldPlace>;
  problems: SyntaxProblem[];
}

/** An alias may be expanded this many times in one document: enough for real use, too few for a billion laughs. */
const maxAliasCount = 100;

const openingFence = /^---[ \t]*(?:\r?\n|$)/;
const otherFence = /^(?:---[ \t]*(?<language>\S+)|(?<toml>\+\+\+))[ \t]*(?:\r?\n|$)/;
const closingFence = /^---[ \t]*\r?$/m;

/**
 * Reads the YAML between the opening `---` line and the next `---` line, as data only:
 * no tags that run code, bounded aliases, `__proto__` an ordinary key, unquoted dates kept as strings.
 */
export function parseFrontmatter(text: string, lines: LineIndex, limits: Pick<ParseLimits, 'maxFrontmatterKeys'>): FrontmatterResult {
  const result: FrontmatterResult = { bodyStart: 0, data: {}, fields: {}, problems: [] };
  const opening = openingFence.exec(text);
  if (!opening) {
    const other = otherFence.exec(text);
    const firstLineEnd = lines.lineCount > 1 ? (lines.starts[1] ?? text.length) - 1 : text.length;
    const place = lines.position(0, firstLineEnd);
    const message = other?.groups?.toml
      ? 'Unexpected TOML frontmatter (`+++`), expected YAML between `---` lines'
      : other?.groups?.language
        ? `Unexpected \`---${other.groups.language}\` frontmatter, expected YAML between plain \`---\` lines (frontmatter is data, never code)`
        : text.trim() === ''
          ? 'Unexpected empty file, expected YAML frontmatter between `---` lines and a Markdown body'
          : 'Missing frontmatter, expected the file to start with a `---` line';
    result.problems.push({ message, place });
    return result;
  }

  const yamlStart = opening[0].length;
  const closing = closingFence.exec(text.slice(yamlStart));
  if (!closing) {
    result.problems.push({
      message: 'Unclosed frontmatter, expected a `---` line after the YAML that starts on line 1',
      place: lines.position(0, 3),
    });
    return result;
  }
  const yamlEnd = yamlStart + closing.index;
  result.fields[''] = { value: lines.position(0, yamlEnd + closing[0].length) };
  result.bodyStart = Math.min(text.length, yamlEnd + closing[0].length + 1);

  const yaml = text.slice(yamlStart, yamlEnd);
  let document;
  let measured: Measured;
  try {
    // One pass of the YAML parser: its syntax tree is measured for depth and size, then composed
    // into values. Schema checks of long lists take time that grows with the square of their length.
    const tokens = [...new Parser().parse(yaml)];
    measured = measure(tokens);
    const { tooDeep, keyOffsets } = measured;
    if (tooDeep !== undefined) {
      result.problems.push({
        message: `Unexpected YAML nested more than ${maxYamlDepth} levels deep, expected plain data (the deepest key the schema knows is 3 levels down)`,
        place: lines.position(yamlStart + tooDeep, yamlStart + tooDeep),
      });
      return result;
    }
    if (keyOffsets.length > limits.maxFrontmatterKeys) {
      const offset = yamlStart + (keyOffsets.sort((a, b) => a - b)[limits.maxFrontmatterKeys] ?? 0);
      result.problems.push({ message: overLimit(`${grouped(keyOffsets.length)} frontmatter keys and list items`, 'maxFrontmatterKeys', limits.maxFrontmatterKeys), place: lines.position(offset, offset) });
      return result;
    }
    const [first, ...more] = new Composer(yamlOptions).compose(tokens, true, yaml.length);
    document = first as NonNullable<typeof first>;
    for (const extra of more) {
      const [start = 0] = extra.range;
      result.problems.push({ message: 'Unexpected second YAML document, expected one mapping of keys to values', place: lines.position(yamlStart + start, yamlStart + start) });
    }
  } catch (error) {
    // The parser recurses; absurdly deep nesting exhausts the stack before it can report.
    result.problems.push({ message: `Unreadable YAML: ${(error as Error).message}`, place: lines.position(yamlStart, yamlStart) });
    return result;
  }
  const place = (start: number, end: number): Position => lines.position(yamlStart + start, yamlStart + end);

  // After its first error the YAML parser reads the rest out of step and reports each line it
  // then misreads; the first is the one mistake to mend.
  const duplicate = firstDuplicateKey(document.contents);
  const [issue] = [...document.errors, ...document.warnings, ...(duplicate ? [duplicate] : [])].sort((a, b) => a.pos[0] - b.pos[0]);
  if (issue) {
    // A quote left open is noticed where the YAML ends; the place to mend is where it opened.
    const opening = issue.code === 'MISSING_CHAR' && /quote/.test(issue.message) ? measured.quoteOffsets.reduce((last, offset) => (offset < issue.pos[0] ? Math.max(last, offset) : last), -1) : -1;
    const [start, end] = opening >= 0 ? [opening, opening + 1] : issue.pos;
    const message = issue.code === 'TAG_RESOLVE_FAILED'
      ? `Unexpected YAML tag: ${issue.message.replace(/^Unresolved tag: /, '')}, expected plain data (tags that build objects or run code are refused)`
      : `Invalid YAML: ${firstLine(issue.message)}`;
    result.problems.push({ message, place: place(start, end) });
  }
  if (result.problems.length > 0) return result;

  const root = document.contents;
  if (root !== null && !isMap(root)) {
    const [start, end] = root.range ?? [0, 0];
    result.problems.push({ message: 'Unexpected YAML that is not a mapping of keys to values, expected `key: value` lines', place: place(start, end) });
    return result;
  }

  try {
    const data: unknown = document.toJS({ maxAliasCount });
    result.data = (data ?? {}) as Record<string, unknown>;
  } catch (error) {
    result.problems.push({
      message: `Unexpected YAML aliases that expand too far (${firstLine((error as Error).message)}), expected plain data`,
      place: place(0, 0),
    });
    return result;
  }
  if (root) collectPlaces(root, '', place, result.fields);
  return result;
}

const yamlOptions: ParseOptions & DocumentOptions & SchemaOptions = {
  schema: 'core',
  merge: false,
  // The parser compares each key with every earlier one; `firstDuplicateKey` does it in one pass.
  uniqueKeys: false,
  strict: true,
  prettyErrors: false,
  logLevel: 'silent',
  customTags: [],
  // `!!binary`, `!!set`, `!!timestamp` and the like would build objects; they are reported as unknown tags instead.
  resolveKnownTags: false,
};

/**
 * Collections may nest this deep. Turning the text into values recurses once per level, and thousands
 * of levels (`[[[[…`) exhaust the stack, at worst where V8 cannot recover; the syntax tree is built
 * without recursion, so its depth is measured first.
 */
const maxYamlDepth = 64;

interface Measured {
  /** Where the YAML first nests deeper than `maxYamlDepth`. */
  tooDeep?: number;
  /** Where each mapping key and list item starts, in no particular order. */
  keyOffsets: number[];
  /** Where each quoted scalar starts, in no particular order. */
  quoteOffsets: number[];
}

/** The syntax tree's depth and keys, measured before anything is built from it. */
function measure(tokens: readonly CST.Token[]): Measured {
  const keyOffsets: number[] = [];
  const quoteOffsets: number[] = [];
  const pending: Array<{ token: CST.Token; depth: number }> = tokens.map((token) => ({ token, depth: 0 }));
  for (let next = pending.pop(); next; next = pending.pop()) {
    const { token, depth } = next;
    if (depth > maxYamlDepth) return { tooDeep: token.offset, keyOffsets, quoteOffsets };
    if (token.type === 'double-quoted-scalar' || token.type === 'single-quoted-scalar') quoteOffsets.push(token.offset);
    if (token.type === 'document' && token.value) pending.push({ token: token.value, depth });
    if (token.type === 'block-map' || token.type === 'block-seq' || token.type === 'flow-collection') {
      for (const item of token.items) {
        keyOffsets.push(item.key?.offset ?? item.value?.offset ?? item.start[0]?.offset ?? token.offset);
        for (const child of [item.key, item.value]) if (child) pending.push({ token: child, depth: depth + 1 });
      }
    }
  }
  return { keyOffsets, quoteOffsets };
}

/**
 * Places by JSON Pointer in a JSON document (JSON is YAML), for pointing at a config value;
 * `{}` when the text does not parse.
 */
export function jsonPlaces(text: string): Record<string, FieldPlace> {
  const fields: Record<string, FieldPlace> = {};
  const lines = new LineIndex(text);
  const document = parseDocument(text, { schema: 'json', prettyErrors: false, logLevel: 'silent' });
  if (document.errors.length === 0 && document.contents) {
    collectPlaces(document.contents, '', (start, end) => lines.position(start, end), fields);
  }
  return fields;
}

/** The first key (in document order) that repeats an earlier one in its mapping, as a YAML error. */
function firstDuplicateKey(root: YamlNode | null): { pos: [number, number]; message: string; code: string } | undefined {
  let first: [number, number] | undefined;
  const pending: YamlNode[] = root ? [root] : [];
  for (let node = pending.pop(); node; node = pending.pop()) {
    if (isMap(node)) {
      const seen = new Set<unknown>();
      for (const pair of node.items) {
        const key = pair.key as YamlNode | null;
        // Keys that are collections differ by identity, as the YAML parser compares them.
        if (isScalar(key)) {
          if (seen.has(key.value) && key.range && (!first || key.range[0] < first[0])) first = [key.range[0], key.range[1]];
          seen.add(key.value);
        } else if (key) pending.push(key);
        if (pair.value) pending.push(pair.value as YamlNode);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) if (item) pending.push(item as YamlNode);
    }
  }
  return first && { pos: first, message: 'Map keys must be unique', code: 'DUPLICATE_KEY' };
}

function firstLine(message: string): string {
  return message.split('\n', 1)[0]?.replace(/ at line \d+, column \d+:?$/, '') ?? message;
}

/** Records the key and value places of every node by JSON Pointer, without following aliases. */
function collectPlaces(
  root: YamlNode,
  rootPointer: string,
  place: (start: number, end: number) => Position,
  fields: Record<string, FieldPlace>,
): void {
  const pending: Array<{ node: YamlNode; pointer: string; key?: Position }> = [{ node: root, pointer: rootPointer }];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const { node, pointer, key } = next;
    const [start = 0, valueEnd = start] = node.range ?? [];
    // The root keeps the place of the whole block, fences included, set by the caller.
    fields[pointer] ??= { ...(key ? { key } : {}), value: place(start, valueEnd) };
    if (isAlias(node) || isScalar(node)) continue;
    if (isMap(node)) {
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const keyNode = pair.key as YamlNode | null;
        const keyText = isScalar(keyNode) ? String(keyNode.value) : String(keyNode);
        const childPointer = `${pointer}/${escapePointer(keyText)}`;
        const keyRange = keyNode?.range;
        const keyPlace = keyRange ? place(keyRange[0], keyRange[1]) : undefined;
        const value = pair.value as YamlNode | null;
        if (value) pending.push({ node: value, pointer: childPointer, ...(keyPlace ? { key: keyPlace } : {}) });
        else if (keyPlace) fields[childPointer] = { key: keyPlace, value: keyPlace };
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, index) => {
        if (item) pending.push({ node: item as YamlNode, pointer: `${pointer}/${index}` });
      });
    }
  }
}

function escapePointer(segment: string): string {
  return segment.replaceAll('~', '~0').replaceAll('/', '~1');
}
