import type { Element, ElementContent, Root as HastRoot, RootContent } from 'hast';
import type { Root as MdastRoot } from 'mdast';
import rehypeSanitize from 'rehype-sanitize';
import rehypeSlug from 'rehype-slug';
import rehypeStringify from 'rehype-stringify';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import type { Position } from '../parse/model.js';

const idPrefix = 'user-content-';

/**
 * Markdown to HTML that is safe to publish: raw HTML in the Markdown is dropped (remark-rehype
 * keeps none), and the sanitizer removes scripts, event handlers and `javascript:` URLs and prefixes
 * every id with `user-content-` so a heading cannot clobber the page's own ids (footnote ids are
 * left bare until then, or they would be prefixed twice).
 */
const processor = unified()
  .use(remarkRehype, { clobberPrefix: '' })
  .use(rehypeSlug)
  .use(rehypeSanitize)
  .use(decorate)
  .use(rehypeStringify)
  .freeze();

/** A postmortem body, split around its Action Items table, which the page draws itself. */
export interface RenderedBody {
  /** The whole body, for the feed. */
  html: string;
  /** Up to the Action Items table (the whole body when there is none). */
  before: string;
  /** After the Action Items table. */
  after: string;
}

/** Renders a postmortem's Markdown tree; `split` is where the Action Items table stands in the file. */
export function renderBody(tree: MdastRoot, split?: Position): RenderedBody {
  const hast = processor.runSync(tree) as HastRoot;
  const html = stringify(hast.children);
  const offset = split?.start.offset;
  const index = offset === undefined ? -1 : hast.children.findIndex((node) => node.position?.start.offset === offset);
  if (index === -1) return { html, before: html, after: '' };
  return { html, before: stringify(hast.children.slice(0, index)), after: stringify(hast.children.slice(index + 1)) };
}

function stringify(children: RootContent[]): string {
  return processor.stringify({ type: 'root', children }).trim();
}

/**
 * After sanitizing: points in-page links (`#root-cause`, footnotes) at the prefixed ids, makes each
 * heading a link to itself (a heading that holds a link is left alone, links do not nest), and wraps
 * each table in a focusable region that scrolls sideways on a phone.
 */
function decorate() {
  return (tree: HastRoot): void => {
    const visit = (node: HastRoot | Element): void => {
      node.children = node.children.map((child) => {
        if (child.type !== 'element') return child;
        const { href } = child.properties;
        if (child.tagName === 'a' && typeof href === 'string' && href.startsWith('#') && !href.startsWith(`#${idPrefix}`)) {
          child.properties.href = `#${idPrefix}${href.slice(1)}`;
        }
        if (/^h[1-6]$/.test(child.tagName) && typeof child.properties.id === 'string' && !containsLink(child)) {
          child.children = [element('a', { href: `#${child.properties.id}`, className: ['heading-link'] }, child.children)];
          return child;
        }
        if (child.tagName === 'table') {
          // Keeps the table's position: `renderBody` finds the Action Items table by it.
          return { ...element('div', { className: ['table-scroll'], role: 'region', ariaLabel: 'Table', tabIndex: 0 }, [child]), position: child.position };
        }
        visit(child);
        return child;
      });
    };
    visit(tree);
  };
}

function element(tagName: string, properties: Element['properties'], children: ElementContent[]): Element {
  return { type: 'element', tagName, properties, children };
}

function containsLink(node: ElementContent): boolean {
  return node.type === 'element' && (node.tagName === 'a' || node.children.some(containsLink));
}
