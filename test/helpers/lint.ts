import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { VFileMessage } from 'vfile-message';
import { loadConfig, type ResolvedConfig } from '../../src/config/config.js';
import { lintPostmortems, type LintedPostmortem } from '../../src/lint/engine.js';
import type { ParseLimits } from '../../src/parse/limits.js';
import type { Postmortem } from '../../src/parse/model.js';
import { parsePostmortem } from '../../src/parse/postmortem.js';
import type { Rule } from '../../src/rules/rule.js';

/** A postmortem file for a test: its path as findings show it, and its text. */
export interface Fixture {
  file: string;
  text: string;
}

/** Where `validPostmortem` lives; its id is `2026-03-04-checkout-outage`. */
export const validFile = 'postmortems/2026-03-04-checkout-outage.md';

/**
 * A SEV1 postmortem that every rule accepts, with every default section, a timeline and an action
 * items table. Tests change one thing in it with `edit` and look for the one finding that causes.
 * Tests assert these lines, so keep them where they are: 3 `date`, 4 `severity`, 5 `status`,
 * 10-14 the timestamps, 19 `currency`, 22 `## Summary`, 30 `## Timeline` (entries 32-35),
 * 37 `## Root Cause`, 49 `## Action Items` (header row 51, items 53-54), 56 `## Lessons Learned`.
 */
export const validPostmortem = `---
title: Checkout outage from database connection pool exhaustion
date: 2026-03-04
severity: SEV1
status: published
services:
  - checkout-api
authors:
  - Alice
started_at: 2026-03-04T14:32:00Z
detected_at: 2026-03-04T14:34:00Z
acknowledged_at: 2026-03-04T14:36:00Z
mitigated_at: 2026-03-04T15:20:00Z
resolved_at: 2026-03-04T15:45:00Z
impact:
  users_affected: 1032
  revenue_loss:
    amount: 15000
    currency: USD
---

## Summary

For 48 minutes every checkout attempt failed after a deploy raised the database connections each request held.

## Impact

1,247 checkout attempts failed, from 1,032 customers.

## Timeline

- 14:32 UTC - Deploy reaches all pods; checkout requests start failing
- 14:34 UTC - Error-rate alert pages the checkout on-call
- 15:10 UTC - Rollback starts
- 15:20 UTC - Checkout success rate is back to its baseline

## Root Cause

The new pricing step held each pooled connection four times longer, so the pool ran out at afternoon traffic.

## What Went Well

The alert fired within two minutes of impact.

## What Went Poorly

Pool saturation was on no dashboard, so confirming it took 16 minutes.

## Action Items

| Action | Owner | Due | Status | Type |
|---|---|---|---|---|
| Add pool metrics to the dashboard | Alice | 2026-03-07 | done | detect |
| Load test the checkout flow | Bob | 2026-03-14 | in-progress | prevent |

## Lessons Learned

A change in queries per request is a capacity change.
`;

/**
 * The text with `search` replaced; throws when `search` is not in it, so a stale fixture fails
 * loudly instead of testing the unchanged text.
 */
export function edit(text: string, search: string | RegExp, replacement: string): string {
  const found = typeof search === 'string' ? text.includes(search) : search.test(text);
  if (!found) throw new Error(`edit: ${String(search)} is not in the fixture`);
  return text.replace(search, replacement);
}

let defaults: ResolvedConfig | undefined;

/** The default configuration (as `loadConfig` gives it for a folder without a config file), with some keys changed. */
export function testConfig(changes: Partial<ResolvedConfig> = {}): ResolvedConfig {
  if (!defaults) {
    const empty = mkdtempSync(join(tmpdir(), 'hindsight-config-'));
    try {
      defaults = loadConfig(empty);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  }
  // The same object while nothing changes: compiled schemas are cached per config object.
  return Object.keys(changes).length === 0 ? defaults : { ...defaults, ...changes };
}

/** Parses a fixture, under the default limits or those given (as `hindsight lint` passes the configured ones). */
export function parse(fixture: Fixture, limits?: ParseLimits): Postmortem {
  return parsePostmortem(fixture.file, new TextEncoder().encode(fixture.text), limits ? { limits } : {});
}

export interface LintFixtureOptions {
  config?: ResolvedConfig;
  /** Default `2026-06-01`. */
  asOf?: string;
  /** Only these rules (default: every rule in the registry). */
  rules?: readonly Rule[];
}

/** Parses and lints fixtures together, as one folder: cross-file rules see them all. */
export function lintFixtures(fixtures: readonly Fixture[], options: LintFixtureOptions = {}): LintedPostmortem[] {
  const config = options.config ?? testConfig();
  return lintPostmortems(fixtures.map((fixture) => parse(fixture, config.limits)), {
    config,
    asOf: options.asOf ?? '2026-06-01',
    absolutePath: (postmortem) => resolve('/repo', postmortem.file),
    ...(options.rules ? { rules: options.rules } : {}),
  });
}

/** A finding reduced to what tests compare. */
export interface Finding {
  ruleId: string | undefined;
  severity: 'error' | 'warn';
  line: number | undefined;
  column: number | undefined;
  message: string;
  /** The second place a rule gave, when it gave one. */
  cause?: { line: number | undefined; column: number | undefined; message: string };
}

export function finding(message: VFileMessage): Finding {
  const { cause } = message;
  return {
    ruleId: message.ruleId,
    severity: message.fatal ? 'error' : 'warn',
    line: message.line,
    column: message.column,
    message: message.reason,
    ...(cause instanceof VFileMessage ? { cause: { line: cause.line, column: cause.column, message: cause.reason } } : {}),
  };
}

export interface FindingsOptions extends LintFixtureOptions {
  /** Default `validFile`. */
  file?: string;
  /** Other postmortems in the folder. */
  others?: readonly Fixture[];
  /** Keep only this rule's findings. */
  ruleId?: string;
}

/** The findings for one postmortem's text, in file order. */
export function findings(text: string, options: FindingsOptions = {}): Finding[] {
  const [linted] = lintFixtures([{ file: options.file ?? validFile, text }, ...(options.others ?? [])], options);
  return (linted?.result.messages ?? [])
    .filter((message) => options.ruleId === undefined || message.ruleId === options.ruleId)
    .map(finding);
}
