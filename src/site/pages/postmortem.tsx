import { bodyAfter, bodyBefore } from '../../render/markdown.js';
import { AsOfNote, Badge, DueAndStatus, Figures, Markup } from '../components.js';
import { page } from '../layout.js';
import type { PostmortemView } from '../model.js';
import { definePages } from '../page.js';

/** `/postmortems/ID/`: one postmortem, and the page the search index reads. */
export default definePages<PostmortemView>({
  name: 'postmortem',
  views: (model) => model.postmortems,
  render(pm, model) {
    return page({
      model,
      title: pm.title,
      scripts: ['overdue.js'],
      children: (
        <article class="postmortem" data-pagefind-body="">
          <SearchRecord pm={pm} />
          <header class="postmortem-header">
            <p class="eyebrow" data-pagefind-ignore="">
              <Badge severity={pm.severity} /> <span>{pm.severity.name}</span> · <time datetime={pm.date}>{pm.date}</time> ·{' '}
              <span class={`status status-${pm.status}`}>{pm.statusLabel}</span>
            </p>
            <h1 data-pagefind-meta="title">{pm.title}</h1>
          </header>

          <section class="summary-card" aria-label="At a glance" data-pagefind-ignore="">
            <dl class="facts">
              <div>
                <dt>Services</dt>
                <dd>
                  {pm.services.map((service) => (
                    <>
                      <a class="chip" href={service.href}>
                        {service.label}
                      </a>{' '}
                    </>
                  ))}
                </dd>
              </div>
              <Fact label="Authors" values={pm.authors} />
              <Fact label="Reviewers" values={pm.reviewers} />
              <Fact label="Teams" values={pm.teams} />
              {pm.detection && <Fact label="Detected by" values={[pm.detection]} />}
            </dl>
            <Figures class="numbers" rows={[...pm.durations, ...pm.impact]} />
            {(pm.links.length > 0 || pm.chat) && (
              <ul class="links">
                {pm.links.map((link) => (
                  <li>
                    <a href={link.href} rel="noopener noreferrer">
                      {link.label}
                    </a>
                  </li>
                ))}
                {pm.chat && (
                  <li>
                    Chat: <code>{pm.chat}</code>
                  </li>
                )}
              </ul>
            )}
          </section>

          {pm.timeline && (
            <figure class="timeline-figure" data-pagefind-ignore="">
              <Markup html={pm.timeline.svg} />
              <figcaption>
                <ul class="timeline-legend">
                  {pm.timeline.legend.map((phase) => (
                    <li>
                      <span class={`swatch ${phase.className}`} aria-hidden="true"></span>
                      {phase.label}: {phase.value}
                    </li>
                  ))}
                </ul>
                <ol class="milestones">
                  {pm.milestones.map((milestone) => (
                    <li>
                      <strong>{milestone.label}</strong> <time datetime={milestone.iso}>{milestone.display}</time>
                    </li>
                  ))}
                </ol>
              </figcaption>
            </figure>
          )}

          <div class="prose">
            <Markup html={bodyBefore(pm.body)} />
            {pm.actionItems.length > 0 && (
              <>
                <ActionItems pm={pm} />
                <AsOfNote asOf={model.site.asOf} />
              </>
            )}
            <Markup html={bodyAfter(pm.body)} />
          </div>

          {pm.related.length > 0 && (
            <section class="related" aria-labelledby="related-heading" data-pagefind-ignore="">
              <h2 id="related-heading">Related incidents</h2>
              <ul>
                {pm.related.map((other) => (
                  <li>
                    <Badge severity={other.severity} /> <a href={other.url}>{other.title}</a> <time datetime={other.date}>{other.date}</time>
                  </li>
                ))}
              </ul>
            </section>
          )}

          {(pm.sourceUrl || pm.factors.length > 0 || pm.tags.length > 0) && (
            <footer class="postmortem-footer" data-pagefind-ignore="">
              {pm.factors.length > 0 && <Chips label="Contributing factors" values={pm.factors} />}
              {pm.tags.length > 0 && <Chips label="Tags" values={pm.tags} />}
              {pm.sourceUrl && (
                <p>
                  <a href={pm.sourceUrl} rel="noopener noreferrer">
                    View the source file
                  </a>
                </p>
              )}
            </footer>
          )}
        </article>
      ),
    });
  },
});

/**
 * What the search index keeps of the page besides its text: the filters, the sort key, and the
 * fields a search result shows (the results are drawn from these, as text).
 */
function SearchRecord({ pm }: { pm: PostmortemView }) {
  const meta: Record<string, string> = {
    id: pm.id,
    link: pm.url,
    date: pm.date,
    severity: pm.severity.id,
    severityName: pm.severity.name,
    severityClass: pm.severity.className,
    // Kebab-case names, so a space parts them.
    services: pm.services.map((service) => service.label).join(' '),
    resolvedIn: pm.timeToResolve,
    status: pm.status,
    statusLabel: pm.statusLabel,
    headline: pm.headline,
  };
  return (
    <div hidden data-pagefind-ignore="">
      {Object.entries(meta).map(([key, value]) => (
        <span data-pagefind-meta={key}>{value}</span>
      ))}
      <span data-pagefind-sort="date">{pm.date}</span>
      <span data-pagefind-filter="severity">{pm.severity.id}</span>
      {pm.services.map((service) => (
        <span data-pagefind-filter="service">{service.label}</span>
      ))}
      <span data-pagefind-filter="year">{pm.year}</span>
      <span data-pagefind-filter="status">{pm.status}</span>
      {pm.tags.map((tag) => (
        <span data-pagefind-filter="tag">{tag}</span>
      ))}
    </div>
  );
}

function Fact({ label, values }: { label: string; values: readonly string[] }) {
  if (values.length === 0) return null;
  return (
    <div>
      <dt>{label}</dt>
      <dd>{values.join(', ')}</dd>
    </div>
  );
}

function Chips({ label, values }: { label: string; values: readonly string[] }) {
  return (
    <p>
      {label}:{' '}
      {values.map((value) => (
        <>
          <span class="chip">{value}</span>{' '}
        </>
      ))}
    </p>
  );
}

function ActionItems({ pm }: { pm: PostmortemView }) {
  return (
    <div class="table-scroll" role="region" aria-label="Action items" tabindex={0}>
      <table class="action-items">
        <thead>
          <tr>
            {['Action', 'Owner', 'Due', 'Status', 'Type', 'Ticket'].map((header) => (
              <th scope="col">{header}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {pm.actionItems.map((item) => (
            <tr data-due={item.open ? item.due : undefined} class={item.overdue ? 'is-overdue' : undefined}>
              <td>{item.action}</td>
              <td>{item.owner}</td>
              <DueAndStatus item={item} />
              <td>{item.type ?? ''}</td>
              <td>
                {item.ticket?.href ? (
                  <a href={item.ticket.href} rel="noopener noreferrer">
                    {item.ticket.text}
                  </a>
                ) : (
                  item.ticket?.text
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
