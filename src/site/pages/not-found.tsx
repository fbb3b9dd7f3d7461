import { page } from '../layout.js';
import { definePages } from '../page.js';

/** `/404.html`, which static hosts serve for a missing page. */
export default definePages<{ path: string }>({
  name: 'not-found',
  views: () => [{ path: '/404.html' }],
  render(_view, model) {
    return page({
      model,
      title: 'Not found',
      children: (
        <>
          <h1>Not found</h1>
          <p>
            There is no page here. <a href={model.site.base}>See all postmortems</a>.
          </p>
        </>
      ),
    });
  },
});
