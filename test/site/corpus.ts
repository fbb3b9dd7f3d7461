import { edit } from '../helpers/lint.js';
import { postmortem } from './helpers.js';

/** A word that stands in one postmortem's body and nowhere else. */
export const uniqueWord = 'zeppelinfrost';

/** The hostile postmortem's id, and the markers its attacks would set if any of them ran. */
export const hostileId = '2025-05-05-hostile-content';
/** The hostile postmortem's action item owner. */
export const hostileOwner = '<b onmouseover="window.pwned = \'owner\'">Mallory</b>';
/** With a control character, which YAML allows and XML does not. */
export const hostileTitle = '<script>window.pwned = "title"</script><img src=x onerror="window.pwned = \'title-img\'"> {{ 7*7 }} & more\u0007';

/**
 * Five postmortems of every severity, status and a few services and tags, plus one whose every
 * user-written field tries to run a script. Its config turns `no-placeholder` off, since `<script>`
 * reads as a placeholder: the site must be safe whatever the rules say.
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
  ]);
  const [hostileFile, plain] = postmortem({
    date: '2025-05-05',
    slug: 'hostile-content',
    title: hostileTitle,
    severity: 'SEV3',
    services: ['web'],
    summary: [
      '<script>window.pwned = "body-script"</script>',
      '',
      'An <img src=x onerror="window.pwned = \'body-img\'"> image, <svg onload="window.pwned = \'svg\'"></svg> and a [link](javascript:window.pwned=\'link\').',
      '',
      'Template syntax {{ 7*7 }} and {% raw %} stay text. ![pixel](javascript:window.pwned=\'image\')',
      '',
      '<a href="javascript:window.pwned=\'raw-link\'">raw link</a> <iframe src="javascript:window.pwned=\'frame\'"></iframe>',
    ].join('\n'),
    actionItems: [`| <img src=x onerror="window.pwned = 'action'"> {{ 7*7 }} | ${hostileOwner} | 2025-05-20 | open | prevent | javascript:window.pwned=1 |`],
  });
  let hostile = edit(plain, '| Action | Owner | Due | Status | Type |\n|---|---|---|---|---|', '| Action | Owner | Due | Status | Type | Ticket |\n|---|---|---|---|---|---|');
  hostile = edit(hostile, 'authors:\n  - Alice\n', 'authors:\n  - "<img src=x onerror=\\"window.pwned = \'author\'\\">"\nteams:\n  - "</dd><script>window.pwned = \'team\'</script>"\n');
  hostile = edit(hostile, 'impact:\n', 'links:\n  chat: "<b onmouseover=\\"window.pwned = \'chat\'\\">#incidents</b>"\n  dashboard: "https://grafana.example.com/d/x?a=1&b=2"\nimpact:\n');
  return {
    ...files,
    [hostileFile]: hostile,
    'hindsight.config.json': JSON.stringify({ rules: { 'no-placeholder': 'off' }, site: { title: 'Example Postmortems', repositoryUrl: 'https://github.com/example/incidents/' } }),
  };
}
