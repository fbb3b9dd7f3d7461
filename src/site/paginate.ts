/** Where a list page stands among its siblings, for the links between them. */
export interface Pager {
  /** 1-based. */
  number: number;
  count: number;
  /** Links (with the path prefix) to the first, previous, next and last pages, where they differ from this one. */
  first: string | undefined;
  previous: string | undefined;
  next: string | undefined;
  last: string | undefined;
  /** A few pages around this one, for direct links. */
  nearby: Array<{ number: number; url: string; current: boolean }>;
}

export interface ListPage<Item> {
  path: string;
  items: Item[];
  pager: Pager;
}

/** Pages either side of the current one that get a direct link. */
const nearbySpan = 2;

/**
 * Splits a list into pages of `size`: the first at `basePath` (`/`, `/services/web/`), the others
 * at `basePath + 'page/N/'`. An empty list still has its one, empty page.
 */
export function paginate<Item>(items: readonly Item[], size: number, basePath: string, link: (path: string) => string): Array<ListPage<Item>> {
  const count = Math.max(1, Math.ceil(items.length / size));
  const pathOf = (number: number): string => (number === 1 ? basePath : `${basePath}page/${number}/`);
  return Array.from({ length: count }, (_, index) => {
    const number = index + 1;
    const url = (other: number): string | undefined => (other === number || other < 1 || other > count ? undefined : link(pathOf(other)));
    const nearby = [];
    for (let other = Math.max(1, number - nearbySpan); other <= Math.min(count, number + nearbySpan); other++) {
      nearby.push({ number: other, url: link(pathOf(other)), current: other === number });
    }
    return {
      path: pathOf(number),
      items: items.slice(index * size, (index + 1) * size),
      pager: { number, count, first: url(1), previous: url(number - 1), next: url(number + 1), last: url(count), nearby },
    };
  });
}
