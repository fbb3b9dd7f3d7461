import { hostileConfig, hostileFile } from './hostile.js';
import { postmortem } from './helpers.js';

export { hostileId, hostileOwner, hostileTitle } from './hostile.js';

/** A word that stands in one postmortem's body and nowhere else. */
export const uniqueWord = 'zeppelinfrost';

/**
 * Five postmortems of every severity, status and a few services and tags, plus one whose every
 * user-written field tries to run a script (see `hostile.ts`), with a configuration that does too.
 */
export function siteCorpus(): Record<string, string> {
  const files = Object.fromEntries([
    postmortem({ date: '2026-03-04', slug: 'checkout-outage', title: 'Checkout outage from database connection pool exhaustion', tags: ['database', 'deploy'], factors: ['missing-alert', 'missing-load-test'] }),
    postmortem({
      date: '2025-11-02',
      slug: 'search-index-lag',
      title: 'Search results stale for six hours after indexer backlog',
      severity: 'SEV3',
      services: ['search', 'search-indexer'],
      tags: ['search'],
      summary: `The indexer queue grew behind a ${uniqueWord} batch that nobody had sized.`,
      actionItems: ['| Alert on indexer queue age | Dana | 2099-01-01 | open | detect |', '| Size the nightly batch | Dana | 2025-11-20 | done | prevent |'],
    }),
    postmortem({
      date: '2024-06-15',
      slug: 'payments-timeout',
      title: 'Payments timed out at the card processor',
      severity: 'SEV2',
      services: ['payments', 'checkout-api'],
      status: 'in-review',
      tags: ['third-party'],
      factors: ['missing-alert'],
      actionItems: ['| Add a processor timeout budget | Erin | 2024-07-01 | open | prevent |'],
    }),
    postmortem({ date: '2026-01-20', slug: 'cdn-certificate', title: 'Images missing after a CDN certificate expired', severity: 'SEV4', services: ['cdn'], status: 'draft' }),
    postmortem({ date: '2025-08-09', slug: 'login-errors', title: 'Login errors for a tenth of users after a session store failover', severity: 'SEV2', services: ['auth'], tags: ['database'], factors: ['missing-load-test', 'missing-alert'], actionItems: ['| Fail over in staging every week | Frank | 2025-08-30 | open | prevent |'] }),
    hostileFile(),
  ]);
  const config = hostileConfig();
  // A search shard for each month, so the site is searched across shards as a large one is.
  return { ...files, 'hindsight.config.json': JSON.stringify({ ...config, site: { ...(config.site as object), searchShardSize: 1 } }) };
}
