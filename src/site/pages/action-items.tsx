import slugify from '@sindresorhus/slugify';
import { compareText } from '../../rollup/order.js';
import { AsOfNote, Badge, DueAndStatus, PagerNav } from '../components.js';
import { page } from '../layout.js';
import type { ActionItemView, PostmortemSummary, SiteModel } from '../model.js';
import { definePages, perModel } from '../page.js';
import { paginate, type ListPage } from '../paginate.js';

/** Owners per page of the summary, and items per page of an owner's list. */
const ownersPerPage = 100;
const itemsPerPage = 100;

type OwnedItem = ActionItemView & { postmortem: PostmortemSummary };

interface Owner {
  owner: string;
  /** Their page's folder: `/owners/SLUG/`. */
  path: string;
  url: string;
  open: number;
  overdue: number;
  /** The earliest due date among the open items. */
  oldestDue: string | undefined;
  /** Due dates of the open items not yet overdue when the site was built, for the page's script to judge again. */
  upcoming: string[];
  items: OwnedItem[];
}

interface SummaryView extends ListPage<Owner> {
  open: number;
  overdue: number;
  /** Every owner's `upcoming`. */
  upcoming: string[];
  owners: number;
}

interface OwnerView extends ListPage<OwnedItem> {
  /** Without its items: the page has its own. */
  owner: Omit<Owner, 'items'>;
}

/**
 * Open action items by owner. `/action-items/` is one summary row per owner (open, overdue, oldest
 * due) that stays small however many items there are; each owner's items are on `/owners/SLUG/`.
 * Both paginate. The built overdue marks are judged again against the reader's today.
 */
export const actionItemsPages = definePages<SummaryView>({
  name: 'action-items',
  views(model) {
    const all = ownersOf(model);
    const open = all.reduce((sum, owner) => sum + owner.open, 0);
    const overdue = all.reduce((sum, owner) => sum + owner.overdue, 0);
    const upcoming = all.flatMap((owner) => owner.upcoming).sort(compareText);
    return paginate(all, ownersPerPage, '/action-items/', model.link).map((list) => ({ ...list, open, overdue, upcoming, owners: all.length }));
  },
  render(view, model) {
    return page({
      model,
      title: view.pager.number === 1 ? 'Action items' : `Action items, page ${view.pager.number}`,
      nav: 'action-items',
      scripts: ['overdue.js'],
      children: (
        <>
          <h1>Open action items</h1>
          <p class="lede">
            {count(view.open, 'open item')} across {count(view.owners, 'owner')}, <OverdueCount atBuild={view.overdue} upcoming={view.upcoming} /> overdue. Each owner's
            items are on their own page, by due date, so overdue ones come first.
          </p>
          <AsOfNote asOf={model.site.asOf} />
          {view.owners === 0 ? (
            <p>No open action items.</p>
          ) : (
            <div class="table-scroll" role="region" aria-labelledby="owners-caption" tabindex={0}>
              <table class="owners">
                <caption id="owners-caption">Open action items by owner, most overdue first</caption>
                <thead>
                  <tr>
                    <th scope="col">Owner</th>
                    <th scope="col">Open</th>
                    <th scope="col">Overdue</th>
                    <th scope="col">Oldest due</th>
                  </tr>
                </thead>
                <tbody>
                  {view.items.map((owner) => (
                    <tr>
                      <th scope="row">
                        <a href={owner.url}>{owner.owner}</a>
                      </th>
                      <td>{owner.open}</td>
                      <td>
                        <OverdueCount atBuild={owner.overdue} upcoming={owner.upcoming} />
                      </td>
                      <td>{owner.oldestDue && <time datetime={owner.oldestDue}>{owner.oldestDue}</time>}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <PagerNav pager={view.pager} label="Pages of owners" />
        </>
      ),
    });
  },
});

export const ownerPages = definePages<OwnerView>({
  name: 'owner',
  views(model) {
    return ownersOf(model).flatMap(({ items, ...owner }) => paginate(items, itemsPerPage, owner.path, model.link).map((list) => ({ ...list, owner })));
  },
  rendersFromView: true,
  render(view, model) {
    const { owner, pager } = view;
    // Sorting by due date reorders what a page shows; a list over many pages is already in that order.
    const sortable = pager.count === 1;
    return page({
      model,
      title: pager.number === 1 ? `Action items of ${owner.owner}` : `Action items of ${owner.owner}, page ${pager.number}`,
      nav: 'action-items',
      scripts: ['overdue.js'],
      children: (
        <section class="owner" aria-labelledby="owner-heading">
          <p class="eyebrow">
            <a href={model.link('/action-items/')}>Action items</a>
          </p>
          <h1 id="owner-heading">{owner.owner}</h1>
          <p class="owner-counts">
            {owner.open} open, <OverdueCount atBuild={owner.overdue} upcoming={owner.upcoming} /> overdue
          </p>
          <AsOfNote asOf={model.site.asOf} />
          <div class="table-scroll" role="region" aria-labelledby="owner-heading" tabindex={0}>
            <table class="action-items" data-sortable={sortable ? '' : undefined}>
              <thead>
                <tr>
                  <th scope="col">Action</th>
                  <th scope="col">Postmortem</th>
                  <th scope="col" aria-sort="ascending" data-sort-due={sortable ? '' : undefined}>
                    Due
                  </th>
                  <th scope="col">Status</th>
                </tr>
              </thead>
              <tbody>
                {view.items.map((item) => (
                  <tr data-due={item.due} class={item.overdue ? 'is-overdue' : undefined}>
                    <td>{item.action}</td>
                    <td>
                      <Badge severity={item.postmortem.severity} /> <a href={item.postmortem.url}>{item.postmortem.title}</a>
                    </td>
                    <DueAndStatus item={item} />
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <PagerNav pager={pager} label={`Pages of ${owner.owner}'s action items`} />
        </section>
      ),
    });
  },
});

/** A count of overdue items as built; the page's script adds those whose due date has passed since. */
function OverdueCount({ atBuild, upcoming }: { atBuild: number; upcoming: readonly string[] }) {
  return (
    <span data-overdue-at-build={atBuild} data-upcoming={upcoming.join(' ')}>
      {atBuild}
    </span>
  );
}

/** Every owner with open items, in the rollups' order, each with their open items by due date. */
const ownersOf = perModel((model: SiteModel): Owner[] => {
  const byOwner = new Map<string, OwnedItem[]>();
  for (const view of model.postmortems) {
    const summary: PostmortemSummary = { id: view.id, path: view.path, url: view.url, title: view.title, date: view.date, severity: view.severity };
    for (const item of view.actionItems) {
      if (!item.open) continue;
      const list = byOwner.get(item.owner);
      if (list) list.push({ ...item, postmortem: summary });
      else byOwner.set(item.owner, [{ ...item, postmortem: summary }]);
    }
  }
  const used = new Set<string>();
  return model.breakdowns.actionItemsByOwner.flatMap((owner): Owner[] => {
    const items = byOwner.get(owner.owner);
    if (!items) return [];
    items.sort((a, b) => compareText(a.due, b.due) || compareText(a.postmortem.id, b.postmortem.id));
    const base = slugify(owner.owner) || 'unnamed';
    let slug = base;
    for (let number = 2; used.has(slug); number += 1) slug = `${base}-${number}`;
    used.add(slug);
    const path = `/owners/${slug}/`;
    return [
      {
        owner: owner.owner,
        path,
        url: model.link(path),
        open: owner.open,
        overdue: owner.overdue,
        oldestDue: items[0]?.due,
        upcoming: items.filter((item) => !item.overdue).map((item) => item.due),
        items,
      },
    ];
  });
});

function count(number: number, noun: string): string {
  return `${number.toLocaleString('en-US')} ${noun}${number === 1 ? '' : 's'}`;
}
