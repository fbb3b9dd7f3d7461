import type { ActionItem, ValidPostmortem } from '../parse/model.js';
import { daysBetween, isValidDay } from '../time.js';
import { compareText } from './order.js';

export interface ActionItemState {
  /** `open` or `in-progress`. */
  open: boolean;
  /** Open, and due before the as-of day (due on the as-of day is not overdue yet). */
  overdue: boolean;
  /** Whole days from `due` to the as-of day when overdue, else 0. */
  daysOverdue: number;
}

export interface OverdueItem {
  /** The postmortem id. */
  postmortem: string;
  action: string;
  owner: string;
  due: string;
  daysOverdue: number;
}

export interface ActionItemTotals {
  total: number;
  /** `open` and `in-progress`. */
  open: number;
  done: number;
  wontDo: number;
  overdue: number;
}

/** Whether an action item is open and how overdue it is on `asOf` (`YYYY-MM-DD`). */
export function actionItemState(item: ActionItem, asOf: string): ActionItemState {
  assertAsOf(asOf);
  const open = item.status === 'open' || item.status === 'in-progress';
  const days = open && isValidDay(item.due) ? daysBetween(item.due, asOf) : 0;
  return { open, overdue: days > 0, daysOverdue: Math.max(days, 0) };
}

/** The rows of a postmortem's Action Items table; none without a table. */
export function actionItemsOf(postmortem: ValidPostmortem): readonly ActionItem[] {
  return postmortem.actionItems?.items ?? [];
}

/**
 * Counts by status. An item whose status is unknown (a lint error, so not in a valid postmortem)
 * counts in `total` only.
 */
export function actionItemTotals(postmortems: readonly ValidPostmortem[], asOf: string): ActionItemTotals {
  const totals: ActionItemTotals = { total: 0, open: 0, done: 0, wontDo: 0, overdue: 0 };
  for (const postmortem of postmortems) {
    for (const item of actionItemsOf(postmortem)) {
      const state = actionItemState(item, asOf);
      totals.total += 1;
      if (state.open) totals.open += 1;
      if (item.status === 'done') totals.done += 1;
      if (item.status === 'wont-do') totals.wontDo += 1;
      if (state.overdue) totals.overdue += 1;
    }
  }
  return totals;
}

/**
 * Every overdue item, most days overdue first, then by postmortem id, then in table order; the
 * order depends on nothing but the data.
 */
export function overdueItems(postmortems: readonly ValidPostmortem[], asOf: string): OverdueItem[] {
  const overdue: OverdueItem[] = [];
  for (const postmortem of postmortems) {
    for (const item of actionItemsOf(postmortem)) {
      const { overdue: isOverdue, daysOverdue } = actionItemState(item, asOf);
      if (isOverdue) overdue.push({ postmortem: postmortem.id, action: item.action, owner: item.owner, due: item.due, daysOverdue });
    }
  }
  return overdue.sort((a, b) => b.daysOverdue - a.daysOverdue || compareText(a.postmortem, b.postmortem));
}

/** The as-of day is an argument, never the clock; a malformed one is a programming error. */
export function assertAsOf(asOf: string): void {
  if (!isValidDay(asOf)) throw new RangeError(`Invalid as-of day \`${asOf}\`, expected YYYY-MM-DD`);
}
