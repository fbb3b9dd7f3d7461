import type { Heading } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { Document, isScalar } from 'yaml';
import type { ResolvedConfig } from '../config/config.js';
import { overlyNestedLine, parsePostmortem } from '../parse/postmortem.js';
import { LineIndex } from '../parse/text.js';
import { cleanTitle, titleSlug } from '../scaffold.js';
import { utcDay } from '../time.js';
import { importActionItems } from './action-items.js';
import { Facts, isFieldKey, momentFields } from './fields.js';
import { metadataPairs } from './metadata.js';
import { daySource, findDay, findMoment, findZone, momentToUtc, readDay, zoneStatement } from './moments.js';
import { headingKey, isMetadataHeading, isSectionKey, sectionFor } from './sections.js';
import { readSource, SourceProblem } from './source.js';
import { settleLevels, splitSections, type Block, type SourceSection } from './structure.js';
import { importTimeline } from './timeline.js';

/** A foreign postmortem made into a Hindsight draft, and what was read from it. */
export interface ImportedDraft {
  /** The file name without `.md`: `YYYY-MM-DD-slug` from its date and title. */
  name: string;
  content: string;
  /** The frontmatter fields read from the source, in the order they are written. */
  inferred: string[];
  /** Required fields the source does not state, left for a person (and the linter) to fill in. */
  missing: string[];
}

const requiredFields = ['title', 'date', 'severity', 'services', 'authors', 'started_at', 'resolved_at'] as const;
const fieldOrder = ['title', 'date', 'severity', 'status', 'services', 'authors', 'teams', 'reviewers', ...momentFields, 'impact', 'tags', 'links'];
const sourceExtensions = /(?:\.(?:md|markdown|mdown|mkdn|mkd|mdx|txt|text|erb|html?))+$/i;
/** Frontmatter keys of static-site generators that hold the page's publication date, not the incident's. */
const publicationKeys = new Set(['date', 'published', 'pubdate', 'publishdate', 'publish date', 'created']);
/** Frontmatter tables that hold more keys (Zola's `[taxonomies]` and `[extra]`, Hugo's `params`). */
const nestedKeys = new Set(['taxonomies', 'extra', 'params']);

/** Reads one foreign postmortem into a draft; throws a `SourceProblem` when it cannot be read. */
export function importPostmortem(sourceName: string, bytes: Uint8Array, config: ResolvedConfig): ImportedDraft {
  const { data, body, bodyLine } = readSource(bytes);
  const nesting = overlyNestedLine(body, new LineIndex(body));
  if (nesting) throw new SourceProblem(nesting.message, nesting.place.start.line + bodyLine, nesting.place.start.column);

  const facts = new Facts(config.severities);
  readFrontmatter(data, facts);
  const fileTitle = titleFromFileName(sourceName, facts);
  const sections = splitSections(body);
  facts.documentZone = zoneStatement(body);

  const titleHeading = takeTitleHeading(sections, config.sections);
  const headingTitle = titleHeading?.text;
  const withMetadata = readMetadata(sections, facts, config.sections);
  const written = facts.title ?? headingTitle ?? fileTitle;
  const cleaned = cleanTitle(written);
  const title = cleaned.title || fileTitle;
  // A title longer than the schema allows is shortened; the whole of it is kept.
  if (cleaned.shortened) facts.keep('title', written);
  // Inline markup can join words in the heading's plain text (`0~0~` reads `00`): it is kept as written.
  else if (written === headingTitle && titleHeading && wordsOf(titleHeading.markup).join(' ') !== wordsOf(headingTitle).join(' ')) facts.keep('title', titleHeading.markup);
  if (facts.title !== undefined && headingTitle !== undefined && headingKey(headingTitle) !== headingKey(facts.title)) {
    // The heading is not the title written elsewhere: it stays, as written.
    (withMetadata[0] as SourceSection).blocks.unshift(headingBlock(1, headingTitle));
  }
  inferFromProse(withMetadata, facts, config.sections);
  settleLevels(withMetadata, config.sections);

  const times = Object.fromEntries(momentFields.flatMap((field) => {
    const moment = facts.moments[field];
    const utc = moment ? momentToUtc(moment, facts.incidentDay, facts.documentZone) : null;
    return utc ? [[field, utc]] : [];
  })) as Partial<Record<(typeof momentFields)[number], string>>;
  const groups = groupSections(withMetadata);
  const timelineGroup = groups.find((group) => group.canonical === 'Timeline');
  const incident = { start: times.started_at, day: facts.moments.started_at?.day ?? facts.incidentDay, zone: facts.documentZone };
  const timeline = timelineGroup ? importTimeline(groupBlocks(timelineGroup), incident) : undefined;
  const actionsGroup = groups.find((group) => group.canonical === 'Action Items');
  const actions = actionsGroup ? importActionItems(groupBlocks(actionsGroup)) : undefined;
  for (const [field, marker] of timelineMarkers) {
    const entry = timeline?.entries.find((candidate) => candidate.at !== null && marker.test(candidate.text));
    if (entry?.at && !times[field]) times[field] = entry.at;
  }
  const firstEntry = timeline?.entries.find((entry) => entry.at !== null)?.at;
  const date = (times.started_at ? utcDay(Date.parse(times.started_at)) : undefined) ?? facts.incidentDay ?? (firstEntry ? utcDay(Date.parse(firstEntry)) : undefined) ?? facts.publishedDay;

  const frontmatter: Record<string, unknown> = {
    title,
    ...(date ? { date } : {}),
    ...(facts.severity ? { severity: facts.severity } : {}),
    status: 'draft',
    ...facts.lists,
    ...times,
    impact: {},
    ...(Object.keys(facts.links).length > 0 ? { links: facts.links } : {}),
    ...(Object.keys(facts.imported).length > 0 ? { 'x-imported': facts.imported } : {}),
  };
  const ordered = Object.fromEntries(Object.entries(frontmatter).sort(([a], [b]) => order(a) - order(b)));
  const bodyText = writeBody(groups, withMetadata[0] as SourceSection, config.sections, {
    ...(timeline ? { Timeline: timeline.markdown } : {}),
    ...(actions ? { 'Action Items': actions } : {}),
  });
  const content = `---\n${frontmatterYaml(ordered, facts)}---\n\n${bodyText}`;
  const name = `${date ?? 'undated'}-${titleSlug(title)}`;

  // The draft must read back as a postmortem; a failure here is a fault of the importer, not of the source.
  const check = parsePostmortem(`${name}.md`, new TextEncoder().encode(content));
  const [problem] = check.syntax;
  if (problem) throw new Error(`The imported draft does not parse (${problem.message} at ${problem.place.start.line}:${problem.place.start.column})`);
  return {
    name,
    content,
    inferred: Object.keys(ordered).filter((key) => key !== 'status' && key !== 'impact' && !key.startsWith('x-')),
    missing: requiredFields.filter((field) => !(field in ordered)),
  };
}

/** Entries the timeline marks as the incident's start or end, as the SRE book's template does (`INCIDENT BEGINS`). */
const timelineMarkers: Array<['started_at' | 'resolved_at', RegExp]> = [
  ['started_at', /\b(?:incident|impact|outage) (?:begins|began|starts|started)\b/i],
  ['resolved_at', /\b(?:incident|outage) (?:ends|ended|resolved|closed)\b/i],
];

function order(key: string): number {
  const index = fieldOrder.indexOf(key);
  return index === -1 ? fieldOrder.length : index;
}

/** Frontmatter of any static-site generator: known keys become fields, the page's date its publication day, the rest is kept. */
function readFrontmatter(data: Record<string, unknown>, facts: Facts): void {
  for (const [key, value] of Object.entries(data)) {
    const normal = headingKey(key.replace(/_/g, ' '));
    if (publicationKeys.has(normal)) {
      const written = value !== null && typeof value === 'object' ? (value as Record<string, unknown>).created : value;
      const day = typeof written === 'string' ? readDay(written) ?? findMoment(written)?.day : undefined;
      facts.publishedDay ??= day;
      facts.keep(key, value);
    } else if (nestedKeys.has(normal) && value !== null && typeof value === 'object' && !Array.isArray(value)) {
      for (const [nestedKey, nested] of Object.entries(value)) facts.take(nestedKey.replace(/_/g, ' '), nested);
      facts.keep(key, value);
    } else if (!(isFieldKey(key.replace(/_/g, ' ')) && facts.take(key.replace(/_/g, ' '), value))) {
      facts.keep(key, value);
    }
  }
}

/** A title from a file name such as `2026-03-04-checkout-outage.html.md.erb`; a leading date is the page's day. */
function titleFromFileName(sourceName: string, facts: Facts): string {
  const base = (sourceName.split(/[\\/]/).pop() ?? sourceName).replace(sourceExtensions, '');
  const dated = /^(\d{4}-\d{2}-\d{2})[-_ ]+(.*)$/.exec(base);
  if (dated?.[1] && readDay(dated[1])) facts.publishedDay ??= dated[1];
  const words = (dated?.[2] ?? base).replace(/[-_]+/g, ' ').trim();
  return words || base || 'Imported postmortem';
}

function headingBlock(depth: number, text: string): Block {
  const node: Heading = { type: 'heading', depth: Math.min(6, Math.max(1, depth)) as Heading['depth'], children: [{ type: 'text', value: text }] };
  return { node, source: `${'#'.repeat(node.depth)} ${text}` };
}

/**
 * The document's title heading: the first heading, when it stands above every other and names no
 * section. Its blocks come up into the preamble's place; returns it.
 */
function takeTitleHeading(sections: SourceSection[], contract: readonly string[]): SourceSection['heading'] {
  const first = sections[1];
  if (!first?.heading || sectionFor(first.heading.text, contract) || isMetadataHeading(first.heading.text)) return undefined;
  const top = Math.min(...sections.slice(1).map((section) => section.heading?.depth ?? 6));
  if (first.heading.depth > top || sections.slice(2).some((section) => section.heading?.depth === first.heading?.depth)) return undefined;
  sections.splice(1, 1);
  (sections[0] as SourceSection).blocks.push(...first.blocks);
  return first.heading;
}

/** The runs of letters and digits in a text. */
function wordsOf(text: string): string[] {
  return text.match(/[\p{L}\p{N}]+/gu) ?? [];
}

/**
 * Reads blocks of metadata in the text before the first section and in sections of incident
 * details. Keys Hindsight knows become fields; every pair is kept as written under `x-imported`;
 * a pair whose key names a section (`Summary: …`, `Root Causes: …`) becomes that section, and the
 * blocks after it, up to the next heading, belong to it.
 */
function readMetadata(sections: readonly SourceSection[], facts: Facts, contract: readonly string[]): SourceSection[] {
  const result: SourceSection[] = [];
  sections.forEach((section, index) => {
    if (index > 0 && !(section.heading && isMetadataHeading(section.heading.text))) {
      result.push(section);
      return;
    }
    let current: SourceSection = { ...section, blocks: [] };
    result.push(current);
    for (const block of section.blocks) {
      const pairs = metadataPairs(block, contract);
      if (!pairs) {
        current.blocks.push(block);
        continue;
      }
      for (const { key, value } of pairs) {
        if (isSectionKey(key, contract) && !isFieldKey(key)) {
          current = { heading: { depth: section.heading?.depth ?? 2, text: key, markup: key }, blocks: value ? [textBlock(value)] : [] };
          result.push(current);
        } else {
          facts.take(key, value);
          facts.keep(key, value);
        }
      }
    }
  });
  return result;
}

function textBlock(source: string): Block {
  return { node: { type: 'paragraph', children: [{ type: 'text', value: source }] }, source };
}

const proseDay = new RegExp(`\\b[Oo]n\\s+(${daySource})`);

/**
 * From prose, when no field states them: the incident's day from "On March 4, 2026, …" in the
 * text before the sections or in the summary, and when it began from the first time in that
 * sentence ("between 14:32 and 15:45 PDT"), with the zone written after it or stated for the document.
 */
function inferFromProse(sections: readonly SourceSection[], facts: Facts, contract: readonly string[]): void {
  if (facts.incidentDay && facts.moments.started_at) return;
  const candidates = sections.filter((section, index) => index === 0 || ['Summary', 'Impact'].includes(sectionFor(section.heading?.text ?? '', contract) ?? ''));
  for (const block of candidates.flatMap((section) => section.blocks)) {
    if (block.node.type !== 'paragraph') continue;
    const text = toString(block.node).replace(/\s+/g, ' ');
    const match = proseDay.exec(text);
    const day = match?.[1] ? findDay(match[1])?.day : undefined;
    if (!match || !day) continue;
    facts.incidentDay ??= day;
    const sentence = text.slice(match.index).split(/[.!?](?:\s|$)/, 1)[0] ?? '';
    const moment = findMoment(sentence);
    if (moment?.time && !facts.moments.started_at) {
      const zone = moment.zone ?? findZone(sentence.slice(sentence.indexOf(moment.written)));
      facts.moments.started_at = { ...moment, day, ...(zone ? { zone } : {}), written: `${match[1]} ${moment.written}${moment.zone || !zone ? '' : ` ${zone.name}`}` };
    }
    return;
  }
}

interface Group {
  canonical: string | undefined;
  sections: SourceSection[];
}

/** Level-2 sections with the deeper sections under them. */
function groupSections(sections: readonly SourceSection[]): Group[] {
  const groups: Group[] = [];
  for (const section of sections.slice(1)) {
    const last = groups.at(-1);
    if (last && (section.heading?.depth ?? 2) > 2) last.sections.push(section);
    else groups.push({ canonical: section.canonical, sections: [section] });
  }
  return groups;
}

/** A group's blocks in order, its sub-headings among them (the first section's own heading left out). */
function groupBlocks(group: Group): Block[] {
  return group.sections.flatMap((section, index) => [...(index > 0 && section.heading ? [headingBlock(section.heading.depth, section.heading.markup)] : []), ...section.blocks]);
}

/**
 * The body: the text before the sections, then the configured sections in their order, each with
 * the sections that followed it in the source; sections before the first configured one stay
 * first. A section named differently in the source says so in a comment; a missing one gets a placeholder.
 */
function writeBody(groups: readonly Group[], preamble: SourceSection, contract: readonly string[], rewritten: Record<string, string[]>): string {
  const leading: Group[] = [];
  const byName = new Map<string, Group[]>();
  let current = leading;
  for (const group of groups) {
    if (group.canonical) {
      current = [group];
      byName.set(group.canonical, current);
    } else {
      current.push(group);
    }
  }
  const writeGroup = (group: Group): string => {
    const [first, ...rest] = group.sections;
    const heading = first?.heading;
    const title = group.canonical ?? heading?.markup ?? '';
    const note = group.canonical && heading && headingKey(heading.text) !== headingKey(group.canonical) ? [`<!-- Imported from the heading “${heading.text.replace(/--/g, '- -')}”. -->`] : [];
    const content = group.canonical && rewritten[group.canonical]
      ? rewritten[group.canonical] ?? []
      : [...(first?.blocks ?? []).map((block) => block.source), ...rest.flatMap((section) => [`${'#'.repeat(section.heading?.depth ?? 3)} ${section.heading?.markup ?? ''}`, ...section.blocks.map((block) => block.source)])];
    const filled = content.some((part) => part.trim() !== '') || !group.canonical ? content : [placeholderText(group.canonical)];
    return [`## ${title}`, ...note, ...filled].join('\n\n');
  };
  const placeholder = (section: string): string => `## ${section}\n\n${placeholderText(section)}`;
  const parts = [
    ...preamble.blocks.map((block) => block.source),
    ...leading.map(writeGroup),
    ...contract.flatMap((section) => byName.get(section)?.map(writeGroup) ?? [placeholder(section)]),
  ];
  return `${parts.filter((part) => part.trim() !== '').join('\n\n').trimEnd()}\n`;
}

/** What stands in a section the source does not have; the Timeline's is a comment, so the linter asks for entries. */
function placeholderText(section: string): string {
  return section === 'Timeline' ? '<!-- The source has no timeline: add one line per event, with its time in UTC. -->' : 'TODO: Write this section.';
}

/** The frontmatter as YAML; a time converted to UTC carries the time as written in a comment beside it. */
function frontmatterYaml(data: Record<string, unknown>, facts: Facts): string {
  const document = new Document(data);
  for (const field of momentFields) {
    const node = document.get(field, true);
    const written = facts.moments[field]?.written;
    if (isScalar(node) && written) node.comment = ` as written: ${written.replace(/\s+/g, ' ')}`;
  }
  return document.toString({ lineWidth: 0 });
}
