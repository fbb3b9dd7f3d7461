/**
 * Charts as inline SVG, drawn at build time: no chart library runs in the browser. Every piece of
 * text goes through `escapeXml`, so a chart is safe to print unescaped into a page. Colours come
 * from CSS classes, so charts follow the light and dark themes.
 */

const entities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text safe in XML and HTML content and in quoted attributes. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => entities[character] ?? character);
}

/** A chart's numbers as a table: the fallback for screen readers and for anyone who wants the data. */
export interface DataTable {
  /** The first column's header, then one per value column. */
  columns: string[];
  rows: Array<{ header: string; cells: string[] }>;
}

export interface Chart {
  /** Unique on its page; ids inside the SVG start with it. */
  id: string;
  title: string;
  /** One sentence for assistive technology, read with the title. */
  description: string;
  svg: string;
  table: DataTable;
}

export interface Series {
  name: string;
  /** A CSS class that colours the series. */
  className: string;
  values: number[];
}

/** About the width charts are shown at on a wide screen, so their text shows at its own size. */
const width = 540;
const plotTop = 12;
const plotLeft = 52;
const plotRight = width - 8;

/** What a value axis counts: the steps between its ticks follow. */
export type AxisKind = 'count' | 'minutes' | 'amount';

/** Minutes: 5m, 10m, 15m, 30m, 1h, 2h, 3h, 6h, 12h, 1d, 2d, 7d. */
const minuteSteps = [1, 2, 5, 10, 15, 30, 60, 120, 180, 360, 720, 1440, 2880, 10_080];

/** The axis ticks from 0, at most about `count` steps, reaching at least `max`. */
export function axisTicks(max: number, kind: AxisKind, count = 4): number[] {
  const rough = Math.max(max, 0) / count;
  const step = niceStep(rough, kind);
  const ticks = [0];
  while ((ticks.at(-1) ?? 0) < max) ticks.push((ticks.at(-1) ?? 0) + step);
  return ticks.length > 1 ? ticks : [0, step];
}

function niceStep(rough: number, kind: AxisKind): number {
  if (kind === 'minutes') {
    const step = minuteSteps.find((candidate) => candidate >= rough);
    if (step !== undefined) return step;
  }
  if (!(rough > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(rough));
  const factors = kind === 'amount' ? [1, 2, 2.5, 5, 10] : [1, 2, 5, 10];
  const step = (factors.find((factor) => factor * power >= rough) ?? 10) * power;
  return kind === 'count' ? Math.max(step, 1) : step;
}

function open(id: string, title: string, description: string, height: number, viewWidth = width, className = 'chart'): string {
  return (
    `<svg class="${className}" viewBox="0 0 ${viewWidth} ${height}" role="img" aria-labelledby="${id}-title ${id}-desc" xmlns="http://www.w3.org/2000/svg">` +
    `<title id="${id}-title">${escapeXml(title)}</title><desc id="${id}-desc">${escapeXml(description)}</desc>`
  );
}

function round(value: number): string {
  return String(Math.round(value * 10) / 10);
}

/** A category's label: its own name, and the group it starts (a year), shown below when it changes. */
export interface CategoryLabel {
  name: string;
  group?: string;
}

/**
 * Columns along a category axis (quarters). `stacked` piles the series on each other (incidents by
 * severity); otherwise they stand side by side (median and p90).
 */
export function columnChart(options: {
  id: string;
  title: string;
  description: string;
  categories: string[];
  series: Series[];
  stacked: boolean;
  kind: AxisKind;
  /** For the axis ticks; bars' own titles use `format`. */
  tick: (value: number) => string;
  format: (value: number) => string;
  label: (category: string) => CategoryLabel;
}): string {
  const { id, title, description, categories, series, stacked, kind, tick, format, label } = options;
  const legendHeight = series.length > 1 ? 22 : 0;
  const height = 220 + legendHeight;
  const plotBottom = height - 40 - legendHeight;
  const totals = categories.map((_, index) =>
    stacked ? series.reduce((sum, one) => sum + (one.values[index] ?? 0), 0) : Math.max(0, ...series.map((one) => one.values[index] ?? 0)),
  );
  const ticks = axisTicks(Math.max(0, ...totals), kind);
  const top = ticks.at(-1) ?? 1;
  const y = (value: number): number => plotBottom - (value / top) * (plotBottom - plotTop);
  const slot = (plotRight - plotLeft) / Math.max(categories.length, 1);
  const barWidth = stacked ? Math.min(slot * 0.7, 36) : Math.min((slot * 0.8) / Math.max(series.length, 1), 18);
  const parts = [open(id, title, description, height), '<g class="chart-grid" aria-hidden="true">'];
  for (const value of ticks) {
    parts.push(
      `<line x1="${plotLeft}" x2="${plotRight}" y1="${round(y(value))}" y2="${round(y(value))}"/>`,
      `<text class="chart-tick" x="${plotLeft - 6}" y="${round(y(value) + 4)}" text-anchor="end">${escapeXml(tick(value))}</text>`,
    );
  }
  parts.push('</g><g class="chart-bars">');
  categories.forEach((category, index) => {
    const center = plotLeft + slot * (index + 0.5);
    let base = 0;
    series.forEach((one, seriesIndex) => {
      const value = one.values[index] ?? 0;
      if (value <= 0) return;
      const x = stacked ? center - barWidth / 2 : center - (barWidth * series.length) / 2 + barWidth * seriesIndex;
      const from = stacked ? base : 0;
      const to = from + value;
      if (stacked) base = to;
      parts.push(
        `<rect class="${one.className}" x="${round(x)}" y="${round(y(to))}" width="${round(barWidth)}" height="${round(Math.max(y(from) - y(to), 0.5))}">` +
          `<title>${escapeXml(`${category}, ${one.name}: ${format(value)}`)}</title></rect>`,
      );
    });
  });
  parts.push('</g><g class="chart-labels" aria-hidden="true">');
  // Room for a label every 30 units or so; between them, categories go unlabelled.
  const every = Math.ceil(categories.length / Math.floor((plotRight - plotLeft) / 30));
  let lastGroup: string | undefined;
  categories.forEach((category, index) => {
    if (index % every !== 0) return;
    const { name, group } = label(category);
    const x = round(plotLeft + slot * (index + 0.5));
    parts.push(`<text x="${x}" y="${plotBottom + 16}" text-anchor="middle">${escapeXml(name)}</text>`);
    if (group !== undefined && group !== lastGroup) parts.push(`<text class="chart-group" x="${x}" y="${plotBottom + 31}" text-anchor="middle">${escapeXml(group)}</text>`);
    lastGroup = group;
  });
  parts.push(`</g>${legend(series, height - 8)}</svg>`);
  return parts.join('');
}

function legend(series: Series[], y: number): string {
  if (series.length < 2) return '';
  const parts = ['<g class="chart-legend" aria-hidden="true">'];
  let x = plotLeft;
  for (const one of series) {
    parts.push(`<rect class="${one.className}" x="${x}" y="${y - 10}" width="12" height="12"/><text x="${x + 18}" y="${y}">${escapeXml(one.name)}</text>`);
    x += 28 + one.name.length * 7;
  }
  parts.push('</g>');
  return parts.join('');
}

export interface Bar {
  label: string;
  value: number;
  /** The value as shown beside the bar. */
  display: string;
}

/** Horizontal bars, largest first as given: top services, recurring contributing factors. */
export function barChart(options: { id: string; title: string; description: string; bars: Bar[]; className: string }): string {
  const { id, title, description, bars, className } = options;
  const rowHeight = 28;
  const labelWidth = 170;
  const height = Math.max(bars.length, 1) * rowHeight + 8;
  const max = Math.max(0, ...bars.map((bar) => bar.value)) || 1;
  const barSpace = width - labelWidth - 80;
  const parts = [open(id, title, description, height)];
  bars.forEach((bar, index) => {
    const y = index * rowHeight + 4;
    const length = Math.max((bar.value / max) * barSpace, bar.value > 0 ? 2 : 0);
    parts.push(
      `<text class="chart-label" x="${labelWidth - 8}" y="${y + 17}" text-anchor="end">${escapeXml(truncate(bar.label, 24))}</text>`,
      `<rect class="${className}" x="${labelWidth}" y="${y + 4}" width="${round(length)}" height="${rowHeight - 10}"><title>${escapeXml(`${bar.label}: ${bar.display}`)}</title></rect>`,
      `<text class="chart-value" x="${round(labelWidth + length + 6)}" y="${y + 17}">${escapeXml(bar.display)}</text>`,
    );
  });
  parts.push('</svg>');
  return parts.join('');
}

function truncate(text: string, length: number): string {
  return text.length > length ? `${text.slice(0, length - 1)}…` : text;
}

export interface Phase {
  label: string;
  className: string;
  /** Milliseconds since the epoch. */
  from: number;
  to: number;
}

export interface Milestone {
  label: string;
  at: number;
}

/**
 * One incident from start to resolution: a bar of phases (undetected, impact, recovery) with a tick
 * for each milestone and each timeline entry in between. The labels stand in the HTML legend beside it.
 */
export function timelineBar(options: { id: string; title: string; description: string; phases: Phase[]; milestones: Milestone[]; entries: number[] }): string {
  const { id, title, description, phases, milestones, entries } = options;
  const barWidth = 1000;
  const height = 44;
  const left = 4;
  const right = barWidth - 4;
  const start = Math.min(...phases.map((phase) => phase.from), ...milestones.map((milestone) => milestone.at));
  const end = Math.max(...phases.map((phase) => phase.to), ...milestones.map((milestone) => milestone.at));
  const span = end - start || 1;
  const x = (time: number): number => left + ((time - start) / span) * (right - left);
  const parts = [open(id, title, description, height, barWidth, 'timeline'), '<g class="timeline-phases">'];
  for (const phase of phases) {
    parts.push(
      `<rect class="${phase.className}" x="${round(x(phase.from))}" y="12" width="${round(Math.max(x(phase.to) - x(phase.from), 2))}" height="20"><title>${escapeXml(phase.label)}</title></rect>`,
    );
  }
  parts.push('</g><g class="timeline-entries" aria-hidden="true">');
  for (const entry of entries) {
    if (entry >= start && entry <= end) parts.push(`<line x1="${round(x(entry))}" x2="${round(x(entry))}" y1="34" y2="40"/>`);
  }
  parts.push('</g><g class="timeline-milestones">');
  for (const milestone of milestones) {
    parts.push(`<line x1="${round(x(milestone.at))}" x2="${round(x(milestone.at))}" y1="6" y2="38"><title>${escapeXml(milestone.label)}</title></line>`);
  }
  parts.push('</g></svg>');
  return parts.join('');
}
