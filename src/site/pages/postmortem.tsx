import { bodyAroundActionItems } from '../../render/body.js';
import { AsOfNote, Badge, DueAndStatus, Figures, Markup } from '../components.js';
import { page } from '../layout.js';
import type { PostmortemView } from '../model.js';
import { definePages } from '../page.js';

/** `/postmortems/ID/`: one postmortem. */
export default definePages<PostmortemView>({
  name: 'postmortem',
  views: (model) => model.postmortems,
  rendersFromView: true,
  render(pm, model) {
    const body = bodyAroundActionItems(pm.body);
    return page({
      model,
      title: pm.title,
      scripts: ['overdue.js'],
      children: (
        <article class="postmortem">
          <header class="postmortem-header">
            <p class="eyebrow">
              <Badge severity={pm.severity} /> <span>{pm.severity.name}</span> · <time datetime={pm.date}>{pm.date}</time> ·{' '}
              <span class={`status status-${pm.status}`}>{pm.statusLabel}</span>
            </p>
            <h1>{pm.title}</h1>
          </header>

          <section class="summary-card" aria-label="At a glance">
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
            <figure class="timeline-figure">
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
            <Markup html={body.before} />
            {pm.actionItems.length > 0 && (
              <>
                <ActionItems pm={pm} />
                <AsOfNote asOf={model.site.asOf} />
              </>
            )}
            <Markup html={body.after} />
          </div>

          {pm.related.length > 0 && (
            <section class="related" aria-labelledby="related-heading">
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
            <footer class="postmortem-footer">
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
