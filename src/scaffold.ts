import { randomUUID } from 'node:crypto';
import { link, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import slugify from '@sindresorhus/slugify';
import { stringify } from 'yaml';
import { UsageError } from './errors.js';
import { packagePath } from './package-root.js';

/** What `hindsight new` fills into the template. */
export interface NewPostmortem {
  title: string;
  date: string;
  severity: string;
  services: string[];
  authors: string[];
  /** The due date of the template's first action item. */
  due: string;
}

/** The schema's limit on `title`, in code points as the schema counts them. */
const titleLimit = 200;
const slugLimit = 60;
/** The most `-2`, `-3`… suffixes tried before giving up on a name. */
const suffixLimit = 1000;

/**
 * A title on one line, without control characters, at most 200 code points (cut between
 * graphemes, at a space when one is near, and marked with `…`).
 */
export function cleanTitle(raw: string): { title: string; shortened: boolean } {
  const title = raw.replace(/[\p{Cc}\s]+/gu, ' ').trim();
  if ([...title].length <= titleLimit) return { title, shortened: false };
  let kept = '';
  let codePoints = 0;
  for (const { segment } of new Intl.Segmenter('en', { granularity: 'grapheme' }).segment(title)) {
    const size = [...segment].length;
    // One code point is left for the `…`.
    if (codePoints + size > titleLimit - 1) break;
    kept += segment;
    codePoints += size;
  }
  const space = kept.lastIndexOf(' ');
  const cut = space > kept.length - 40 ? kept.slice(0, space) : kept;
  return { title: `${cut.trimEnd()}…`, shortened: true };
}

/** The file name's words: ASCII kebab-case, at most 60 characters cut at a word, `incident` when nothing is left. */
export function titleSlug(title: string): string {
  const slug = slugify(title)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (slug.length <= slugLimit) return slug || 'incident';
  const cut = slug.slice(0, slugLimit + 1);
  const wordEnd = cut.lastIndexOf('-');
  return (wordEnd > 0 ? cut.slice(0, wordEnd) : cut.slice(0, slugLimit)).replace(/-+$/, '');
}

/** `checkout-api` stays; anything else is not a service name. */
export function isKebabCase(value: string): boolean {
  return /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(value);
}

/**
 * The template filled in: each `{{name}}` becomes its value as YAML (so no title can break out of
 * the frontmatter), and the level-2 sections follow the configured required sections.
 */
export function renderPostmortem(template: string, postmortem: NewPostmortem, sections: readonly string[]): string {
  const values: Record<string, unknown> = {
    ...postmortem,
    started_at: `${postmortem.date}T00:00:00Z`,
    resolved_at: `${postmortem.date}T00:00:00Z`,
  };
  const filled = template.replace(/\{\{(\w+)\}\}/g, (token, name: string) => {
    if (!Object.hasOwn(values, name)) throw new Error(`The postmortem template names an unknown value ${token}`);
    return yamlValue(values[name]);
  });
  // A list's items start on the line after `key:`; no space is left hanging after it.
  return arrangeSections(filled.replace(/[ \t]+$/gm, ''), sections);
}

/** A value to stand after `key: `: a scalar on the line, a list as indented block items below it. */
function yamlValue(value: unknown): string {
  const text = stringify(value, { lineWidth: 0 }).trimEnd();
  return Array.isArray(value) && value.length > 0 ? `\n${text.replace(/^/gm, '  ')}` : text;
}

/**
 * The template's sections in the configured order. A section the template has but config does not
 * require (Triage, Status Updates) stays after the section it follows in the template; a required
 * section the template lacks gets a heading and a line to fill in.
 */
function arrangeSections(text: string, sections: readonly string[]): string {
  const [preamble = '', ...blocks] = text.split(/^(?=## )/m);
  const titleOf = (block: string): string => (/^## (.*)$/m.exec(block)?.[1] ?? '').trim().toLowerCase();
  const isRequired = (block: string): boolean => sections.some((section) => section.toLowerCase() === titleOf(block));
  const groups = new Map<string, string[]>();
  const leading: string[] = [];
  let current = leading;
  for (const block of blocks) {
    if (isRequired(block)) {
      current = [block];
      groups.set(titleOf(block), current);
    } else {
      current.push(block);
    }
  }
  const body = sections.flatMap((section) => groups.get(section.toLowerCase()) ?? [`## ${section}\n\nTODO: Write this section.\n\n`]);
  return `${preamble}${[...leading, ...body].join('').trimEnd()}\n`;
}

export async function readTemplate(): Promise<string> {
  return readFile(packagePath('templates', 'postmortem.md'), 'utf8');
}

/**
 * Writes `DATE-SLUG.md` in the folder, or `DATE-SLUG-2.md`, `-3`… when the name is taken; never
 * replaces a file, even one created at the same moment. Returns the path.
 */
export async function writeNewPostmortem(folder: string, name: string, content: string): Promise<string> {
  try {
    await mkdir(folder, { recursive: true });
  } catch (error) {
    throw new UsageError(`Cannot create the postmortems folder ${folder}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  for (let suffix = 1; suffix <= suffixLimit; suffix++) {
    const file = join(folder, `${name}${suffix === 1 ? '' : `-${suffix}`}.md`);
    if (await createFile(file, content)) return file;
  }
  throw new UsageError(`Unexpected ${suffixLimit} postmortems named ${name}, expected a free name: give a more specific --title`);
}

/**
 * Creates a file that does not exist yet, whole or not at all: the text goes to a temporary file
 * beside it, which is then linked under the name (a link never replaces a file). Returns `false`
 * when the name is taken.
 */
export async function createFile(file: string, content: string): Promise<boolean> {
  const temporary = join(dirname(file), `.${basename(file).slice(0, 80)}.${randomUUID()}.tmp`);
  try {
    await writeFile(temporary, content, { flag: 'wx' });
    await link(temporary, file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw new UsageError(`Cannot write ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  } finally {
    await rm(temporary, { force: true });
  }
}
