import type { Element, ElementContent, Root as HastRoot, RootContent } from 'hast';
import type { List, ListItem, Parents, Root as MdastRoot, TableRow } from 'mdast';
import rehypeSanitize from 'rehype-sanitize';
import rehypeSlug from 'rehype-slug';
import { toString as plainText } from 'hast-util-to-string';
import rehypeStringify from 'rehype-stringify';
import remarkRehype, { defaultHandlers, type Options as RehypeOptions } from 'remark-rehype';
import { unified } from 'unified';
import type { Position } from '../parse/model.js';
import { pack, type RenderedBody } from './body.js';

const idPrefix = 'user-content-';

/**
 * Markdown to HTML that is safe to publish: raw HTML in the Markdown is dropped (remark-rehype
 * keeps none), and the sanitizer removes scripts, event handlers and `javascript:` URLs and prefixes
 * every id with `user-content-` so a heading cannot clobber the page's own ids (footnote ids are
 * left bare until then, or they would be prefixed twice).
 */
const processor = unified()
  .use(remarkRehype, { clobberPrefix: '', handlers: { listItem, tableRow } })
  .use(rehypeSlug)
  .use(rehypeSanitize)
  .use(decorate)
  .use(rehypeStringify)
  .freeze();

/** How remark-rehype passes its state to a handler. */
type State = Parameters<NonNullable<NonNullable<RehypeOptions['handlers']>['tableRow']>>[0];

const looseLists = new WeakMap<List, boolean>();

/**
 * The default handler asks, for each item, whether any item of its list is loose (blank lines
 * between items), work that grows with the square of the items; here each list is asked once.
 */
function listItem(state: State, node: ListItem, parent: Parents | undefined): Element {
  if (parent?.type !== 'list') return defaultHandlers.listItem(state, node, parent);
  let loose = looseLists.get(parent);
  if (loose === undefined) {
    loose = Boolean(parent.spread) || parent.children.some((item) => item.spread ?? item.children.length > 1);
    looseLists.set(parent, loose);
  }
  // The default handler reads only `spread` and `children` of the parent it is given.
  return defaultHandlers.listItem(state, node, { type: 'list', spread: loose, children: [] });
}

/**
 * A table row's cells as written. The default handler pads every row to the header's width (a
 * one-character row then costs as much as the widest header) and finds each row's index by
 * searching its table, work that grows with the square of the rows.
 */
function tableRow(state: State, node: TableRow, parent: Parents | undefined): Element {
  const align = parent?.type === 'table' ? parent.align : undefined;
  const tagName = parent?.type === 'table' && parent.children[0] === node ? 'th' : 'td';
  const cells = node.children.slice(0, align?.length ?? node.children.length).map((cell, index): Element => {
    const alignment = align?.[index];
    const result: Element = { type: 'element', tagName, properties: alignment ? { align: alignment } : {}, children: state.all(cell) };
    state.patch(cell, result);
    return state.applyData(cell, result);
  });
  const row: Element = { type: 'element', tagName: 'tr', properties: {}, children: state.wrap(cells, true) };
  state.patch(node, row);
  return state.applyData(node, row);
}

/** Renders a postmortem's Markdown tree; `split` is where the Action Items table stands in the file. */
export function renderBody(tree: MdastRoot, split?: Position): RenderedBody {
  const hast = processor.runSync(tree) as HastRoot;
  const plain = plainText(hast).trim();
  const text = pack(plain);
  const textLength = plain.length;
  const offset = split?.start.offset;
  const index = offset === undefined ? -1 : hast.children.findIndex((node) => node.position?.start.offset === offset);
  if (index === -1) return { html: pack(stringify(hast.children).trim()), text, textLength };
  // Each child is written on its own, so the parts' lengths are the table's place in the whole.
  const [before, table, after] = [hast.children.slice(0, index), hast.children.slice(index, index + 1), hast.children.slice(index + 1)].map(stringify) as [string, string, string];
  const whole = before + table + after;
  const lead = whole.length - whole.trimStart().length;
  const start = before.length - lead;
  return { html: pack(whole.trim()), actionItems: { start, end: start + table.length }, text, textLength };
}

function stringify(children: RootContent[]): string {
  return processor.stringify({ type: 'root', children });
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
