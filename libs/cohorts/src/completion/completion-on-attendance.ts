import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AttendanceListeners } from '@app/groups';
import { CompletionEvaluator } from './completion.evaluator';

/** Attendance recorded in a cohort's study group may complete its learners (attendance rule). */
@Injectable()
export class CompletionOnAttendance implements OnModuleInit {
  constructor(
    private readonly listeners: AttendanceListeners,
    private readonly evaluator: CompletionEvaluator,
  ) {}

  onModuleInit(): void {
    this.listeners.register((manager, groupId, userIds) => this.attendanceRecorded(manager, groupId, userIds));
  }

  async attendanceRecorded(manager: EntityManager, groupId: string, userIds: string[]): Promise<void> {
    const rows = await manager.query<{ cohort_id: string }[]>(
      `SELECT cohort_id FROM cohort_groups WHERE group_id = $1`,
      [groupId],
    );
    const cohortId = rows[0]?.cohort_id;
    if (cohortId) await this.evaluator.evaluate(manager, cohortId, userIds);
  }
}
