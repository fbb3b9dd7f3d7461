import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { ErrorObject } from 'ajv';
import type { HindsightConfig, Level, Severity } from '../schema/config.generated.js';
import { createAjv, readSchema } from '../schema/ajv.js';
import { UsageError } from '../errors.js';
import { jsonPlaces } from '../parse/frontmatter.js';
import { defaultLimits, type ParseLimits } from '../parse/limits.js';
import { LineIndex } from '../parse/text.js';

export type { Level, Severity };

export const configFileName = 'hindsight.config.json';

export const defaultSeverities: Severity[] = [
  {
    id: 'SEV1',
    name: 'Critical',
    definition: 'A core customer journey (sign-in, checkout, payments) is down or losing data for most customers.',
    actionItemsDueWithinDays: 15,
    requirePreventOrDetect: true,
  },
  {
    id: 'SEV2',
    name: 'Major',
    definition: 'A core journey is degraded for many customers, or a secondary feature is down.',
    actionItemsDueWithinDays: 30,
    requirePreventOrDetect: true,
  },
  {
    id: 'SEV3',
    name: 'Minor',
    definition: 'A secondary feature is degraded, or a small share of customers is affected; a workaround exists.',
  },
  {
    id: 'SEV4',
    name: 'Low',
    definition: 'No visible customer impact: a near miss, an internal tool, or a risk found before it hurt.',
  },
];

export const defaultSections = [
  'Summary',
  'Impact',
  'Timeline',
  'Root Cause',
  'What Went Well',
  'What Went Poorly',
  'Action Items',
  'Lessons Learned',
];

/**
 * Pagefind holds about 60 bytes per character of text while it indexes: this bounds one indexer at
 * some 650 MB, and the time a rebuild spends indexing a changed shard again at about 8 s on two
 * cores, while a search at ten thousand postmortems reads four shards.
 */
export const defaultSearchShardSize = 11_000_000;

export interface RuleSetting {
  level: Level;
  options: Record<string, unknown>;
}

export interface SiteConfig {
  title: string;
  description: string;
  baseUrl: string;
  pathPrefix: string;
  repositoryUrl: string | undefined;
  branch: string;
  /** Characters of postmortem text one search shard holds at most. */
  searchShardSize: number;
}

/** The configuration with every default filled in and every path absolute. */
export interface ResolvedConfig {
  /** The repository root: where the config file is, or the working directory. */
  root: string;
  /** The config file, when there is one. */
  file: string | undefined;
  postmortemsDir: string;
  severities: Severity[];
  sections: string[];
  rules: Record<string, RuleSetting>;
  /** Sizes past which a postmortem is read no further. */
  limits: ParseLimits;
  site: SiteConfig;
}

/** Reads `hindsight.config.json` from `cwd` (when present), validates it, and fills in the defaults. */
export function loadConfig(cwd: string): ResolvedConfig {
  const file = join(cwd, configFileName);
  let text: string | undefined;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      throw new UsageError(`${configFileName}: cannot read: ${(error as Error).message}`);
    }
  }
  return resolveConfig(cwd, text === undefined ? {} : parseConfig(text, configFileName), text === undefined ? undefined : file);
}

function parseConfig(text: string, name: string): HindsightConfig {
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    // V8 quotes the whole input in some messages; the place says enough.
    const message = (error as Error).message.replace(/,? ".*" is not valid JSON$/s, ' is not valid JSON');
    const offset = /position (\d+)/.exec(message)?.[1];
    const place = offset === undefined ? '1:1' : pointText(new LineIndex(text).point(Number(offset)));
    throw new UsageError(`${name}:${place}: invalid JSON: ${message}`);
  }
  const validate = createAjv().compile<HindsightConfig>(readSchema('config'));
  if (!validate(data)) {
    const places = jsonPlaces(text);
    const problems = usefulConfigErrors(validate.errors ?? []).map((error) => {
      const pointer = error.keyword === 'additionalProperties' ? `${error.instancePath}/${String(error.params.additionalProperty)}` : error.instancePath;
      const field = places[pointer];
      const point = field?.key?.start ?? field?.value.start ?? { line: 1, column: 1 };
      return `${name}:${pointText(point)}: ${describeConfigError(error)}`;
    });
    throw new UsageError(`invalid configuration:\n${problems.join('\n')}`);
  }
  return data;
}

/** A rule setting that is neither a level nor `[level, options]` fails `oneOf` and both branches; say it once. */
function usefulConfigErrors(errors: ErrorObject[]): ErrorObject[] {
  const oneOfPaths = new Set(errors.filter((error) => error.keyword === 'oneOf').map((error) => error.instancePath));
  return errors.filter((error) => error.keyword === 'oneOf' || ![...oneOfPaths].some((path) => error.instancePath.startsWith(path)));
}

function pointText(point: { line: number; column: number }): string {
  return `${point.line}:${point.column}`;
}

function describeConfigError(error: ErrorObject): string {
  const where = error.instancePath === '' ? 'the top level' : `\`${error.instancePath.slice(1).replaceAll('/', '.')}\``;
  if (error.keyword === 'additionalProperties') {
    return `Unexpected key \`${String(error.params.additionalProperty)}\` in ${where}`;
  }
  if (error.keyword === 'oneOf') {
    return `Unexpected rule setting for ${where}, expected \`"error"\`, \`"warn"\`, \`"off"\` or \`[level, { options }]\``;
  }
  if (error.keyword === 'enum') {
    return `Unexpected value for ${where}, expected one of ${(error.params.allowedValues as unknown[]).map((value) => `\`${String(value)}\``).join(', ')}`;
  }
  return `Unexpected value for ${where}: it ${error.message ?? 'is invalid'}`;
}

function resolveConfig(cwd: string, config: HindsightConfig, file: string | undefined): ResolvedConfig {
  const rules: Record<string, RuleSetting> = {};
  for (const [id, setting] of Object.entries(config.rules ?? {})) {
    rules[id] = typeof setting === 'string'
      ? { level: setting, options: {} }
      : { level: setting[0] as Level, options: (setting[1] ?? {}) as Record<string, unknown> };
  }
  const site = config.site ?? {};
  const baseUrl = site.baseUrl ?? 'http://localhost:8080/';
  return {
    root: cwd,
    file,
    postmortemsDir: resolve(cwd, config.postmortems ?? 'postmortems'),
    severities: config.severities ?? defaultSeverities,
    sections: config.sections ?? defaultSections,
    rules,
    limits: { ...defaultLimits, ...config.limits },
    site: {
      title: site.title ?? 'Postmortems',
      description: site.description ?? 'Incident postmortems: what happened, what it cost, and what we changed.',
      baseUrl: baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`,
      pathPrefix: site.pathPrefix ?? '/',
      repositoryUrl: site.repositoryUrl?.replace(/\/+$/, ''),
      branch: site.branch ?? 'main',
      searchShardSize: site.searchShardSize ?? defaultSearchShardSize,
    },
  };
}
