import { AtRiskFlag } from './at-risk-flag';
import type { Dashboard, DashboardRow, ProgressKey } from './dashboard.types';
import { toCsv, type CsvCell } from './csv';

const PROGRESS_HEADERS: Record<ProgressKey, string> = {
  modulesReleased: 'Modules released',
  modulesCompleted: 'Modules completed',
  modulesOverdue: 'Modules overdue',
};
const FLAG_HEADERS: Record<AtRiskFlag, string> = {
  [AtRiskFlag.MissedDeadline]: 'Missed a deadline',
  [AtRiskFlag.Inactive]: 'Inactive 7 days',
  [AtRiskFlag.NoGroup]: 'No group',
  [AtRiskFlag.ReviewsOwed]: 'Reviews owed',
};

const iso = (instant: Date | null): string | null => instant?.toISOString() ?? null;
const yesNo = (value: boolean): string => (value ? 'yes' : 'no');

/** Excel reads UTF-8 without a byte order mark in the local code page, garbling "Quíspe" or "नेपाल". */
const BOM = '\uFEFF';

/**
 * The dashboard's rows as CSV: the same columns as the JSON (contributed ones included), instants in UTC (ISO 8601),
 * flags as yes/no, no value as an empty field.
 */
export function dashboardCsv(dashboard: Dashboard): string {
  const progress = Object.keys(PROGRESS_HEADERS) as ProgressKey[];
  const flags = Object.values(AtRiskFlag);
  const header = [
    'User id',
    'Name',
    'Email',
    'Time zone',
    'Group',
    ...progress.map((key) => PROGRESS_HEADERS[key]),
    ...dashboard.columns.map((column) => column.header),
    'Last active (UTC)',
    'Enrolled (UTC)',
    'Completed (UTC)',
    ...flags.map((flag) => FLAG_HEADERS[flag]),
    'At risk',
  ];
  const record = (row: DashboardRow): CsvCell[] => [
    row.userId,
    row.displayName,
    row.email,
    row.timeZone,
    row.group?.number ?? null,
    ...progress.map((key) => row.metrics[key]),
    ...dashboard.columns.map((column) => row.metrics[column.key] ?? null),
    iso(row.lastActiveAt),
    iso(row.enrolledAt),
    iso(row.completedAt),
    ...flags.map((flag) => yesNo(row.flags[flag])),
    yesNo(row.atRisk),
  ];
  return BOM + toCsv(header, dashboard.rows.map(record));
}

/** "biogas-spring-cohort-dashboard-2026-03-10.csv": ASCII only, so every browser keeps it as it is. */
export function dashboardFileName(dashboard: Dashboard): string {
  const slug = dashboard.cohort.title
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return `${slug || 'cohort'}-dashboard-${dashboard.generatedAt.toISOString().slice(0, 10)}.csv`;
}
