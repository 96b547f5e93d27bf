import { Injectable } from '@nestjs/common';
import { PROGRESS_KEYS } from './dashboard.types';
import {
  DASHBOARD_COLUMNS,
  isSqlColumn,
  type ComputedDashboardColumn,
  type ContributedDashboardColumn,
  type DashboardColumn,
} from './dashboard-columns';

/**
 * The dashboard's columns: the cohorts library's own, then those libraries above it register at boot (in their
 * `onModuleInit`), in the order registered. Cohorts never imports them: a higher library hands its columns down here,
 * as data-rights contributors do with the PersonalDataRegistry.
 */
@Injectable()
export class DashboardColumnRegistry {
  private readonly contributed: ContributedDashboardColumn[] = [];
  private sql: readonly DashboardColumn[] = DASHBOARD_COLUMNS;

  register(...columns: readonly ContributedDashboardColumn[]): void {
    const taken = new Set<string>(['name', 'lastActive', ...PROGRESS_KEYS, ...this.all().map((c) => c.key)]);
    for (const column of columns) {
      if (taken.has(column.key)) throw new Error(`Two dashboard columns named ${column.key}`);
      taken.add(column.key);
      this.contributed.push(column);
    }
    this.sql = [...DASHBOARD_COLUMNS, ...this.contributed.filter(isSqlColumn)];
  }

  /** The learner statement's columns (CTEs), built-in first. The same array until a column is registered. */
  sqlColumns(): readonly DashboardColumn[] {
    return this.sql;
  }

  computedColumns(): readonly ComputedDashboardColumn[] {
    return this.contributed.filter((c): c is ComputedDashboardColumn => !isSqlColumn(c));
  }

  /** Every column, in the order the JSON metrics and the CSV show them. */
  all(): readonly (DashboardColumn | ComputedDashboardColumn)[] {
    return [...DASHBOARD_COLUMNS, ...this.contributed];
  }
}
