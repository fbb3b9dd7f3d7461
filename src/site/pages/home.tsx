import { compareText } from '../../rollup/order.js';
import { CardList, cardView, PagerNav, type CardView } from '../components.js';
import { page } from '../layout.js';
import { statusLabels, type PostmortemView, type SeverityView } from '../model.js';
import { definePages } from '../page.js';
import { paginate, type ListPage } from '../paginate.js';
import { shardNames } from '../search-index.js';

/** Postmortems on one page of the home list: enough to scan, few enough to stay small at any count. */
export const homePageSize = 50;

interface HomeView extends ListPage<CardView> {
  total: number;
  /** The search box, its facets and the index's shards, on the first page only. */
  search: { facets: Facet[]; shards: string[] } | undefined;
}

/** `/`: the newest postmortems with search over all of them; `/page/N/`: the rest, newest first. */
export default definePages<HomeView>({
  name: 'home',
  views(model) {
    const search = { facets: facets(model.postmortems, model.severities), shards: shardNames(model.postmortems, model.config.site.searchShardSize) };
    return paginate(model.postmortems.map(cardView), homePageSize, '/', model.link).map((list, index) => ({
      ...list,
      total: model.postmortems.length,
      search: index === 0 ? search : undefined,
    }));
  },
  rendersFromView: true,
  render(view, model) {
    const { pager, items, total } = view;
    const first = (pager.number - 1) * homePageSize + 1;
    const shown = total === 0 ? 'none yet' : pager.count === 1 ? 'newest first' : `newest first; ${first}–${first + items.length - 1} on this page`;
    return page({
      model,
      title: pager.number === 1 ? 'Postmortems' : `Postmortems, page ${pager.number}`,
      nav: 'home',
      scripts: view.search ? ['search.js'] : [],
      children: (
        <>
          <h1>Postmortems{pager.number > 1 && <span class="page-number">, page {pager.number}</span>}</h1>
          <p class="lede">{model.site.description}</p>
          {view.search && <SearchForm {...view.search} pagefindPath={model.link('/pagefind/')} />}
          {view.search && (
            <noscript>
              <p class="note">Search needs JavaScript; every postmortem is listed below and on the pages after it, newest first.</p>
            </noscript>
          )}
          <p class="result-status" id="result-status" role="status" aria-live="polite">
            {`${total.toLocaleString('en-US')} postmortem${total === 1 ? '' : 's'}, ${shown}.`}
          </p>
          <div id="listing">
            <CardList postmortems={items} id="postmortems" />
            <PagerNav pager={pager} label="Pages of postmortems" />
          </div>
          {view.search && (
            <>
              <ol class="postmortem-list" id="results" hidden></ol>
              <button type="button" class="more" id="more-results" hidden>
                Show more results
              </button>
            </>
          )}
        </>
      ),
    });
  },
});

/** The search box and facets; the script finds the index's shards (years, newest first) under `pagefindPath`. */
function SearchForm({ facets, pagefindPath, shards }: { facets: Facet[]; pagefindPath: string; shards: string[] }) {
  return (
    <div class="search" id="search" hidden data-pagefind-path={pagefindPath} data-pagefind-shards={shards.join(' ')}>
      <form class="search-form" role="search" aria-label="Postmortems">
        <label for="search-input">Search titles and text</label>
        <input id="search-input" name="q" type="search" autocomplete="off" spellcheck={false} />
      </form>
      <div class="facets">
        {facets.map((facet) => (
          <details class="facet" open={facet.values.length <= 8}>
            <summary>{facet.label}</summary>
            <fieldset data-facet={facet.name}>
              <legend class="visually-hidden">{facet.label}</legend>
              {facet.values.map((option) => (
                <label>
                  <input type="checkbox" name={facet.name} value={option.value} /> {option.label} <span class="count">{option.count}</span>
                </label>
              ))}
            </fieldset>
          </details>
        ))}
      </div>
    </div>
  );
}

export interface Facet {
  /** The Pagefind filter name. */
  name: string;
  label: string;
  values: Array<{ value: string; label: string; count: number }>;
}

function facets(views: readonly PostmortemView[], severities: readonly SeverityView[]): Facet[] {
  const count = (values: (view: PostmortemView) => string[]) => {
    const counts = new Map<string, number>();
    for (const view of views) for (const value of new Set(values(view))) counts.set(value, (counts.get(value) ?? 0) + 1);
    return counts;
  };
  const listed = (counts: Map<string, number>, order: string[], label: (value: string) => string = (value) => value) =>
    order.filter((value) => counts.has(value)).map((value) => ({ value, label: label(value), count: counts.get(value) ?? 0 }));
  const sorted = (counts: Map<string, number>) => [...counts.keys()].sort(compareText);
  const severityCounts = count((view) => [view.severity.id]);
  const serviceCounts = count((view) => view.services.map((service) => service.label));
  const yearCounts = count((view) => [view.year]);
  const statusCounts = count((view) => [view.status]);
  const tagCounts = count((view) => view.tags);
  const severityName = new Map(severities.map((severity) => [severity.id, severity.name]));
  return [
    { name: 'severity', label: 'Severity', values: listed(severityCounts, [...severities.map((severity) => severity.id), ...sorted(severityCounts)].filter(unique), (id) => `${id} ${severityName.get(id) ?? ''}`.trim()) },
    { name: 'service', label: 'Service', values: listed(serviceCounts, sorted(serviceCounts)) },
    { name: 'year', label: 'Year', values: listed(yearCounts, sorted(yearCounts).reverse()) },
    { name: 'status', label: 'Status', values: listed(statusCounts, [...Object.keys(statusLabels), ...sorted(statusCounts)].filter(unique), (status) => statusLabels[status] ?? status) },
    { name: 'tag', label: 'Tag', values: listed(tagCounts, sorted(tagCounts)) },
  ].filter((facet) => facet.values.length > 0);
}

function unique<T>(value: T, index: number, all: readonly T[]): boolean {
  return all.indexOf(value) === index;
}
