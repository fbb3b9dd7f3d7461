export { actionItemState, actionItemsOf, type ActionItemState, type ActionItemTotals, type OverdueItem } from './action-items.js';
export { computeBreakdowns, quarterOf, type Breakdowns, type GroupStats, type OwnerActionItems, type RecurringFactor } from './breakdowns.js';
export { durationNames, postmortemDurations, type DurationName, type Durations, type DurationStats } from './durations.js';
export { formatDuration, formatMoney } from './format.js';
export type { RevenueByCurrency } from './money.js';
export { computeStats, countBySeverity, severityOrder, type ImpactTotals, type Stats, type Summary } from './stats.js';
