import csv from './csv.js';
import markdown from './markdown.js';
import type { StatsFormatter } from './report.js';
import table from './table.js';

export type { StatsFormatter, StatsReport } from './report.js';

export const statsFormatNames = ['table', 'json', 'markdown', 'csv'] as const;
export type StatsFormatName = (typeof statsFormatNames)[number];

/** The contract's object, plus the ids left out for lint errors. */
const json: StatsFormatter = ({ stats, skipped }) => `${JSON.stringify({ ...stats, skipped }, null, 2)}\n`;

export const statsFormatters: Record<StatsFormatName, StatsFormatter> = { table, json, markdown, csv };
