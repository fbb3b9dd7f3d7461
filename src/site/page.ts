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
}

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
