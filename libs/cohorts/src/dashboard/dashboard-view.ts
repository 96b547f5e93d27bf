import { AtRiskFlag } from './at-risk-flag';
import type { DashboardQuery, DashboardRow, DashboardSort, DashboardSummary } from './dashboard.types';

/** Counts over every learner: how many are at risk, and for which reason. */
export function summarize(rows: readonly DashboardRow[]): DashboardSummary {
  const summary: DashboardSummary = {
    learners: rows.length,
    atRisk: 0,
    [AtRiskFlag.MissedDeadline]: 0,
    [AtRiskFlag.Inactive]: 0,
    [AtRiskFlag.NoGroup]: 0,
    [AtRiskFlag.ReviewsOwed]: 0,
  };
  for (const row of rows) {
    if (row.atRisk) summary.atRisk += 1;
    for (const flag of Object.values(AtRiskFlag)) if (row.flags[flag]) summary[flag] += 1;
  }
  return summary;
}

/** Lower case, accents dropped: "quispe" finds "Quíspe". */
const fold = (text: string): string => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });

/** The rows the query keeps, in the order it asks (default: by name). Ties go by name, then id, so pages are stable. */
export function selectRows(rows: readonly DashboardRow[], query: DashboardQuery): DashboardRow[] {
  const { flag, groupId } = query;
  const needle = query.q ? fold(query.q.trim()) : '';
  const kept = rows.filter(
    (row) =>
      (flag === undefined || (flag === 'atRisk' ? row.atRisk : row.flags[flag])) &&
      (groupId === undefined || row.group?.id === groupId) &&
      (needle === '' || fold(row.displayName).includes(needle)),
  );
  const byName = (a: DashboardRow, b: DashboardRow): number =>
    collator.compare(a.displayName, b.displayName) || (a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0);
  const sort = query.sort ?? 'name';
  const sign = (query.order ?? 'asc') === 'asc' ? 1 : -1;
  const key = sortKey(sort);
  return kept.sort((a, b) => (key ? sign * (key(a) - key(b)) : sign * byName(a, b)) || byName(a, b));
}

/**
 * A numeric key, or null for the name. Never active counts as the longest ago, and no value (a computed column's
 * null) as the lowest: first ascending, last descending.
 */
function sortKey(sort: DashboardSort): ((row: DashboardRow) => number) | null {
  if (sort === 'name') return null;
  if (sort === 'lastActive') return (row) => row.lastActiveAt?.getTime() ?? Number.NEGATIVE_INFINITY;
  return (row) => row.metrics[sort] ?? Number.NEGATIVE_INFINITY;
}
