import type { SiteModel } from './model.js';

/** One page of the site: where it is written (a folder path such as `/page/2/`, or a file such as `/feed.xml`). */
export interface PageView {
  path: string;
}

/**
 * A kind of page (the home list, a postmortem, the dashboard, …): its views, one per page written,
 * made from the site model, and how one view is rendered. Each kind is one Eleventy template
 * paginated over its views.
 */
export interface PageSet<View extends PageView = PageView> {
  /** Names the Eleventy template. */
  name: string;
  views(model: SiteModel): View[];
  render(view: View, model: SiteModel): string;
  /**
   * Whether `render` reads nothing but its view and the model's `site`, `link` and `problems`: then a
   * rebuild keeps a page whose view did not change, rather than rendering it again.
   */
  rendersFromView?: boolean;
}

/** What of the model a page kind that `rendersFromView` may read. */
export const siteParts = ['site', 'link', 'problems'] as const satisfies ReadonlyArray<keyof SiteModel>;

export function definePages<View extends PageView>(pages: PageSet<View>): PageSet<View> {
  return pages;
}

/** Something several page kinds read, computed once per site model. */
export function perModel<Value>(compute: (model: SiteModel) => Value): (model: SiteModel) => Value {
  const computed = new WeakMap<SiteModel, Value>();
  return (model) => {
    if (!computed.has(model)) computed.set(model, compute(model));
    return computed.get(model) as Value;
  };
}
