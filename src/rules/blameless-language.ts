import { UsageError } from '../errors.js';
import type { Postmortem } from '../parse/model.js';
import { quote } from './fields.js';
import { placeIn, proseText } from './prose.js';
import { defineRule } from './rule.js';

/** A blaming phrase: the name config uses for it, what it matches, and the reframing to suggest. */
interface Phrase {
  phrase: string;
  /** Regular-expression source, matched case-insensitively between word boundaries. */
  pattern: string;
  /** Completes "expected …": what to write instead. */
  suggestion: string;
  /**
   * What every match holds (regular-expression source), found cheaply: a text is searched only for
   * the phrases whose keyword it holds, and not at all when it holds none.
   */
  keyword: string;
}

/**
 * Who a sentence can point at: a person, not a system. `we` and `they` are left out: "we failed to
 * detect" speaks of the organisation, and "they" is as often servers as people. `{person}` stands
 * for the names the postmortem itself lists.
 */
const pronouns = ['I', 'he', 'she', 'you'];
const roles = ['engineer', 'operator', 'developer', 'on-?call(?:\\s+engineer)?', 'SRE', 'admin(?:istrator)?', 'responder', 'reviewer', 'intern', 'DBA'];
const personToken = '{person}';
const personVerb = (verb: string): string =>
  `(?:${pronouns.join('|')}|(?:the|our|an?|their)\\s+(?:${roles.join('|')})|@?${personToken})\\s+(?:(?:just|simply|clearly|obviously)\\s+)?${verb}\\s+to`;
/** "Fault" is also engineering vocabulary: fault tolerance, fault domains, fault injection. */
const notEngineeringFault = '(?!\\s*-?\\s*(?:toleran|domain|injection|isolation|line|detection|zone))';

const builtInPhrases: readonly Phrase[] = [
  { phrase: 'human error', keyword: 'error', pattern: 'human\\s+errors?', suggestion: 'the conditions that made the mistake possible, such as a missing guardrail, an unclear prompt or no review step' },
  { phrase: 'operator error', keyword: 'error', pattern: '(?:operator|engineer|pilot)\\s+errors?', suggestion: 'what the tool or process let the operator do, such as a command that ran without confirmation' },
  { phrase: 'careless', keyword: 'careless', pattern: 'careless(?:ly|ness)?', suggestion: 'what made the step easy to get wrong, such as a manual step with no check' },
  { phrase: 'negligent', keyword: 'neglig', pattern: 'neglig(?:ent|ently|ence)', suggestion: 'which safeguard was missing and why the work went ahead without it' },
  { phrase: 'sloppy', keyword: 'sloppy|reckless|incompeten', pattern: 'sloppy|reckless(?:ly|ness)?|incompetent(?:ly)?|incompetence', suggestion: 'the pressure or gap that shaped the decision, such as a deadline or an unclear owner' },
  { phrase: 'fat-fingered', keyword: 'finger', pattern: 'fat[\\s-]?finger(?:ed|ing|s)?', suggestion: 'the input the tool accepted without validation or confirmation' },
  { phrase: 'should have known', keyword: "should(?:\\s+have|['’]ve)", pattern: "should(?:\\s+have|['’]ve)\\s+(?:known|noticed|caught|checked|seen|realized|realised)", suggestion: 'what information was missing or hard to see at the time, and how to surface it' },
  {
    phrase: "someone's fault",
    keyword: 'fault',
    pattern: `(?:[\\p{L}\\p{N}_-]+['’]s|his|her|their|my|your)\\s+fault${notEngineeringFault}|at\\s+fault`,
    suggestion: 'what made the failure possible, without naming who is to blame',
  },
  { phrase: 'failed to', keyword: 'failed\\s+to', pattern: personVerb('failed'), suggestion: 'what got in the way, such as "the runbook did not cover this step"' },
  { phrase: 'forgot to', keyword: '(?:forgot|neglected)\\s+to', pattern: personVerb('(?:forgot|neglected)'), suggestion: 'what would have made the step hard to miss, such as a checklist or an automated check' },
];

/** Letters and digits in any script: `\b` in JavaScript knows only ASCII words. */
const wordBefore = '(?<![\\p{L}\\p{N}_])';
const wordAfter = '(?![\\p{L}\\p{N}_])';

/** The suggestion for a configured phrase given without one. */
const generalSuggestion = 'what the system allowed, without naming who is to blame';

interface BlamelessOptions {
  /** More phrases, or other suggestions for built-in ones: phrase to suggested reframing. */
  phrases: Record<string, string>;
  /** Phrases (built-in or added) not to report. */
  allow: string[];
}

export default defineRule(
  {
    id: 'blameless-language',
    description: 'The text describes what the system allowed, not who is to blame: no "human error", "careless", "should have known", "X\'s fault" or "failed to" aimed at a person.',
    defaultLevel: 'warn',
  },
  ({ postmortem, options, report }) => {
    if (postmortem.syntax.length > 0) return;
    const settings = settingsFor(options);
    const { phrases } = settings;
    let named: Set<string> | undefined;
    for (const span of postmortem.prose) {
      const text = proseText(span);
      const pattern = patternFor(settings, text);
      if (!pattern) continue;
      for (const match of text.matchAll(pattern)) {
        const groups = match.groups ?? {};
        const index = Number(Object.keys(groups).find((group) => group.startsWith('p') && groups[group] !== undefined)?.slice(1));
        const phrase = phrases[index];
        if (!phrase) continue;
        const name = groups[`n${index}`];
        if (name !== undefined && !isPerson(name, (named ??= people(postmortem)))) continue;
        report(`Unexpected blame in ${quote(match[0].replace(/\s+/g, ' '))}, expected ${phrase.suggestion}`, placeIn(span, match.index, match[0].length));
      }
    }
  },
);

interface Settings {
  phrases: Phrase[];
  /** Each phrase's keyword, by the phrase's index. */
  keywords: RegExp[];
  /** The pattern of the phrases a text may hold, by their indices (`0,3`). */
  patterns: Map<string, RegExp>;
}

const settingsByOptions = new WeakMap<object, Settings>();

/** The phrases and their patterns, compiled once per configuration rather than once per file. */
function settingsFor(options: Record<string, unknown>): Settings {
  let settings = settingsByOptions.get(options);
  if (!settings) {
    const phrases = phrasesFor(readOptions(options));
    settings = { phrases, keywords: phrases.map((phrase) => new RegExp(phrase.keyword, 'iu')), patterns: new Map() };
    settingsByOptions.set(options, settings);
  }
  return settings;
}

function readOptions(options: Record<string, unknown>): BlamelessOptions {
  const { phrases = {}, allow = [], ...unknown } = options;
  const unexpected = Object.keys(unknown)[0];
  if (unexpected !== undefined) throw new UsageError(`Unexpected option \`${unexpected}\` for the blameless-language rule, expected \`phrases\` or \`allow\``);
  if (!isStringList(phrases) && (phrases === null || typeof phrases !== 'object' || !Object.values(phrases).every((value) => typeof value === 'string'))) {
    throw new UsageError('Unexpected `phrases` for the blameless-language rule, expected a list of phrases or an object from phrase to suggested reframing');
  }
  if (!isStringList(allow)) throw new UsageError('Unexpected `allow` for the blameless-language rule, expected a list of phrases');
  return {
    phrases: isStringList(phrases) ? Object.fromEntries(phrases.map((phrase) => [phrase, generalSuggestion])) : (phrases as Record<string, string>),
    allow,
  };
}

function isStringList(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

/** The built-in phrases, with configured suggestions and additions, less the allowed ones. */
function phrasesFor({ phrases, allow }: BlamelessOptions): Phrase[] {
  const byName = new Map(builtInPhrases.map((phrase) => [phrase.phrase.toLowerCase(), phrase]));
  for (const [name, suggestion] of Object.entries(phrases)) {
    const builtIn = byName.get(name.toLowerCase());
    const pattern = builtIn?.pattern ?? literalWords(name);
    byName.set(name.toLowerCase(), { phrase: name, pattern, suggestion, keyword: builtIn?.keyword ?? pattern });
  }
  for (const name of allow) {
    if (!byName.delete(name.toLowerCase())) {
      throw new UsageError(`Unknown phrase ${quote(name)} in \`allow\` for the blameless-language rule, expected one of: ${[...byName.values()].map((phrase) => phrase.phrase).join(', ')}`);
    }
  }
  return [...byName.values()];
}

/** A configured phrase matches as written, with any run of spaces between its words. */
function literalWords(phrase: string): string {
  return phrase.trim().split(/\s+/).map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('\\s+');
}

/**
 * The pattern for the phrases whose keywords the text holds, none when it holds no keyword. A
 * phrase left out could match nowhere in the text, so the matches are those of every phrase.
 */
function patternFor({ phrases, keywords, patterns }: Settings, text: string): RegExp | undefined {
  const present = phrases.flatMap((_, index) => (keywords[index]?.test(text) ? [index] : []));
  if (present.length === 0) return undefined;
  const key = present.join(',');
  let pattern = patterns.get(key);
  if (!pattern) {
    pattern = compile(phrases, present);
    patterns.set(key, pattern);
  }
  return pattern;
}

/**
 * One pattern with a named group per phrase (`p0`, `p1`…, by its index), so each place is reported
 * once, for the first phrase that matches it. Where a phrase's subject may be a person, the one or
 * two words there are captured (`n8`) and checked against the names the postmortem lists.
 */
function compile(phrases: readonly Phrase[], indices: readonly number[]): RegExp {
  const alternatives = indices.map((index) => `(?<p${index}>${(phrases[index] as Phrase).pattern.replaceAll(personToken, `(?<n${index}>${nameWords})`)})`);
  return new RegExp(`${wordBefore}(?:${alternatives.join('|')})${wordAfter}`, 'giu');
}

const nameWords = "[\\p{L}'’-]+(?:\\s+[\\p{L}'’-]+)??";

/** A capture of one or two words names a listed person as a whole ("Mei Lin") or by its last word ("Yesterday Alice"). */
function isPerson(words: string, people: ReadonlySet<string>): boolean {
  const normal = words.replace(/\s+/g, ' ').toLowerCase();
  return people.has(normal) || people.has(normal.split(' ').at(-1) ?? '');
}

/** The people the postmortem names (authors, reviewers, action-item owners), by full and first name, in lower case. */
function people(postmortem: Postmortem): Set<string> {
  const listed = ['authors', 'reviewers'].flatMap((key) => {
    const value = postmortem.data[key];
    return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
  });
  const owners = postmortem.actionItems?.items.map((item) => item.owner.replace(/^@/, '')) ?? [];
  const names = new Set<string>();
  for (const name of [...listed, ...owners]) {
    const words = name.trim().split(/\s+/);
    // Only what looks like a name: `TODO`, `SRE` or `-` in an owner cell names nobody.
    if (!words.every((word) => /^\p{Lu}\p{Ll}[\p{L}'’-]*$/u.test(word))) continue;
    names.add(words.join(' ').toLowerCase());
    names.add(words[0]?.toLowerCase() ?? '');
  }
  return names;
}
