import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { GroupRole, MembershipStatus } from '../membership/group-member.entity';
import type { GroupVisibility } from '../study-group.entity';
import { GroupStaffRegistry } from './group-staff.registry';

export interface GroupAccess {
  visibility: GroupVisibility;
  role: GroupRole | null;
  status: MembershipStatus | null;
}

/** What an access decision needs about one group and one person, in one query. */
@Injectable()
export class GroupAccessRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly staff: GroupStaffRegistry,
  ) {}

  async find(groupId: string, userId: string): Promise<GroupAccess | null> {
    const rows = await this.dataSource.query<GroupAccess[]>(
      `SELECT g.visibility, m.role, m.status
         FROM study_groups g
         LEFT JOIN group_members m ON m.group_id = g.id AND m.user_id = $2
        WHERE g.id = $1`,
      [groupId, userId],
    );
    const access = rows[0];
    if (!access) return null;
    if (access.status === null && (await this.staff.isStaff(groupId, userId))) {
      return { ...access, role: GroupRole.Facilitator, status: MembershipStatus.Active };
    }
    return access;
  }

  /** The group a meeting belongs to, for rules stated per group. */
  async groupOfMeeting(meetingId: string): Promise<string | null> {
    const rows = await this.dataSource.query<{ group_id: string }[]>('SELECT group_id FROM meetings WHERE id = $1', [
      meetingId,
    ]);
    return rows[0]?.group_id ?? null;
  }
}
