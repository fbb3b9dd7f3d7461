import type { PageSet } from '../page.js';
import { actionItemsPages, ownerPages } from './action-items.js';
import dashboard from './dashboard.js';
import feed from './feed.js';
import files from './files.js';
import home from './home.js';
import notFound from './not-found.js';
import postmortem from './postmortem.js';
import { servicePages, servicesPages } from './services.js';
import severities from './severities.js';

/** Every kind of page the site has. */
export const pageSets: readonly PageSet[] = [
  home,
  postmortem,
  dashboard,
  actionItemsPages,
  ownerPages,
  servicesPages,
  servicePages,
  severities,
  notFound,
  feed,
  files,
];
