import type { ComponentChildren } from 'preact';
import type { ActionItemView, Labelled, PostmortemView, SeverityView } from './model.js';
import type { Pager } from './paginate.js';
import type { Chart, DataTable as DataTableView } from './svg.js';

/*
 * The pieces pages share. Every text is escaped by the renderer; only HTML the site made itself
 * (sanitized bodies, drawn SVG) goes in through `Markup`.
 */

/** HTML the site rendered itself, in a wrapper element. */
export function Markup({ html, class: className }: { html: string; class?: string }) {
  return <div class={className} dangerouslySetInnerHTML={{ __html: html }} />;
}

export function Badge({ severity }: { severity: Pick<SeverityView, 'id' | 'name' | 'className'> }) {
  return (
    <span class={`badge ${severity.className}`} title={severity.name}>
      {severity.id}
    </span>
  );
}

/** What a card shows of a postmortem: a list page's views hold only this, so their hashes stay small. */
export type CardView = Pick<PostmortemView, 'id' | 'url' | 'title' | 'severity' | 'date' | 'services' | 'timeToResolve' | 'status' | 'statusLabel' | 'headline'>;

export function cardView({ id, url, title, severity, date, services, timeToResolve, status, statusLabel, headline }: PostmortemView): CardView {
  return { id, url, title, severity, date, services, timeToResolve, status, statusLabel, headline };
}

/** One postmortem in a list. */
export function Card({ pm }: { pm: CardView }) {
  return (
    <article class="card">
      <h2 class="card-title">
        <a href={pm.url}>{pm.title}</a>
      </h2>
      <p class="card-meta">
        <Badge severity={pm.severity} /> <time datetime={pm.date}>{pm.date}</time>{' '}
        <span class="services">
          {pm.services.map((service) => (
            <>
              <span class="chip">{service.label}</span>{' '}
            </>
          ))}
        </span>{' '}
        <span>Resolved in {pm.timeToResolve}</span>
        {pm.status !== 'published' && (
          <>
            {' '}
            <span class={`status status-${pm.status}`}>{pm.statusLabel}</span>
          </>
        )}
      </p>
      <p class="card-impact">{pm.headline}</p>
    </article>
  );
}

export function CardList({ postmortems, id }: { postmortems: readonly CardView[]; id?: string }) {
  return (
    <ol class="postmortem-list" id={id}>
      {postmortems.map((pm) => (
        <li data-id={pm.id}>
          <Card pm={pm} />
        </li>
      ))}
    </ol>
  );
}

/** Filled in by the build; the page's script judges it again against the reader's today. */
export function OverdueMark({ item }: { item: Pick<ActionItemView, 'overdue' | 'daysOverdue'> }) {
  return (
    <span class="overdue-mark" data-overdue-mark="">
      {item.overdue ? `Overdue by ${item.daysOverdue} day${item.daysOverdue === 1 ? '' : 's'}` : ''}
    </span>
  );
}

/** An action item's due date with its overdue mark, and its status: the cells every list of items has. */
export function DueAndStatus({ item }: { item: Pick<ActionItemView, 'due' | 'status' | 'overdue' | 'daysOverdue'> }) {
  return (
    <>
      <td>
        <time datetime={item.due}>{item.due}</time> <OverdueMark item={item} />
      </td>
      <td>
        <span class={`status status-${item.status}`}>{item.status}</span>
      </td>
    </>
  );
}

/** Figures with their labels. */
export function Figures({ rows, class: className = 'totals' }: { rows: readonly Labelled[]; class?: string }) {
  return (
    <dl class={className}>
      {rows.map((row) => (
        <div>
          <dt>{row.label}</dt>
          <dd>{row.value}</dd>
        </div>
      ))}
    </dl>
  );
}

export function AsOfNote({ asOf }: { asOf: string }) {
  return (
    <p class="note as-of-note" data-as-of-note="" data-as-of={asOf}>
      Overdue as of {asOf}, when this site was built.
    </p>
  );
}

/** A table that scrolls sideways on a narrow screen, named by its caption. */
export function DataTable({ id, caption, table }: { id: string; caption: string; table: DataTableView }) {
  return (
    <div class="table-scroll" role="region" aria-labelledby={`${id}-caption`} tabindex={0}>
      <table>
        <caption id={`${id}-caption`}>{caption}</caption>
        <thead>
          <tr>
            {table.columns.map((column) => (
              <th scope="col">{column}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rows.map((row) => (
            <tr>
              <th scope="row">{row.header}</th>
              {row.cells.map((cell) => (
                <td>{cell}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function ChartFigure({ chart }: { chart: Chart }) {
  return (
    <figure class="chart-figure" id={chart.id}>
      <figcaption>
        <h2>{chart.title}</h2>
      </figcaption>
      {chart.table.rows.length > 0 ? (
        <>
          <Markup class="chart-scroll" html={chart.svg} />
          <details class="chart-data">
            <summary>
              Data table<span class="visually-hidden">: {chart.title}</span>
            </summary>
            <DataTable id={`${chart.id}-table`} caption={chart.title} table={chart.table} />
          </details>
        </>
      ) : (
        <p class="note">{chart.description}</p>
      )}
    </figure>
  );
}

/** Links between the pages of a list: first, previous, a few nearby, next, last. */
export function PagerNav({ pager, label }: { pager: Pager; label: string }) {
  if (pager.count === 1) return null;
  const step = (href: string | undefined, text: string, rel?: string): ComponentChildren =>
    href ? (
      <a href={href} rel={rel}>
        {text}
      </a>
    ) : (
      <span aria-hidden="true">{text}</span>
    );
  return (
    <nav class="pager" aria-label={label}>
      <p>
        Page {pager.number} of {pager.count}
      </p>
      <ul>
        <li>{step(pager.first, 'First')}</li>
        <li>{step(pager.previous, 'Previous', 'prev')}</li>
        {pager.nearby.map((page) => (
          <li>
            {page.current ? (
              <a href={page.url} aria-current="page">
                {page.number}
              </a>
            ) : (
              <a href={page.url}>{page.number}</a>
            )}
          </li>
        ))}
        <li>{step(pager.next, 'Next', 'next')}</li>
        <li>{step(pager.last, 'Last')}</li>
      </ul>
    </nav>
  );
}
