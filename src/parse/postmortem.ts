import { basename } from 'node:path';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { readBody } from './body.js';
import { parseFrontmatter } from './frontmatter.js';
import type { Postmortem } from './model.js';
import { decodeText, LineIndex, pointPosition } from './text.js';

const markdown = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(remarkGfm).freeze();

export interface ParseOptions {
  /** Keep the Markdown tree on the model (the site renders it; the linter does not need it). */
  keepTree?: boolean;
}

/** The postmortem id: the file name without `.md`. */
export function postmortemId(file: string): string {
  return basename(file).replace(/\.md$/i, '');
}

/** Parses one postmortem file, once, into the model every reader shares. Never throws on content. */
export function parsePostmortem(file: string, bytes: Uint8Array, options: ParseOptions = {}): Postmortem {
  const postmortem: Postmortem = {
    id: postmortemId(file),
    file,
    data: {},
    fields: {},
    syntax: [],
    sections: [],
    timeline: [],
    timelineStrays: [],
    actionItems: null,
    prose: [],
    lines: 1,
  };
  const decoded = decodeText(bytes);
  if (decoded.problem) {
    const { message, line, column } = decoded.problem;
    postmortem.syntax.push({ message, place: pointPosition(line, column) });
    return postmortem;
  }
  const { text } = decoded;
  const lines = new LineIndex(text);
  postmortem.lines = lines.lineCount;

  const frontmatter = parseFrontmatter(text, lines);
  postmortem.data = frontmatter.data;
  postmortem.fields = frontmatter.fields;
  postmortem.syntax.push(...frontmatter.problems);

  let tree;
  try {
    tree = markdown.parse(text);
  } catch (error) {
    postmortem.syntax.push({ message: `Unreadable Markdown: ${(error as Error).message}`, place: pointPosition(1, 1) });
    return postmortem;
  }
  const date = typeof frontmatter.data.date === 'string' ? frontmatter.data.date : undefined;
  Object.assign(postmortem, readBody(tree, text, date));
  if (options.keepTree) postmortem.tree = tree;
  return postmortem;
}
