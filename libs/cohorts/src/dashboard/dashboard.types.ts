import type { DeadlineMode } from '../cohorts/cohort.entity';
import type { AtRiskFlag } from './at-risk-flag';
import { DASHBOARD_COLUMNS, type ColumnKey } from './dashboard-columns';

/** Metrics the calendar gives (computed in TypeScript), then those the columns count (SQL). */
export const PROGRESS_KEYS = ['modulesReleased', 'modulesCompleted', 'modulesOverdue'] as const;
export type ProgressKey = (typeof PROGRESS_KEYS)[number];
export type MetricKey = ProgressKey | ColumnKey;
/** The cohorts library's metrics, always counted; contributed columns' metrics by their keys (null: no value). */
export type DashboardMetrics = Record<MetricKey, number> & Record<string, number | null>;

/** What the database says about one active learner (one row of the dashboard's learner query). */
export interface LearnerFacts {
  userId: string;
  displayName: string;
  email: string | null;
  timeZone: string;
  /** When they became an active learner (status_changed_at). */
  enrolledAt: Date;
  lastActiveAt: Date | null;
  completedAt: Date | null;
  group: { id: string; number: number } | null;
  completedModuleIds: readonly string[];
  /** Extra days per module id. */
  extensions: Readonly<Record<string, number>>;
  /** The columns' values by key: SQL columns count (0 when none); computed ones may have none (null). */
  counts: Record<string, number | null>;
}

export interface DashboardModule {
  moduleId: string;
  position: number;
  title: string;
  releaseOffsetDays: number;
  dueOffsetDays: number;
}

/** The cohort as the dashboard needs it: its calendar rules and modules, in course order. */
export interface DashboardCohort {
  id: string;
  title: string;
  startDate: string;
  timeZone: string;
  deadlineMode: DeadlineMode;
  modules: DashboardModule[];
}

export interface DashboardRow {
  userId: string;
  displayName: string;
  email: string | null;
  timeZone: string;
  group: { id: string; number: number } | null;
  enrolledAt: Date;
  lastActiveAt: Date | null;
  completedAt: Date | null;
  metrics: DashboardMetrics;
  flags: Record<AtRiskFlag, boolean>;
  /** Any flag raised. */
  atRisk: boolean;
}

export type DashboardSummary = { learners: number; atRisk: number } & Record<AtRiskFlag, number>;

/** 'name', 'lastActive', or a metric's key (a contributed column's too: the API lists the keys it accepts). */
export type DashboardSort = 'name' | 'lastActive' | MetricKey | (string & {});
export const DASHBOARD_SORTS: readonly DashboardSort[] = [
  'name',
  'lastActive',
  ...PROGRESS_KEYS,
  ...DASHBOARD_COLUMNS.map((c) => c.key),
];
export type SortOrder = 'asc' | 'desc';

/** `?flag=`: one flag, or any of them. */
export type FlagFilter = AtRiskFlag | 'atRisk';

export interface DashboardQuery {
  flag?: FlagFilter;
  groupId?: string;
  /** Part of the display name, case and accents ignored. */
  q?: string;
  sort?: DashboardSort;
  order?: SortOrder;
}

export interface Dashboard {
  cohort: { id: string; title: string; deadlineMode: DeadlineMode; modules: number };
  generatedAt: Date;
  /** The counted columns after the progress ones (contributed columns included), in the JSON's and CSV's order. */
  columns: { key: string; header: string }[];
  /** Over every active learner, whatever the filter. */
  summary: DashboardSummary;
  /** The learners the filter keeps, in the order asked. */
  rows: DashboardRow[];
}
