// Search over every postmortem with Pagefind: a query, facets, or both. The page lists only the
// newest postmortems, so each result is drawn from the fields the index keeps for it, put in with
// textContent; excerpts keep nothing but text and <mark>.

const root = document.getElementById('search');
const input = document.getElementById('search-input');
const all = document.getElementById('listing');
const results = document.getElementById('results');
const status = document.getElementById('result-status');
const more = document.getElementById('more-results');
const pageSize = 10;
const initialStatus = status.textContent;
const counts = [...root.querySelectorAll('fieldset[data-facet] label')].map((label) => ({
  facet: label.closest('fieldset').dataset.facet,
  value: label.querySelector('input').value,
  count: label.querySelector('.count'),
  built: label.querySelector('.count').textContent,
}));

// One index per shard of months, named by its first (`2025-03`), newest first (see
// src/site/search-index.ts); the newest one's script searches them all.
const base = new URL(root.dataset.pagefindPath, document.baseURI);
const shards = root.dataset.pagefindShards.split(' ').filter(Boolean);
let pagefind;
let loading;
let facetsLoaded = false;
let current = { list: listed([]), shown: 0 };
let generation = 0;

/**
 * The index loads on first use, not with the page: most visits only read the list. It runs on the
 * page's thread (no worker script to fetch). The facets' data loads once a facet is used: until
 * then a search's counts are not known, and the facets show the counts over every postmortem.
 */
function loadIndex() {
  loading ??= (async () => {
    const [newest, ...older] = shards;
    const module = await import(new URL(`${newest}/pagefind.js`, base).href);
    await module.options({ excerptLength: 24, noWorker: true });
    for (const shard of older) await module.mergeIndex(new URL(`${shard}/`, base).pathname, { noWorker: true });
    pagefind = module;
  })().catch(() => {
    // No index (the site was not built by `hindsight build`): the list stays, without search.
    root.hidden = true;
    status.textContent = initialStatus;
  });
  return loading;
}

function selectedFilters() {
  const filters = {};
  for (const fieldset of root.querySelectorAll('fieldset[data-facet]')) {
    const values = [...fieldset.querySelectorAll('input:checked')].map((box) => box.value);
    if (values.length > 0) filters[fieldset.dataset.facet] = { any: values };
  }
  return filters;
}

/** Each facet value's count among the results, or the built counts over everything. */
function showCounts(counted) {
  root.querySelector('.facets').classList.toggle('counts-unknown', !counted && !facetsLoaded && input.value.trim() !== '');
  for (const { facet, value, count, built } of counts) {
    count.textContent = counted ? String(counted[facet]?.[value] ?? 0) : built;
  }
}

/**
 * Counts for the facets: each value's results given the query and the other facets' choices, so a
 * facet's own choices do not hide how many its other values would add.
 */
async function facetCounts(term, filters, search) {
  const counted = { ...search.filters };
  await Promise.all(
    Object.keys(filters).map(async (facet) => {
      const others = { ...filters };
      delete others[facet];
      counted[facet] = (await pagefind.search(term === '' ? null : term, { filters: others })).filters[facet];
    }),
  );
  return counted;
}

/** Results in the order given, all known at once. */
function listed(results) {
  return { total: results.length, slice: async (from, to) => results.slice(from, to) };
}

/**
 * Every postmortem the facets allow, newest first. A search by filters alone scores every result
 * the same, so each record names its day as a filter: one search gives the count of each day, and
 * the days are read, newest first, one search each, only as far as the list is shown. (A sort would
 * cost every search: Pagefind keeps its order in the metadata that each search loads first.)
 */
function newestFirst(filters, all) {
  const days = Object.entries(all.filters.day ?? {})
    .filter(([, count]) => count > 0)
    .map(([day]) => day)
    .sort()
    .reverse();
  const hits = [];
  let read = 0;
  // One reading at a time, so the days' results join the list in order.
  let reading = Promise.resolve();
  const readUpTo = async (count) => {
    while (hits.length < count && read < days.length) {
      const day = days[read++];
      hits.push(...(await pagefind.search(null, { filters: { ...filters, day: { any: [day] } } })).results);
    }
  };
  return {
    total: all.results.length,
    slice(from, to) {
      reading = reading.then(() => readUpTo(to));
      return reading.then(() => hits.slice(from, to));
    },
  };
}

/**
 * The excerpt as text, its matches in <mark>. Pagefind's excerpt escapes `<` and `>` but not `&`,
 * so `&lt;` written in a postmortem would read as `<` there: its words are taken from the page's
 * text, where the excerpt's words stand in it. Failing that, the excerpt's text and <mark>
 * elements are copied, and anything else in it is dropped.
 */
function excerptNode({ excerpt, content }) {
  const paragraph = element('p', 'excerpt');
  const tokens = excerpt.split(/\s+/).filter(Boolean).map((token) => {
    const marked = /^<mark>(.*)<\/mark>$/s.exec(token);
    return { word: marked ? marked[1] : token, marked: Boolean(marked) };
  });
  const words = content.split(/\s+/).filter(Boolean);
  const escaped = (word) => word.replaceAll('<', '&lt;').replaceAll('>', '&gt;');
  const start = tokens.length === 0 ? -1 : words.findIndex((_, index) => tokens.every((token, offset) => escaped(words[index + offset] ?? '') === token.word));
  if (start !== -1) {
    tokens.forEach((token, offset) => {
      if (offset > 0) paragraph.append(' ');
      paragraph.append(token.marked ? element('mark', '', words[start + offset]) : words[start + offset]);
    });
    return paragraph;
  }
  const parsed = new DOMParser().parseFromString(`<p>${excerpt}</p>`, 'text/html').body.firstChild;
  for (const node of parsed.childNodes) paragraph.append(node.nodeName === 'MARK' ? element('mark', '', node.textContent) : node.textContent);
  return paragraph;
}

/** An element with a class and text. */
function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** A result as the list's cards look: title link, severity, date, services, resolve time, status, impact. */
function card(data) {
  const { meta } = data;
  const item = element('li');
  item.dataset.id = meta.id;
  const article = element('article', 'card');
  const title = element('h2', 'card-title');
  const link = element('a', '', meta.title);
  link.href = meta.link;
  title.append(link);
  const facts = element('p', 'card-meta');
  // Class names come from the build, but only ever take the shapes it writes.
  const badge = element('span', `badge ${/^sev-\d$/.test(meta.severityClass) ? meta.severityClass : ''}`, meta.severity);
  badge.title = meta.severityName;
  const date = element('time', '', meta.date);
  date.dateTime = meta.date;
  const services = element('span', 'services');
  for (const service of (meta.services ?? '').split(' ').filter(Boolean)) services.append(element('span', 'chip', service), ' ');
  facts.append(badge, ' ', date, ' ', services, ' ', element('span', '', `Resolved in ${meta.resolvedIn}`));
  if (meta.status !== 'published') facts.append(' ', element('span', `status status-${meta.status.replace(/[^a-z-]/g, '')}`, meta.statusLabel));
  article.append(title, facts, element('p', 'card-impact', meta.headline));
  if (input.value.trim() !== '') article.append(excerptNode(data));
  item.append(article);
  return item;
}

/** The facets' data, loaded once a facet is in use: every search counts by facet from then on. */
async function loadFacets() {
  if (facetsLoaded) return;
  await pagefind.filters();
  facetsLoaded = true;
}

async function showMore() {
  const { list } = current;
  const from = current.shown;
  current.shown = Math.min(from + pageSize, list.total);
  more.hidden = current.shown >= list.total;
  const mine = generation;
  const loaded = await Promise.all((await list.slice(from, current.shown)).map((hit) => hit.data()));
  if (mine !== generation) return;
  results.append(...loaded.map(card));
}

async function update() {
  const mine = ++generation;
  await loadIndex();
  if (!pagefind || mine !== generation) return;
  const term = input.value.trim();
  const filters = selectedFilters();
  if (term === '' && Object.keys(filters).length === 0) {
    results.hidden = true;
    results.replaceChildren();
    all.hidden = false;
    more.hidden = true;
    status.textContent = initialStatus;
    showCounts();
    return;
  }
  // A listing without a query reads the days from the facets' data, however it was reached.
  if (term === '') await loadFacets();
  const search = term === '' ? await pagefind.search(null, { filters }) : await pagefind.debouncedSearch(term, { filters }, 150);
  if (search === null || mine !== generation) return;
  current = { list: term === '' ? newestFirst(filters, search) : listed(search.results), shown: 0 };
  const counted = facetsLoaded ? await facetCounts(term, filters, search) : undefined;
  if (mine !== generation) return;
  showCounts(counted);
  results.replaceChildren();
  all.hidden = true;
  results.hidden = false;
  const found = `${search.results.length} postmortem${search.results.length === 1 ? '' : 's'} found`;
  status.textContent = term ? `${found} for “${term}”, best match first.` : `${found}, newest first.`;
  await showMore();
}

root.hidden = false;
// On a phone the facets start folded, so the list is not pushed off the first screen.
if (matchMedia('(max-width: 40rem)').matches) for (const facet of root.querySelectorAll('details.facet')) facet.open = false;
root.querySelector('form').addEventListener('submit', (event) => event.preventDefault());
// Loading starts as soon as a reader reaches for the search, before the first key lands.
root.addEventListener('focusin', loadIndex);
root.addEventListener('pointerdown', loadIndex);
input.addEventListener('input', update);
root.addEventListener('change', async () => {
  await loadIndex();
  if (pagefind) await loadFacets();
  update();
});
more.addEventListener('click', showMore);
const query = new URLSearchParams(location.search).get('q');
if (query) {
  input.value = query;
  update();
}
