import { Badge } from '../components.js';
import { page } from '../layout.js';
import { definePages } from '../page.js';

/** `/severities/`: the configured levels, worst first, with their definitions. */
export default definePages<{ path: string }>({
  name: 'severities',
  views: () => [{ path: '/severities/' }],
  render(_view, model) {
    return page({
      model,
      title: 'Severity levels',
      nav: 'severities',
      children: (
        <>
          <h1>Severity levels</h1>
          <p class="lede">How bad an incident was, worst first. The levels and their definitions come from the repository's configuration.</p>
          <dl class="severities">
            {model.severities.map((severity) => (
              <div id={severity.id}>
                <dt>
                  <Badge severity={severity} /> {severity.name}
                </dt>
                <dd>
                  {severity.definition ?? 'No definition given.'}{' '}
                  <span class="count">
                    {severity.postmortems} postmortem{severity.postmortems === 1 ? '' : 's'}
                  </span>
                </dd>
              </div>
            ))}
          </dl>
        </>
      ),
    });
  },
});
