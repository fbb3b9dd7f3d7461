import { loneCarriageReturn, loneCarriageReturnName, loneCarriageReturnProblem } from '../parse/text.js';
import type { FixFinder } from './fix.js';

/**
 * Each carriage return that ends a line alone becomes the file's own line ending (CRLF when it has
 * any, else LF). Certain: the lines stay where editors and the Markdown parser already put them.
 */
export const lineEndings: FixFinder = ({ source }) => {
  const problem = loneCarriageReturnProblem(source.text, source.lines);
  if (!problem) return [];
  const edits = [...source.text.matchAll(loneCarriageReturn)].map(({ index }) => ({ start: index, end: index + 1, newText: source.eol }));
  return [{
    ruleId: 'syntax',
    title: `Replace each carriage return alone with ${source.eol === '\r\n' ? 'CRLF' : 'LF'}`,
    edits,
    certain: true,
    mends: [{ place: problem.place, mentions: loneCarriageReturnName }],
  }];
};
