// Search over the postmortems with Pagefind: a query, facets, or both. Results reuse the cards the
// page already lists (built, escaped HTML); the only text taken from the index is put in with
// textContent, and excerpts keep nothing but text and <mark>.

const root = document.getElementById('search');
const input = document.getElementById('search-input');
const all = document.getElementById('postmortems');
const results = document.getElementById('results');
const status = document.getElementById('result-status');
const more = document.getElementById('more-results');
const pageSize = 20;
const initialStatus = status.textContent;
const cards = new Map([...all.children].map((item) => [item.dataset.id, item]));
const counts = [...root.querySelectorAll('fieldset[data-facet] label')].map((label) => ({
  facet: label.closest('fieldset').dataset.facet,
  value: label.querySelector('input').value,
  count: label.querySelector('.count'),
  built: label.querySelector('.count').textContent,
}));

let pagefind;
let current = { hits: [], shown: 0 };
let generation = 0;

try {
  pagefind = await import(new URL('pagefind.js', new URL(root.dataset.pagefindPath, document.baseURI)).href);
  await pagefind.options({ excerptLength: 24 });
  // Loads every filter now: a search reports counts only for filters already loaded.
  await pagefind.filters();
  root.hidden = false;
} catch {
  // No index (the site was not built by `hindsight build`): the full list stays, without search.
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

/** Copies an excerpt's text and <mark> elements; anything else in it is dropped. */
function excerptNode(html) {
  const parsed = new DOMParser().parseFromString(`<p>${html}</p>`, 'text/html').body.firstChild;
  const paragraph = document.createElement('p');
  paragraph.className = 'excerpt';
  for (const node of parsed.childNodes) {
    if (node.nodeName === 'MARK') {
      const mark = document.createElement('mark');
      mark.textContent = node.textContent;
      paragraph.append(mark);
    } else paragraph.append(node.textContent);
  }
  return paragraph;
}

async function showMore() {
  const batch = current.hits.slice(current.shown, current.shown + pageSize);
  current.shown += batch.length;
  const mine = generation;
  const loaded = await Promise.all(batch.map((hit) => hit.data()));
  if (mine !== generation) return;
  for (const data of loaded) {
    const card = cards.get(data.meta.id);
    if (!card) continue;
    const item = card.cloneNode(true);
    if (input.value.trim() !== '') item.querySelector('article').append(excerptNode(data.excerpt));
    results.append(item);
  }
  more.hidden = current.shown >= current.hits.length;
}

async function update() {
  const mine = ++generation;
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
  const search = await pagefind.debouncedSearch(term === '' ? null : term, term === '' ? { filters, sort: { date: 'desc' } } : { filters }, 150);
  if (search === null || mine !== generation) return;
  current = { hits: search.results, shown: 0 };
  const counted = await facetCounts(term, filters, search);
  if (mine !== generation) return;
  showCounts(counted);
  results.replaceChildren();
  all.hidden = true;
  results.hidden = false;
  const found = `${search.results.length} postmortem${search.results.length === 1 ? '' : 's'} found`;
  status.textContent = term ? `${found} for “${term}”, best match first.` : `${found}, newest first.`;
  await showMore();
}

if (pagefind) {
  // On a phone the facets start folded, so the list is not pushed off the first screen.
  if (matchMedia('(max-width: 40rem)').matches) for (const facet of root.querySelectorAll('details.facet')) facet.open = false;
  root.querySelector('form').addEventListener('submit', (event) => event.preventDefault());
  input.addEventListener('input', update);
  root.addEventListener('change', update);
  more.addEventListener('click', showMore);
  const query = new URLSearchParams(location.search).get('q');
  if (query) {
    input.value = query;
    update();
  }
}
