import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Writes `count` valid, varied postmortems into `dir` (created if missing), the same ones for the
 * same `seed`: dates over five years, every severity, a pool of services, teams and owners,
 * timelines, impact and revenue in three currencies, contributing factors that recur, related
 * incidents and action items that meet the default severity policy. Returns the file names.
 */
export function generateCorpus(dir: string, count: number, seed: number): string[] {
  mkdirSync(dir, { recursive: true });
  const random = mulberry32(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const some = <T>(items: readonly T[], most: number): T[] => [...new Set(Array.from({ length: 1 + Math.floor(random() * most) }, () => pick(items)))];
  const between = (low: number, high: number): number => low + Math.floor(random() * (high - low + 1));
  const names: string[] = [];
  const start = Date.parse('2021-06-01T00:00:00Z');
  const span = Date.parse('2026-05-31T00:00:00Z') - start;
  const days = Array.from({ length: count }, () => start + Math.floor(random() * (span / 86_400_000)) * 86_400_000).sort((a, b) => a - b);
  days.forEach((day, index) => {
    const severity = pick(['SEV1', 'SEV2', 'SEV2', 'SEV3', 'SEV3', 'SEV3', 'SEV4', 'SEV4']);
    const services = some(serviceNames, 3);
    const service = services[0]!;
    const failure = pick(failures);
    const team = pick(teams);
    const date = new Date(day).toISOString().slice(0, 10);
    const slug = `${service}-${failure.slug}-${index + 1}`;
    const id = `${date}-${slug}`;
    const started = day + between(0, 22) * 3_600_000 + between(0, 59) * 60_000;
    const detected = started + between(1, severity === 'SEV4' ? 600 : 90) * 60_000;
    const acknowledged = detected + between(1, 15) * 60_000;
    const mitigated = acknowledged + between(5, 240) * 60_000;
    const resolved = mitigated + between(5, 600) * 60_000;
    const at = (time: number): string => new Date(time).toISOString().replace('.000Z', 'Z');
    const clock = (time: number): string => `${new Date(time).toISOString().slice(0, 10)} ${new Date(time).toISOString().slice(11, 16)}`;
    const users = severity === 'SEV4' ? 0 : between(10, severity === 'SEV1' ? 250_000 : 40_000);
    const revenue = severity === 'SEV1' || (severity === 'SEV2' && random() < 0.6) ? { amount: between(5, 900) * 100, currency: pick(['USD', 'USD', 'EUR', 'GBP']) } : undefined;
    const factors = some(contributingFactors, 3);
    const earlier = names.length > 0 && random() < 0.15 ? [pick(names).replace(/\.md$/, '')] : [];
    const dueWithin = severity === 'SEV1' ? 15 : severity === 'SEV2' ? 30 : 90;
    const due = (offset: number): string => new Date(day + Math.min(offset, dueWithin) * 86_400_000).toISOString().slice(0, 10);
    const owners = some(people, 3);
    const items = [
      `| Add an alert on ${failure.signal} for ${service} | ${owners[0]} | ${due(between(2, 14))} | ${pick(['done', 'done', 'open', 'in-progress'])} | detect | OPS-${between(1000, 9999)} |`,
      `| Fix ${failure.cause} in ${service} | ${pick(owners)} | ${due(between(5, 30))} | ${pick(['done', 'open', 'in-progress', 'wont-do'])} | prevent | OPS-${between(1000, 9999)} |`,
      ...(random() < 0.5 ? [`| Update the ${service} runbook with the ${failure.slug.replaceAll('-', ' ')} steps | ${pick(owners)} | ${due(between(7, 60))} | ${pick(['done', 'open'])} | process | |`] : []),
    ];
    const story = (sentences: number): string =>
      Array.from({ length: sentences }, () =>
        pick(narratives)
          .replaceAll('{service}', service)
          .replaceAll('{other}', pick(serviceNames))
          .replaceAll('{person}', pick(people))
          .replaceAll('{team}', pick(teams))
          .replaceAll('{cause}', failure.cause)
          .replaceAll('{signal}', failure.signal)
          .replaceAll('{moment}', pick(moments))
          .replaceAll('{minutes}', String(between(2, 45))),
      ).join(' ');
    const events = [
      [started, `${service} starts returning errors as ${failure.cause} takes hold`],
      [detected, `${failure.signal} alert fires and pages the ${service} on-call`],
      [acknowledged, `${pick(people)} acknowledges the page and opens the incident channel`],
      [acknowledged + Math.floor((mitigated - acknowledged) / 2), `Responders confirm ${failure.cause} from dashboards and logs`],
      [mitigated, `${pick(mitigations)}; error rate back to baseline`],
      [resolved, 'Metrics stable; incident resolved'],
    ] as const;
    const text = `---
title: ${JSON.stringify(`${capitalize(service)} ${failure.title} (${index + 1})`)}
date: ${date}
severity: ${severity}
status: ${pick(['published', 'published', 'published', 'in-review', 'draft'])}
services:
${services.map((name) => `  - ${name}`).join('\n')}
authors:
  - ${pick(people)}
teams:
  - ${team}
started_at: ${at(started)}
detected_at: ${at(detected)}
acknowledged_at: ${at(acknowledged)}
mitigated_at: ${at(mitigated)}
resolved_at: ${at(resolved)}
detection: ${pick(['alert', 'alert', 'customer', 'employee', 'synthetic'])}
impact:
  customer_facing: ${severity !== 'SEV4'}
  users_affected: ${users}
  failed_requests: ${users * between(1, 30)}
  support_tickets: ${Math.floor(users / between(50, 500))}
${revenue ? `  revenue_loss:\n    amount: ${revenue.amount}\n    currency: ${revenue.currency}\n` : ''}contributing_factors:
${factors.map((factor) => `  - ${factor}`).join('\n')}
tags:
${some(tags, 3).map((tag) => `  - ${tag}`).join('\n')}
links:
  dashboard: https://grafana.example.com/d/${service}
  runbook: https://runbooks.example.com/${service}/${failure.slug}
${earlier.length > 0 ? `related:\n${earlier.map((other) => `  - ${other}`).join('\n')}\n` : ''}---

## Summary

For ${Math.round((mitigated - started) / 60_000)} minutes ${service} ${failure.symptom}. ${paragraph(random, pick, 3)}

## Impact

About ${users.toLocaleString('en-US')} users were affected. The ${team} team led the response, with ${pick(people)} as incident commander. ${paragraph(random, pick, 2)} ${story(3)}

## Detection

${story(3)}

## Timeline

${events.map(([time, event]) => `- ${clock(time)} - ${event}`).join('\n')}

## Root Cause

${capitalize(failure.cause)} in ${service}. ${paragraph(random, pick, 5)}

${paragraph(random, pick, 4)}

${story(3)}

## What Went Well

- ${paragraph(random, pick, 1)}
- ${paragraph(random, pick, 1)}

## What Went Poorly

- ${paragraph(random, pick, 1)}
- ${paragraph(random, pick, 1)}

## Action Items

| Action | Owner | Due | Status | Type | Ticket |
|---|---|---|---|---|---|
${items.join('\n')}

## Lessons Learned

${paragraph(random, pick, 2)} ${story(2)}
`;
    const name = `${id}.md`;
    writeFileSync(join(dir, name), text);
    names.push(name);
  });
  return names;
}

/** A small, fast, seeded generator: the same corpus on every machine. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function paragraph(random: () => number, pick: <T>(items: readonly T[]) => T, sentences: number): string {
  return Array.from({ length: sentences }, () => `${capitalize(pick(subjects))} ${pick(verbs)} ${pick(objects)}${random() < 0.3 ? ` during the ${pick(moments)}` : ''}.`).join(' ');
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

const serviceNames = [
  'checkout-api', 'orders-db', 'payments', 'auth', 'session-store', 'search', 'search-indexer', 'cdn', 'web-storefront', 'api-gateway',
  'inventory', 'inventory-db', 'notifications', 'email-worker', 'data-pipeline', 'warehouse-loader', 'recommendations', 'pricing', 'cart',
  'shipping', 'returns', 'loyalty', 'fraud-detection', 'identity', 'media-service', 'reviews', 'catalog', 'feature-flags', 'billing', 'ledger',
];
const teams = ['Checkout Platform', 'Payments', 'Identity', 'Search', 'Edge', 'Data Platform', 'Storage', 'Growth', 'Core Infrastructure', 'Fulfilment'];
const people = [
  'Alice', 'Bob', 'Carol', 'Dmitri Volkov', 'Erin', 'Farah Khan', 'Gustavo Lima', 'Hana Sato', 'Ivan Petrov', 'Jia Li', 'Kwame Mensah',
  'Lena Fischer', 'Mei Lin', 'Nadia Haddad', 'Oscar Nilsson', 'Priya Raman', 'Sofia Rossi', 'Tomás Ibarra', 'Anouk de Vries', 'Sven Larsen',
];
const contributingFactors = [
  'missing-alert', 'missing-load-test', 'config-change', 'capacity-planning', 'dependency-failure', 'retry-without-backoff', 'slow-rollback-decision',
  'certificate-expiry', 'schema-change', 'noisy-neighbour', 'manual-step', 'stale-runbook', 'insufficient-canary', 'clock-skew',
];
const tags = ['database', 'deploy', 'rollback', 'network', 'dns', 'tls', 'queue', 'cache', 'kubernetes', 'third-party', 'memory', 'latency', 'data-loss'];
const failures = [
  { slug: 'pool-exhaustion', title: 'outage from connection pool exhaustion', symptom: 'rejected requests while its connection pool was exhausted', cause: 'a connection pool sized for last year\u2019s traffic', signal: 'pool saturation' },
  { slug: 'certificate-expiry', title: 'errors after a certificate expired', symptom: 'failed TLS handshakes for most clients', cause: 'a certificate that was renewed by hand', signal: 'certificate expiry' },
  { slug: 'retry-storm', title: 'degraded by a retry storm', symptom: 'timed out under a storm of client retries', cause: 'retries without backoff or jitter', signal: 'request rate' },
  { slug: 'bad-config', title: 'outage after a configuration change', symptom: 'served errors after a configuration push', cause: 'a configuration change without validation', signal: 'error rate' },
  { slug: 'disk-full', title: 'writes failing on a full disk', symptom: 'failed writes once a volume filled up', cause: 'log growth on a volume without retention', signal: 'disk usage' },
  { slug: 'memory-leak', title: 'restarts from a memory leak', symptom: 'restarted in a loop as memory ran out', cause: 'a cache that never evicted entries', signal: 'memory usage' },
  { slug: 'dns-failure', title: 'unreachable after a DNS change', symptom: 'was unreachable for clients with cached records', cause: 'a DNS record changed with a long time to live', signal: 'synthetic probe' },
  { slug: 'queue-backlog', title: 'delayed by a queue backlog', symptom: 'processed messages hours late', cause: 'a consumer that scaled on the wrong metric', signal: 'queue age' },
];
const subjects = ['the on-call engineer', 'the canary', 'the deploy pipeline', 'the load balancer', 'the primary database', 'the cache tier', 'the incident commander', 'the alerting rule', 'the rollout', 'the client library', 'the scheduler', 'the health check'];
const verbs = ['masked', 'exposed', 'delayed', 'amplified', 'caught', 'missed', 'absorbed', 'shifted', 'doubled', 'hid'];
const objects = ['the rising error rate', 'the slow queries', 'the failed health checks', 'the retry traffic', 'the stale replicas', 'the queue backlog', 'the expired credentials', 'the uneven shard load', 'the partial rollout', 'the connection churn'];
const moments = ['morning peak', 'nightly batch', 'regional failover', 'maintenance window', 'marketing campaign', 'weekend sale'];
/** Sentences an incident write-up would hold, so the bodies read (and index) like real prose. */
const narratives = [
  'The first page reached {person}, who opened the {service} dashboard and saw {signal} well outside its usual band.',
  'Within {minutes} minutes the {team} team had joined the incident channel and split the work between diagnosis and customer updates.',
  'Because {other} retried every failed call, the load on {service} grew faster than the autoscaler could add capacity.',
  'Nobody had connected {cause} with the symptoms at first, so the early investigation followed a deploy that turned out to be harmless.',
  'The status page was updated {minutes} minutes after the first customer report, later than the policy asks for a customer-facing incident.',
  'A similar pattern had been seen during the {moment} a few months earlier, but it recovered on its own and was never written up.',
  '{person} compared the request traces of healthy and failing hosts and found that only the hosts behind the newest load balancer pool were affected.',
  'Support saw a spike in tickets about slow pages and failed payments, and escalated them to the incident commander in one thread.',
  'The runbook described the recovery steps for {service}, but two of its commands referred to hosts that had been retired last quarter.',
  'Rolling back took longer than expected because the previous build had to be fetched from cold storage before it could be deployed.',
  'Alerting on {signal} would have caught the problem earlier, yet the threshold had been raised during the {moment} and never lowered again.',
  'Requests from {other} were shed first, which kept the most important customer journeys working while the team restored capacity.',
  'Dashboards for {service} showed averages rather than percentiles, which hid the slow tail that most customers were actually experiencing.',
  'After the fix was deployed, {person} watched error rates and latency for {minutes} minutes before declaring the incident mitigated.',
  'The change that exposed {cause} had passed review and the canary, because the canary did not receive traffic from the affected region.',
  'Engineers from the {team} team paired with the {service} owners the following week to add a load test that reproduces the failure.',
] as const;
const mitigations = ['Rollback completes on all hosts', 'Traffic shifted to the healthy region', 'Pool size raised and pods restarted', 'Bad configuration reverted', 'Consumers scaled out', 'Certificate replaced'];
