import { Injectable } from '@nestjs/common';

/** Answers whether a person runs a group without being in it, e.g. a facilitator of the cohort it belongs to. */
export type GroupStaffCheck = (groupId: string, userId: string) => Promise<boolean>;

/**
 * Lets domains built on groups (cohorts) grant their staff a facilitator's rights over their groups, without
 * the groups domain knowing them. Checks run only for people who are not members.
 */
@Injectable()
export class GroupStaffRegistry {
  private readonly checks: GroupStaffCheck[] = [];

  register(check: GroupStaffCheck): void {
    this.checks.push(check);
  }

  async isStaff(groupId: string, userId: string): Promise<boolean> {
    for (const check of this.checks) if (await check(groupId, userId)) return true;
    return false;
  }
}
