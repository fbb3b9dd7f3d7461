import type { TimelineEntry } from '../parse/model.js';
import { quote } from '../rules/fields.js';
import type { SourceText, TextEdit } from './edits.js';
import type { FixFinder } from './fix.js';

const listMarker = /^(?:[-*+]|\d{1,9}[.)])[ \t]+/;
const halfADay = 12 * 60 * 60 * 1000;

/**
 * Timeline entries put in time order, each entry's text moved whole; list markers (and so an
 * ordered list's numbers) stay where they are. Only when every entry has a real time and stands
 * where the model says; certain unless a step back of half a day looks like a bare time past midnight.
 */
export const timelineOrder: FixFinder = ({ source, postmortem }) => {
  const entries = postmortem.timeline;
  if (entries.length < 2 || postmortem.timelineStrays.length > 0 || entries.some((entry) => entry.at === null)) return [];
  const outOfOrder = entries.filter((entry, index) => index > 0 && (entry.at as string) < (entries[index - 1]?.at as string));
  if (outOfOrder.length === 0) return [];
  const slots = entries.map((entry) => entrySlot(source, entry));
  if (slots.some((slot) => slot === undefined)) return [];
  const sorted = entries.map((entry, index) => ({ entry, index })).sort((a, b) => Date.parse(a.entry.at as string) - Date.parse(b.entry.at as string) || a.index - b.index);
  const edits: TextEdit[] = [];
  sorted.forEach(({ index }, position) => {
    const slot = slots[position] as TextEdit;
    const moved = slots[index] as TextEdit;
    if (index !== position) edits.push({ start: slot.start, end: slot.end, newText: source.text.slice(moved.start, moved.end) });
  });
  const wrapsMidnight = entries.some((entry, index) => index > 0 && Date.parse(entries[index - 1]?.at as string) - Date.parse(entry.at as string) >= halfADay);
  return [{
    ruleId: 'timeline-chronological',
    title: 'Put the timeline entries in time order',
    edits,
    certain: !wrapsMidnight,
    mends: outOfOrder.map((entry) => ({ place: entry.position, mentions: quote(entry.time) })),
  }];
};

/** The entry's own text: after a list marker, starting with its time or a table row's `|`. */
function entrySlot(source: SourceText, entry: TimelineEntry): TextEdit | undefined {
  let { start, end } = source.range(entry.position);
  const marker = listMarker.exec(source.text.slice(start, end));
  if (marker) start += marker[0].length;
  const text = source.text.slice(start, end);
  if (!text.startsWith('|') && !text.startsWith(entry.time.slice(0, 4))) return undefined;
  return { start, end, newText: text };
}
