import { formatRevenue, formatCount } from '../../report/stats/report.js';
import { formatDuration } from '../../rollup/index.js';
import { compareText } from '../../rollup/order.js';
import { CardList, cardView, Figures, PagerNav, type CardView } from '../components.js';
import { page } from '../layout.js';
import { servicePath, type Labelled, type PostmortemView, type SiteModel } from '../model.js';
import { definePages, perModel } from '../page.js';
import { paginate, type ListPage } from '../paginate.js';

const servicesPerPage = 100;
const postmortemsPerPage = 50;

interface Service {
  name: string;
  url: string;
  path: string;
  postmortems: PostmortemView[];
  totals: Labelled[];
}

interface ServiceView extends ListPage<CardView> {
  service: Pick<Service, 'name' | 'totals'>;
}

/** Every service named by a postmortem, by name, with its rollups and its postmortems newest first. */
const servicesOf = perModel((model: SiteModel): Service[] => {
  const byName = new Map<string, PostmortemView[]>();
  for (const view of model.postmortems) {
    for (const { label } of view.services) {
      const postmortems = byName.get(label);
      if (postmortems) postmortems.push(view);
      else byName.set(label, [view]);
    }
  }
  return model.breakdowns.byService
    .map((group) => ({
      name: group.key,
      path: servicePath(group.key),
      url: model.link(servicePath(group.key)),
      postmortems: byName.get(group.key) ?? [],
      totals: [
        { label: 'Postmortems', value: formatCount(group.postmortems) },
        { label: 'Users affected', value: formatCount(group.impact.usersAffected) },
        { label: 'Revenue loss', value: formatRevenue(group.revenueLoss) },
        { label: 'Median time to resolve', value: formatDuration(group.durations.timeToResolve.medianMinutes) },
      ],
    }))
    .sort((a, b) => compareText(a.name, b.name));
});

/** `/services/`: every service with its rollups, a page of them at a time. */
export const servicesPages = definePages<ListPage<Service>>({
  name: 'services',
  views: (model) => paginate(servicesOf(model), servicesPerPage, '/services/', model.link),
  render(view, model) {
    const headers = view.items[0]?.totals.map((total) => total.label) ?? [];
    return page({
      model,
      title: view.pager.number === 1 ? 'Services' : `Services, page ${view.pager.number}`,
      nav: 'services',
      children: (
        <>
          <h1>Services</h1>
          <div class="table-scroll" role="region" aria-labelledby="services-caption" tabindex={0}>
            <table>
              <caption id="services-caption" class="visually-hidden">
                Services and their incidents
              </caption>
              <thead>
                <tr>
                  <th scope="col">Service</th>
                  {headers.map((header) => (
                    <th scope="col">{header}</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {view.items.map((service) => (
                  <tr>
                    <th scope="row">
                      <a href={service.url}>{service.name}</a>
                    </th>
                    {service.totals.map((total) => (
                      <td>{total.value}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <PagerNav pager={view.pager} label="Pages of services" />
        </>
      ),
    });
  },
});

/** `/services/NAME/`: one service's rollups and its postmortems, newest first, a page at a time. */
export const servicePages = definePages<ServiceView>({
  name: 'service',
  views: (model) =>
    servicesOf(model).flatMap(({ name, totals, postmortems, path }) => paginate(postmortems.map(cardView), postmortemsPerPage, path, model.link).map((list) => ({ ...list, service: { name, totals } }))),
  rendersFromView: true,
  render(view, model) {
    const { service, pager } = view;
    return page({
      model,
      title: pager.number === 1 ? service.name : `${service.name}, page ${pager.number}`,
      nav: 'services',
      children: (
        <>
          <p class="eyebrow">
            <a href={model.link('/services/')}>Services</a>
          </p>
          <h1>{service.name}</h1>
          <Figures rows={service.totals} />
          <h2>Postmortems</h2>
          <CardList postmortems={view.items} />
          <PagerNav pager={pager} label={`Pages of ${service.name} postmortems`} />
        </>
      ),
    });
  },
});
