import { parse as parseToml, TomlDate, TomlError } from 'smol-toml';
import { parseFrontmatter } from '../parse/frontmatter.js';
import { defaultLimits } from '../parse/limits.js';
import { decodeText, LineIndex } from '../parse/text.js';

/** A foreign document: its frontmatter data (YAML or TOML, or none) and its Markdown body. */
export interface SourceDocument {
  data: Record<string, unknown>;
  body: string;
  /** Lines before the body (the frontmatter's), to point at a line of the file from a line of the body. */
  bodyLine: number;
}

/** Why a document cannot be imported, at the place in the file that says so. */
export class SourceProblem extends Error {
  constructor(message: string, readonly line = 1, readonly column = 1) {
    super(message);
  }
}

const tomlFence = /^\+\+\+[ \t]*\r?\n/;
const tomlClosing = /^\+\+\+[ \t]*\r?$/m;
const yamlFence = /^---[ \t]*\r?\n/;
const yamlClosing = /^---[ \t]*$/m;

/** Reads a document's bytes: UTF-8 text, then YAML (`---`) or TOML (`+++`) frontmatter when it has one. */
export function readSource(bytes: Uint8Array): SourceDocument {
  const decoded = decodeText(bytes);
  if (decoded.problem) throw new SourceProblem(decoded.problem.message, decoded.problem.line, decoded.problem.column);
  const text = decoded.text.replace(/\r\n?/g, '\n');
  if (text.trim() === '') throw new SourceProblem('The file is empty, expected a postmortem to import');
  // A `---` line with no second one is a thematic break at the top of the text, not frontmatter.
  const fence = yamlFence.exec(text);
  const yaml = fence !== null && yamlClosing.test(text.slice(fence[0].length));
  const { data, bodyStart } = tomlFence.test(text) ? readToml(text) : yaml ? readYaml(text) : { data: {}, bodyStart: 0 };
  return { data, body: text.slice(bodyStart), bodyLine: text.slice(0, bodyStart).split('\n').length - 1 };
}

interface Frontmatter {
  data: Record<string, unknown>;
  bodyStart: number;
}

function readYaml(text: string): Frontmatter {
  const { data, problems, bodyStart } = parseFrontmatter(text, new LineIndex(text), defaultLimits);
  const [problem] = problems;
  if (problem) throw new SourceProblem(problem.message, problem.place.start.line, problem.place.start.column);
  return { data, bodyStart };
}

function readToml(text: string): Frontmatter {
  const start = (tomlFence.exec(text)?.[0] ?? '').length;
  const closing = tomlClosing.exec(text.slice(start));
  if (!closing) throw new SourceProblem('Unclosed TOML frontmatter, expected a `+++` line after the TOML that starts on line 1');
  const toml = text.slice(start, start + closing.index);
  let data: Record<string, unknown>;
  try {
    data = plainData(parseToml(toml)) as Record<string, unknown>;
  } catch (error) {
    if (!(error instanceof TomlError)) throw error;
    // The TOML starts on line 2, after the fence.
    throw new SourceProblem(`Invalid TOML frontmatter: ${error.message.split('\n', 1)[0] ?? ''}`, error.line + 1, error.column);
  }
  return { data, bodyStart: Math.min(text.length, start + closing.index + closing[0].length + 1) };
}

/** TOML values as YAML would hold them: dates as their text, objects without a null prototype. */
function plainData(value: unknown): unknown {
  if (value instanceof TomlDate) return value.toISOString().replace(/\.000(?=Z|[+-]|$)/, '');
  if (Array.isArray(value)) return value.map(plainData);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, plainData(item)]));
  }
  return value;
}
