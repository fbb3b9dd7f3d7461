import { deflateRawSync, inflateRawSync } from 'node:zlib';

/**
 * A postmortem body as HTML, and as the plain text search indexes, each held deflated (`bodyHtml`,
 * `bodyText`): a site keeps every body in memory from the parse until its page is written, and
 * deflated they take a fifth of the memory, outside the JavaScript heap.
 */
export interface RenderedBody {
  /** The whole body, for the page and the feed. */
  html: Uint8Array;
  /**
   * Where the Action Items table stands in the HTML, which the page draws itself from the model:
   * the page shows the HTML up to `start` and from `end`. Absent when there is none.
   */
  actionItems?: { start: number; end: number };
  /** The words of the body, blocks apart. */
  text: Uint8Array;
  /** The text's length in characters, known without inflating it: what sizes the search shards. */
  textLength: number;
}

/** A body with nothing in it. */
export const emptyBody: RenderedBody = { html: pack(''), text: pack(''), textLength: 0 };

/** The whole body as HTML. */
export function bodyHtml(body: RenderedBody): string {
  return unpack(body.html);
}

/** The body as plain text. */
export function bodyText(body: RenderedBody): string {
  return unpack(body.text);
}

/** The body as HTML before the Action Items table (all of it when there is none), and after it. */
export function bodyAroundActionItems(body: RenderedBody): { before: string; after: string } {
  const html = bodyHtml(body);
  const { actionItems } = body;
  return actionItems ? { before: html.slice(0, actionItems.start).trimEnd(), after: html.slice(actionItems.end).trimStart() } : { before: html, after: '' };
}

/**
 * Deflated UTF-8, at the fastest level (a body deflates to a fifth at it, barely less at the
 * best), in a buffer of its own: a slice of Node's shared pool would keep the whole pool alive,
 * and be copied whole to another thread.
 */
export function pack(text: string): Uint8Array {
  return new Uint8Array(deflateRawSync(text, { level: 1 }));
}

function unpack(bytes: Uint8Array): string {
  return inflateRawSync(bytes).toString('utf8');
}
