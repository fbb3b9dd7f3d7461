import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixtures, importJson, lintDraft, lostWords, tempFolder } from './helpers.js';

/** The contract's sections, as an imported draft holds them when the source adds none of its own. */
const contract = ['Summary', 'Impact', 'Timeline', 'Root Cause', 'What Went Well', 'What Went Poorly', 'Action Items', 'Lessons Learned'];

interface Case {
  shape: string;
  source: string;
  file: string;
  inferred: string[];
  missing: string[];
  frontmatter: Record<string, unknown>;
  sections: string[];
  /** Each entry's UTC time, and its text after the time. */
  timeline: Array<[string, string]>;
  /** Action, owner, due, status. */
  actionItems: Array<[string, string, string, string]>;
  /** Every lint error, as `rule: message`: only facts the source does not state. */
  errors: string[];
}

const missingKey = (key: string): string => `schema: Missing required key \`${key}\``;

const cases: Case[] = [
  {
    shape: 'the SRE book template: `Key: value` lines, sections among them, a timeline of bare lines after a day, INCIDENT BEGINS and ENDS',
    source: 'sre-book/catalog-search-postmortem.md',
    file: 'postmortems/2026-11-01-catalog-search-postmortem-incident-812.md',
    inferred: ['title', 'date', 'authors', 'started_at', 'resolved_at'],
    missing: ['severity', 'services'],
    frontmatter: {
      title: 'Catalog Search Postmortem (incident #812)',
      date: '2026-11-01',
      status: 'draft',
      authors: ['priya', 'tomasz', 'lee'],
      started_at: '2026-11-01T23:58:00Z',
      resolved_at: '2026-11-02T01:12:00Z',
      impact: {},
      'x-imported': { Date: '2026-11-01', Authors: 'priya, tomasz, lee' },
    },
    sections: ['Summary', 'Impact', 'Timeline', 'Supporting information', 'Root Cause', 'Trigger', 'Resolution', 'Detection', 'What Went Well', 'What Went Poorly', 'Where we got lucky', 'Action Items', 'Lessons Learned'],
    timeline: [
      ['2026-11-01T23:41:00.000Z', 'Weekly index rebuild starts'],
      ['2026-11-01T23:52:00.000Z', 'Query latency p99 passes 2 s'],
      ['2026-11-01T23:58:00.000Z', 'Synthetic probes page on-call; INCIDENT BEGINS'],
      // Past midnight, bare times are on the next day.
      ['2026-11-02T00:20:00.000Z', 'Rebuild paused'],
      ['2026-11-02T00:47:00.000Z', 'Query tier restarted in batches'],
      ['2026-11-02T01:12:00.000Z', 'Search error rate back to normal; INCIDENT ENDS'],
    ],
    actionItems: [
      ['Point the rebuild job at replicas only', 'tomasz', '', 'open'],
      ['Add load shedding to the query tier', 'priya', '', 'open'],
      ["Alert on the rebuild's read rate from primaries", 'lee', '', 'open'],
    ],
    errors: [
      missingKey('severity'),
      missingKey('services'),
      'action-items-table: Missing due date for `Point the rebuild job at replicas only`, expected `YYYY-MM-DD`',
      'action-items-table: Missing due date for `Add load shedding to the query tier`, expected `YYYY-MM-DD`',
      "action-items-table: Missing due date for `Alert on the rebuild's read rate from primaries`, expected `YYYY-MM-DD`",
    ],
  },
  {
    shape: "Atlassian's template: a header-less metadata table, Pacific Time across the US change to daylight time, a timeline table, a foreign action items table",
    source: 'atlassian/payments-webhook-delays.md',
    file: 'postmortems/2026-03-08-incident-postmortem-payments-webhook-delays.md',
    inferred: ['title', 'date', 'severity', 'services', 'authors', 'started_at', 'detected_at', 'mitigated_at', 'resolved_at', 'links'],
    missing: [],
    frontmatter: {
      title: 'Incident postmortem: Payments webhook delays',
      date: '2026-03-08',
      severity: 'SEV2',
      services: ['payments-webhooks', 'ledger'],
      authors: ['Dana Whitfield'],
      // 01:40 PT is PST (UTC-8); from 03:00 on 2026-03-08, PT is PDT (UTC-7).
      started_at: '2026-03-08T09:40:00Z',
      detected_at: '2026-03-08T10:05:00Z',
      mitigated_at: '2026-03-08T10:50:00Z',
      resolved_at: '2026-03-08T11:30:00Z',
      links: { incident: 'https://acme.atlassian.net/browse/PAY-1432' },
    },
    sections: ['Summary', 'Leadup', 'Fault', 'Impact', 'Detection', 'Response', 'Recovery', 'Timeline', 'Five whys', 'Root Cause', 'What Went Well', 'What Went Poorly', 'Action Items', 'Lessons Learned'],
    timeline: [
      ['2026-03-08T09:40:00.000Z', '01:40 Retry volume crosses queue capacity; delivery delays begin'],
      ['2026-03-08T09:55:00.000Z', '01:55 Queue age passes 15 minutes'],
      ['2026-03-08T10:05:00.000Z', '03:05 Queue-age alert pages the on-call engineer'],
      ['2026-03-08T10:20:00.000Z', '03:20 Payments team lead joins'],
      ['2026-03-08T10:50:00.000Z', '03:50 Retries paused; fresh webhooks deliver on time'],
      ['2026-03-08T11:30:00.000Z', '04:30 Backlog fully drained; incident resolved'],
    ],
    actionItems: [
      ['Cap retries per merchant endpoint', 'Dana Whitfield', '2026-03-20', 'open'],
      ['Move retries to their own queue', 'Ravi Menon', '2026-04-03', 'open'],
      ['Alert on queue age by time of week', 'Dana Whitfield', '2026-03-27', 'open'],
    ],
    errors: [],
  },
  {
    shape: "PagerDuty's template: an H1 for every section, bold-key bullets, UK time across the change back to GMT, a name with spaces",
    source: 'pagerduty/2026-10-25 Login failures after certificate rotation.md',
    file: 'postmortems/2026-10-24-login-failures-after-certificate-rotation.md',
    inferred: ['title', 'date', 'severity', 'services', 'authors', 'started_at', 'detected_at', 'mitigated_at', 'resolved_at'],
    missing: [],
    frontmatter: {
      title: 'Login failures after certificate rotation',
      // 00:40 BST on the 25th is 23:40 UTC on the 24th: the UTC day the incident began.
      date: '2026-10-24',
      severity: 'SEV2',
      services: ['auth-api', 'login-web'],
      authors: ['Marta Silva', 'Jon Park'],
      started_at: '2026-10-24T23:40:00Z',
      detected_at: '2026-10-24T23:52:00Z',
      mitigated_at: '2026-10-25T02:20:00Z',
      resolved_at: '2026-10-25T03:10:00Z',
    },
    sections: ['Summary', 'What Happened', 'Resolution', 'Impact', 'Responders', 'Timeline', "How'd We Do?", 'Root Cause', 'What Went Well', 'What Went Poorly', 'Action Items', 'Messaging', 'Lessons Learned'],
    timeline: [
      ['2026-10-24T23:40:00.000Z', '(00:40) Rotation job uploads the new chain to the blue pool'],
      ['2026-10-24T23:52:00.000Z', '(00:52) Synthetic sign-in check fails and pages on-call'],
      ['2026-10-25T00:15:00.000Z', '(01:15 BST) Jon Park finds the blue pool serves an incomplete chain'],
      ['2026-10-25T01:10:00.000Z', 'Ana Ruiz confirms the missing intermediate'],
      ['2026-10-25T02:20:00.000Z', '(02:20) Previous chain restored; sign-in recovers'],
      ['2026-10-25T03:10:00.000Z', '(03:10) Error rates normal for 45 minutes; incident resolved'],
    ],
    actionItems: [
      ['AUTH-88 Verify the served chain after every rotation', '@marta', '2026-11-06', 'open'],
      ['Restore alerting on certificate chain depth', 'Jon Park', '2026-10-30', 'done'],
      ['Write the rotation runbook in UTC only', '', '', 'open'],
    ],
    errors: [
      'action-items-table: Missing owner for `Write the rotation runbook in UTC only`, expected who will do it',
      'action-items-table: Missing due date for `Write the rotation runbook in UTC only`, expected `YYYY-MM-DD`',
    ],
  },
  {
    shape: 'a Jekyll post: YAML frontmatter with its publication date, the incident day and start in prose, "All times in PST", bullets with owners and due dates',
    source: 'jekyll/_posts/2026-03-06-checkout-errors-postmortem.md',
    file: 'postmortems/2026-03-04-postmortem-checkout-errors-on-march-4.md',
    inferred: ['title', 'date', 'authors', 'started_at', 'tags'],
    missing: ['severity', 'services', 'resolved_at'],
    frontmatter: {
      title: 'Postmortem: checkout errors on March 4',
      // Published on the 6th; the text says the incident was on the 4th.
      date: '2026-03-04',
      authors: ['Alice Nguyen'],
      started_at: '2026-03-04T22:32:00Z',
      tags: ['postmortem', 'checkout', 'orders-db'],
      'x-imported': {
        layout: 'post',
        date: '2026-03-06 10:00:00 -0800',
        author: 'Alice Nguyen',
        categories: ['engineering', 'reliability'],
        tags: ['postmortem', 'Checkout', 'Orders DB'],
        permalink: '/blog/checkout-errors-postmortem/',
      },
    },
    sections: ['What happened', ...contract],
    timeline: [
      ['2026-03-04T22:32:00.000Z', '(14:32) Deploy of checkout-api reaches all pods'],
      ['2026-03-04T22:34:00.000Z', '(14:34) Error-rate alert fires'],
      ['2026-03-04T22:51:00.000Z', '(14:51) On-call identifies the pool size change'],
      ['2026-03-04T23:20:00.000Z', '(15:20) Rollback completes and errors drop'],
      ['2026-03-04T23:45:00.000Z', '(15:45) Error rate back to baseline'],
    ],
    actionItems: [
      ['Cap the total pool size per database', '@alice', '2026-03-13', 'done'],
      ['Roll checkout-api out in stages', 'Bruno', '2026-03-27', 'open'],
      ['Add a connections panel to the checkout dashboard', '', '', 'open'],
    ],
    errors: [
      missingKey('severity'),
      missingKey('services'),
      missingKey('resolved_at'),
      'action-items-table: Missing owner for `Add a connections panel to the checkout dashboard`, expected who will do it',
      'action-items-table: Missing due date for `Add a connections panel to the checkout dashboard`, expected `YYYY-MM-DD`',
    ],
  },
  {
    shape: 'an mkdocs-material blog post: `date.created`, an H1 title, the incident day in prose, Berlin time across the EU change to summer time',
    source: 'mkdocs/blog/posts/dns-resolver-outage.md',
    file: 'postmortems/2026-03-29-dns-resolver-outage-during-the-clock-change.md',
    inferred: ['title', 'date', 'authors', 'tags'],
    missing: ['severity', 'services', 'started_at', 'resolved_at'],
    frontmatter: {
      title: 'DNS resolver outage during the clock change',
      date: '2026-03-29',
      authors: ['jmueller'],
      tags: ['dns', 'postmortem'],
      'x-imported': { date: { created: '2026-03-31', updated: '2026-04-02' }, categories: ['Incidents'], slug: 'dns-resolver-outage' },
    },
    sections: contract,
    timeline: [
      // CET (UTC+1) before 02:00 on 2026-03-29, CEST (UTC+2) from 03:00.
      ['2026-03-29T00:20:00.000Z', '(01:20) Cache refresh job starts'],
      ['2026-03-29T00:45:00.000Z', '(01:45) Resolver error rate climbs past 30%'],
      ['2026-03-29T01:05:00.000Z', '(03:05) Refresh job disabled, cache warmed from a snapshot'],
      ['2026-03-29T01:35:00.000Z', '(03:35) Error rate back to zero'],
    ],
    actionItems: [
      ['Run the refresh job on UTC', 'jmueller', '2026-04-15', 'open'],
      ['Alert when the resolver cache empties', 'Petra Lang', '2026-04-30', 'open'],
    ],
    errors: [missingKey('severity'), missingKey('services'), missingKey('started_at'), missingKey('resolved_at')],
  },
  {
    shape: 'a Zola post: TOML `+++` frontmatter with [taxonomies] and [extra], H3s only, a timeline table with a date column and Eastern Time across the US change back',
    source: 'zola/content/blog/queue-backlog.md',
    file: 'postmortems/2026-11-01-queue-backlog-in-the-notifications-pipeline.md',
    inferred: ['title', 'date', 'severity', 'services', 'authors', 'started_at', 'resolved_at', 'tags'],
    missing: [],
    frontmatter: {
      title: 'Queue backlog in the notifications pipeline',
      // 23:30 EDT on the 31st is 03:30 UTC on the 1st.
      date: '2026-11-01',
      severity: 'SEV3',
      services: ['notify-worker', 'push-gateway'],
      authors: ['Sam Okafor'],
      started_at: '2026-11-01T03:30:00Z',
      resolved_at: '2026-11-01T08:40:00Z',
      tags: ['postmortem', 'notifications'],
    },
    sections: contract,
    timeline: [
      ['2026-11-01T03:30:00.000Z', '2026-10-31 23:30 Scheduled scale-down removes most notify-worker pods'],
      ['2026-11-01T04:15:00.000Z', '2026-11-01 00:15 Queue depth passes 500,000'],
      // From 01:00 EST on 2026-11-01, ET is UTC-5.
      ['2026-11-01T08:05:00.000Z', '2026-11-01 03:05 Morning on-call sees the backlog and scales the pool up'],
      ['2026-11-01T08:40:00.000Z', '2026-11-01 03:40 Queue drained; incident resolved'],
    ],
    actionItems: [
      ['Alert on queue depth at all hours', 'Sam Okafor', '', 'in-progress'],
      ['Scale on queue depth instead of a schedule', 'Lee Chen', '', 'open'],
    ],
    errors: [
      'action-items-table: Missing due date for `Alert on queue depth at all hours`, expected `YYYY-MM-DD`',
      'action-items-table: Missing due date for `Scale on queue depth instead of a schedule`, expected `YYYY-MM-DD`',
    ],
  },
  {
    shape: 'a file without an extension: `Key: value` lines, setext headings, CEST, a severity by name, "Next steps"',
    source: 'key-value/INC-2291',
    file: 'postmortems/2026-06-12-inc-2291-image-uploads-failing-in-eu-west.md',
    inferred: ['title', 'date', 'severity', 'services', 'authors', 'started_at', 'detected_at', 'mitigated_at', 'resolved_at'],
    missing: [],
    frontmatter: {
      title: 'INC-2291: Image uploads failing in eu-west',
      date: '2026-06-12',
      severity: 'SEV1',
      services: ['media-api', 'upload-service'],
      authors: ['Rafael Costa'],
      started_at: '2026-06-12T07:14:00Z',
      detected_at: '2026-06-12T07:21:00Z',
      mitigated_at: '2026-06-12T08:02:00Z',
      resolved_at: '2026-06-12T08:30:00Z',
    },
    sections: contract,
    timeline: [
      ['2026-06-12T07:14:00.000Z', '(2026-06-12 09:14 CEST) Credentials for the storage client expire'],
      ['2026-06-12T07:21:00.000Z', '(2026-06-12 09:21 CEST) Upload error alert fires'],
      ['2026-06-12T08:02:00.000Z', '(2026-06-12 10:02 CEST) Renewed credentials deployed'],
      ['2026-06-12T08:30:00.000Z', '(2026-06-12 10:30 CEST) Backlog of retries cleared'],
    ],
    actionItems: [
      ['Automate credential renewal', 'Rafael Costa', '2026-06-26', 'open'],
      ['Alert 14 days before credentials expire', 'Ines Duarte', '2026-06-19', 'open'],
    ],
    errors: [],
  },
  {
    shape: 'a Confluence export: a "Created by / last modified" header, the start in prose on the 12-hour clock, "(all times EDT)", status words of its own',
    source: 'confluence/Postmortem - Search latency regression.md',
    file: 'postmortems/2026-07-09-postmortem-search-latency-regression.md',
    inferred: ['title', 'date', 'authors', 'started_at'],
    missing: ['severity', 'services', 'resolved_at'],
    frontmatter: {
      title: 'Postmortem: Search latency regression',
      // Last modified on July 14; the incident was on July 9.
      date: '2026-07-09',
      authors: ['Hannah Lee'],
      started_at: '2026-07-09T20:05:00Z',
      'x-imported': { 'Created by': 'Hannah Lee', 'Last modified by': 'Omar Haddad', 'Last modified on': 'Jul 14, 2026' },
    },
    sections: contract,
    timeline: [
      ['2026-07-09T20:05:00.000Z', '(4:05 PM) New ranking model goes live'],
      ['2026-07-09T20:18:00.000Z', '(4:18 PM) Latency alert fires for search-api'],
      ['2026-07-09T21:10:00.000Z', '(5:10 PM) Ranking model rolled back'],
      ['2026-07-09T21:40:00.000Z', '(5:40 PM) Latency back under 300 ms'],
    ],
    actionItems: [
      ['Load-test models with a cold feature store', 'Omar Haddad', '2026-07-30', 'done'],
      ['Cache the feature store per process', 'Hannah Lee', '2026-08-15', 'in-progress'],
    ],
    errors: [missingKey('severity'), missingKey('services'), missingKey('resolved_at')],
  },
  {
    shape: 'a Middleman post named `.html.md.erb`: ERB left as text, RFC 3339 times, `*` bullets with mentions',
    source: 'middleman/source/blog/2026-05-21-stale-prices-from-the-cdn.html.md.erb',
    file: 'postmortems/2026-05-20-the-cdn-served-stale-prices-for-two-hours.md',
    inferred: ['title', 'date', 'authors', 'started_at', 'tags'],
    missing: ['severity', 'services', 'resolved_at'],
    frontmatter: {
      title: 'The CDN served stale prices for two hours',
      date: '2026-05-20',
      authors: ['Lina Park'],
      started_at: '2026-05-20T08:10:00Z',
      tags: ['incident', 'cdn'],
      'x-imported': { date: '2026-05-21', author: 'Lina Park', tags: 'incident, cdn' },
    },
    sections: contract,
    timeline: [
      ['2026-05-20T08:10:00.000Z', 'Cache rule change deployed'],
      ['2026-05-20T09:00:00.000Z', 'Sale starts; pages keep old prices'],
      ['2026-05-20T10:05:00.000Z', 'Support escalates price complaints'],
      ['2026-05-20T10:12:00.000Z', 'Cache purged; prices correct'],
    ],
    actionItems: [
      ['Purge product pages on every price change', '@lina', '', 'done'],
      ['Validate TTL units in the CDN config pipeline', '@kofi', '2026-06-05', 'open'],
    ],
    errors: [
      missingKey('severity'),
      missingKey('services'),
      missingKey('resolved_at'),
      'action-items-table: Missing due date for `Purge product pages on every price change`, expected `YYYY-MM-DD`',
    ],
  },
];

describe('hindsight import: the shapes postmortems come in', () => {
  it.each(cases)('$shape', async (expected) => {
    const cwd = tempFolder();
    const source = join(fixtures, expected.source);
    const before = readFileSync(source);
    const { exitCode, stderr, results } = await importJson(cwd, [source]);
    expect({ exitCode, stderr }).toEqual({ exitCode: 0, stderr: '' });
    expect(results).toEqual([{ source, file: expected.file, inferred: expected.inferred, missing: expected.missing }]);
    expect(readFileSync(source).equals(before)).toBe(true);

    const { text, postmortem, errors } = lintDraft(cwd, expected.file);
    expect(postmortem.syntax).toEqual([]);
    expect(postmortem.data).toMatchObject({ status: 'draft', impact: {}, ...expected.frontmatter });
    expect(postmortem.sections.filter((section) => section.depth === 2).map((section) => section.title)).toEqual(expected.sections);
    expect(postmortem.timeline.map((entry) => [entry.at, entry.text])).toEqual(expected.timeline);
    expect(postmortem.timelineStrays).toEqual([]);
    expect(postmortem.actionItems?.items.map((item) => [item.action, item.owner, item.due, item.status])).toEqual(expected.actionItems);
    expect(errors).toEqual(expected.errors);
    // A numbered list's numbers are its order, which the rows it becomes keep.
    expect(lostWords(before.toString('utf8').replace(/^(\s*)\d{1,9}[.)](?=\s)/gm, '$1'), text)).toEqual([]);
  });

  it('imports them all at once, in order, each to its own file', async () => {
    const cwd = tempFolder();
    const { exitCode, results } = await importJson(cwd, [fixtures]);
    expect(exitCode).toBe(0);
    expect(results.map((result) => result.file).sort()).toEqual(cases.map((expected) => expected.file).sort());
  });
});
