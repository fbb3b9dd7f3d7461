import type { Root, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { isSectionKey, sectionFor } from './sections.js';

const markdown = unified().use(remarkParse).use(remarkGfm).freeze();

/** One top-level Markdown block and its source text, exactly as written. */
export interface Block {
  node: RootContent;
  source: string;
}

/** A heading and the blocks up to the next heading; the first has no heading (the text before any). */
export interface SourceSection {
  /** `text` is the heading's plain text, `markup` its inline Markdown as written. */
  heading?: { depth: number; text: string; markup: string };
  /** The contract section this heading names, once levels are settled. */
  canonical?: string;
  blocks: Block[];
}

function parseMarkdown(text: string): Root {
  return markdown.parse(text);
}

/** The source text of a node. */
export function sourceOf(text: string, node: { position?: { start: { offset?: number }; end: { offset?: number } } }): string {
  return text.slice(node.position?.start.offset ?? 0, node.position?.end.offset ?? 0);
}

/** Splits a body at its top-level headings. */
export function splitSections(body: string): SourceSection[] {
  const sections: SourceSection[] = [{ blocks: [] }];
  for (const node of parseMarkdown(body).children) {
    if (node.type === 'heading') {
      const first = node.children[0];
      const last = node.children.at(-1);
      const markup = first && last ? body.slice(first.position?.start.offset ?? 0, last.position?.end.offset ?? 0) : '';
      sections.push({ heading: { depth: node.depth, text: toString(node).trim(), markup: markup.replace(/\s*\n\s*/g, ' ').trim() }, blocks: [] });
    }
    else (sections.at(-1) as SourceSection).blocks.push({ node, source: sourceOf(body, node) });
  }
  return sections;
}

/**
 * Puts the contract's sections at level 2, whatever level the template used (an H1 for every
 * section, H3s only), and moves the headings below each by as much, so the outline keeps its shape.
 * A section written below another (`### What went well` or `### Where we got lucky` under
 * `## Lessons Learned`) comes up to level 2.
 * Each contract section is named once: a second heading of the same meaning keeps its own words.
 */
export function settleLevels(sections: SourceSection[], contract: readonly string[]): void {
  const headed = sections.filter((section): section is SourceSection & { heading: NonNullable<SourceSection['heading']> } => section.heading !== undefined);
  const named = new Set<string>();
  for (const section of headed) {
    const canonical = sectionFor(section.heading.text, contract);
    if (canonical && !named.has(canonical)) {
      section.canonical = canonical;
      named.add(canonical);
    }
  }
  const depths = headed.filter((section) => section.canonical).map((section) => section.heading.depth);
  const base = depths.length > 0 ? Math.min(...depths) : Math.min(...headed.map((section) => section.heading.depth));
  let raised: { depth: number; by: number } | undefined;
  for (const section of headed) {
    let depth = section.heading.depth - base + 2;
    if (raised && depth > raised.depth) depth -= raised.by;
    else raised = undefined;
    if (depth > 2 && (section.canonical || isSectionKey(section.heading.text, contract))) {
      raised = { depth, by: depth - 2 };
      depth = 2;
    }
    section.heading.depth = Math.min(6, Math.max(2, depth));
  }
}
