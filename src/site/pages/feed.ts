import { bodyHtml } from '../../render/body.js';
import { instant } from '../../time.js';
import type { PostmortemView, SiteModel } from '../model.js';
import { definePages } from '../page.js';
import { escapeXml } from '../svg.js';

/** The feed carries the newest postmortems only; readers already have the older ones. */
const feedSize = 50;

/** `/feed.xml`: an Atom feed of the newest postmortems, with their bodies. */
export default definePages<{ path: string }>({
  name: 'feed',
  views: () => [{ path: '/feed.xml' }],
  render: (_view, model) => atom(model),
});

function atom(model: SiteModel): string {
  const { site } = model;
  const entries = model.postmortems.slice(0, feedSize).map((pm) => entry(pm, model));
  const updated = model.postmortems
    .slice(0, feedSize)
    .map((pm) => pm.resolvedAt)
    .sort((a, b) => (instant(b) ?? 0) - (instant(a) ?? 0))[0] ?? '1970-01-01T00:00:00Z';
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom">',
    `  <title>${text(site.title)}</title>`,
    `  <subtitle>${text(site.description)}</subtitle>`,
    `  <link href="${text(`${site.baseUrl}feed.xml`)}" rel="self"/>`,
    `  <link href="${text(site.baseUrl)}"/>`,
    `  <id>${text(site.baseUrl)}</id>`,
    `  <updated>${text(updated)}</updated>`,
    '  <generator>Hindsight</generator>',
    ...entries,
    '</feed>',
    '',
  ].join('\n');
}

function entry(pm: PostmortemView, { config }: SiteModel): string {
  const url = new URL(pm.path.slice(1), config.site.baseUrl).href;
  const summary = `${pm.services.map((service) => service.label).join(', ')}. ${pm.headline}. Resolved in ${pm.timeToResolve}.`;
  return [
    '  <entry>',
    `    <title>${text(`${pm.severity.id}: ${pm.title}`)}</title>`,
    `    <link href="${text(url)}"/>`,
    `    <id>${text(url)}</id>`,
    `    <published>${text(pm.startedAt)}</published>`,
    `    <updated>${text(pm.resolvedAt)}</updated>`,
    ...pm.authors.map((author) => `    <author><name>${text(author)}</name></author>`),
    `    <summary>${text(summary)}</summary>`,
    `    <content type="html">${text(bodyHtml(pm.body))}</content>`,
    '  </entry>',
  ].join('\n');
}

/** Escaped text XML can carry: control characters (allowed in YAML strings) would make the feed unreadable. */
function text(value: string): string {
  return escapeXml(value.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, ''));
}
