import { describe, expect, it } from 'vitest';
import { parsePostmortem } from '../../src/parse/postmortem.js';
import { bodyAroundActionItems, bodyHtml, bodyText } from '../../src/render/body.js';
import { renderBody } from '../../src/render/markdown.js';
import { axisTicks, barChart, columnChart, escapeXml, timelineBar } from '../../src/site/svg.js';

function render(markdown: string) {
  const { body } = parsePostmortem('postmortems/2026-03-04-x.md', new TextEncoder().encode(`---\ntitle: x\n---\n\n${markdown}`), { render: renderBody });
  return { ...body!, html: bodyHtml(body!), text: bodyText(body!), ...bodyAroundActionItems(body!) };
}

describe('renderBody', () => {
  it('drops raw HTML and script URLs, and keeps template syntax as text', () => {
    const { html } = render(
      [
        '## Summary <script>alert(1)</script>',
        '',
        'An <img src=x onerror="alert(1)"> image, a [link](javascript:alert(1)), <svg onload="alert(1)"></svg> {{ 7*7 }} {% if x %}',
        '',
        '![pixel](javascript:alert(1)) [fine](https://example.com/?a=1&b=2)',
      ].join('\n'),
    );
    expect(html).toBe(
      [
        '<h2 id="user-content-summary-alert1"><a href="#user-content-summary-alert1" class="heading-link">Summary alert(1)</a></h2>',
        '<p>An  image, a <a>link</a>,  {{ 7*7 }} {% if x %}</p>',
        '<p><img alt="pixel"> <a href="https://example.com/?a=1&#x26;b=2">fine</a></p>',
      ].join('\n'),
    );
  });

  it('prefixes ids so headings cannot clobber the page, and points in-page links and footnotes at them', () => {
    const { html } = render('## Main\n\nSee [the cause](#root-cause) and a note[^1].\n\n## Root Cause\n\n[^1]: The note.');
    expect(html).toContain('<h2 id="user-content-main">');
    expect(html).toContain('<a href="#user-content-root-cause">the cause</a>');
    expect(html).toContain('<a href="#user-content-fn-1" id="user-content-fnref-1" data-footnote-ref aria-describedby="user-content-footnote-label">1</a>');
    expect(html).toContain('<li id="user-content-fn-1">');
    expect(html).toContain('href="#user-content-fnref-1"');
  });

  it('splits the body around the Action Items table, which the page draws itself', () => {
    const body = render('## Action Items\n\nAgreed in the review:\n\n| Action | Owner | Due |\n|---|---|---|\n| Fix it | Ann | 2026-03-05 |\n\n## Lessons Learned\n\nMore.');
    expect(body.before).toBe(
      '<h2 id="user-content-action-items"><a href="#user-content-action-items" class="heading-link">Action Items</a></h2>\n<p>Agreed in the review:</p>',
    );
    expect(body.after).toBe('<h2 id="user-content-lessons-learned"><a href="#user-content-lessons-learned" class="heading-link">Lessons Learned</a></h2>\n<p>More.</p>');
    expect(body.html).toContain('<div class="table-scroll" role="region" aria-label="Table" tabindex="0"><table>');
    const { start, end } = body.actionItems!;
    expect(body.html.slice(start, end)).toMatch(/^<div class="table-scroll"[^]*<\/table><\/div>$/);
    expect(body.text).toContain('Fix it');
  });

  it('keeps the whole body before the split when there is no Action Items table', () => {
    const body = render('## Summary\n\nText.');
    expect(body.before).toBe(body.html);
    expect(body.after).toBe('');
    expect(body.text).toBe('Summary\nText.');
  });
});

describe('charts', () => {
  it('escape every piece of text', () => {
    expect(escapeXml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
    const svg = barChart({ id: 'bars', title: '<b>Top</b>', description: 'a & b', bars: [{ label: '<script>', value: 2, display: '2' }], className: 'series-service' });
    expect(svg).not.toMatch(/<(b|script)>/);
    expect(svg).toContain('<title id="bars-title">&lt;b&gt;Top&lt;/b&gt;</title><desc id="bars-desc">a &amp; b</desc>');
  });

  it('put whole numbers on count axes and round durations on time axes', () => {
    expect(axisTicks(3, 'count')).toEqual([0, 1, 2, 3]);
    expect(axisTicks(0, 'count')).toEqual([0, 1]);
    expect(axisTicks(17, 'count')).toEqual([0, 5, 10, 15, 20]);
    expect(axisTicks(200, 'minutes')).toEqual([0, 60, 120, 180, 240]);
    expect(axisTicks(45, 'minutes')).toEqual([0, 15, 30, 45]);
    expect(axisTicks(290_000, 'amount')).toEqual([0, 100_000, 200_000, 300_000]);
  });

  it('stack columns by series and label each year once', () => {
    const svg = columnChart({
      id: 'quarters',
      title: 'Incidents',
      description: 'Three.',
      categories: ['2025-Q4', '2026-Q1'],
      series: [
        { name: 'SEV1', className: 'sev-1', values: [1, 0] },
        { name: 'SEV2', className: 'sev-2', values: [1, 1] },
      ],
      stacked: true,
      kind: 'count',
      tick: String,
      format: String,
      label: (quarter) => ({ name: quarter.slice(5), group: quarter.slice(0, 4) }),
    });
    expect(svg.match(/<rect class="sev-\d"[^>]*><title>[^<]*<\/title><\/rect>/g)).toHaveLength(3);
    expect(svg).toContain('<title>2025-Q4, SEV2: 1</title>');
    expect(svg.match(/class="chart-group"/g)).toHaveLength(2);
    expect(svg).toContain('<g class="chart-legend" aria-hidden="true">');
  });

  it('draw an incident as phases between its milestones', () => {
    const minute = 60_000;
    const svg = timelineBar({
      id: 't',
      title: 'Incident',
      description: 'Started, resolved',
      phases: [
        { label: 'Before detection', className: 'phase-undetected', from: 0, to: 10 * minute },
        { label: 'Impact', className: 'phase-impact', from: 10 * minute, to: 100 * minute },
      ],
      milestones: [
        { label: 'Started', at: 0 },
        { label: 'Resolved', at: 100 * minute },
      ],
      entries: [50 * minute, 200 * minute],
    });
    expect(svg).toContain('<rect class="phase-undetected" x="4" y="12" width="99.2" height="20">');
    expect(svg).toContain('<rect class="phase-impact" x="103.2" y="12" width="892.8" height="20">');
    // An entry outside the incident is not drawn.
    expect(svg.match(/<line x1="500" x2="500" y1="34" y2="40"\/>/g)).toHaveLength(1);
    expect(svg).not.toContain('x1="1996"');
  });
});
