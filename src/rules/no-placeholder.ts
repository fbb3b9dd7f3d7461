import { htmlTagNames } from 'html-tag-names';
import { fieldName, quote, valuePlace } from './fields.js';
import { placeIn, proseText } from './prose.js';
import { defineRule } from './rule.js';

/** Markers left to be filled in: `TODO`, `TBD`, `FIXME`, `XXX`; and prompts in angle brackets (`<service name>`). */
const placeholderPattern = /\b(?:TODO|TBD|FIXME|X{3,})\b|(?<![\w<])<[A-Za-z][^<>\n]*>/g;
/** Attributes, URLs, e-mail addresses and self-closing tags are HTML or autolinks, never prompts. */
const notPrompt = /[=:@/"']/;
const htmlTags = new Set(htmlTagNames);

export default defineRule(
  {
    id: 'no-placeholder',
    description: 'No placeholder is left in the text or the frontmatter: `TODO`, `TBD`, `FIXME`, `XXX` or an `<angle bracket prompt>` (a warning while `status` is `draft`).',
    defaultLevel: 'error',
  },
  ({ postmortem, report }) => {
    if (postmortem.syntax.length > 0) return;
    const level = postmortem.data.status === 'draft' ? 'warn' : 'error';
    for (const span of postmortem.prose) {
      for (const { text, index } of placeholders(proseText(span), isHtml)) {
        report(`Unexpected placeholder ${quote(text)} left in the text, expected the real text in its place`, placeIn(span, index, text.length), { level });
      }
    }
    for (const { pointer, value } of stringValues(postmortem.data)) {
      // Frontmatter is never HTML, so any angle-bracket word there is a prompt.
      for (const { text } of placeholders(value, () => false)) {
        report(`Unexpected placeholder ${quote(text)} in \`${fieldName(pointer)}\`, expected the real value`, valuePlace(postmortem, pointer), { level });
      }
    }
  },
);

function* placeholders(text: string, isHtmlTag: (match: string) => boolean): Generator<{ text: string; index: number }> {
  for (const match of text.matchAll(placeholderPattern)) {
    const [found] = match;
    if (found.startsWith('<') && (notPrompt.test(found.slice(1, -1)) || isHtmlTag(found))) continue;
    yield { text: found, index: match.index };
  }
}

/** `<details open>` and `<kbd>` are HTML; `<owner>` and `<service name>` are prompts. */
function isHtml(tag: string): boolean {
  return htmlTags.has(/^<([A-Za-z][A-Za-z0-9-]*)/.exec(tag)?.[1]?.toLowerCase() ?? '');
}

/**
 * Every string in the frontmatter data, with its JSON Pointer. Walks with an explicit stack and
 * visits each object once: aliases may share (or nest) the same value.
 */
function stringValues(data: Record<string, unknown>): Array<{ pointer: string; value: string }> {
  const strings: Array<{ pointer: string; value: string }> = [];
  const seen = new Set<object>();
  const pending: Array<{ pointer: string; value: unknown }> = [{ pointer: '', value: data }];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const { pointer, value } = next;
    if (typeof value === 'string') strings.push({ pointer, value });
    if (value === null || typeof value !== 'object' || seen.has(value)) continue;
    seen.add(value);
    for (const [key, item] of Object.entries(value).reverse()) {
      pending.push({ pointer: `${pointer}/${key.replaceAll('~', '~0').replaceAll('/', '~1')}`, value: item });
    }
  }
  return strings;
}
