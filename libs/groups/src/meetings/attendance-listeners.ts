import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** Hears that attendance was recorded for these people in this group, inside the recording transaction. */
export type AttendanceListener = (manager: EntityManager, groupId: string, userIds: string[]) => Promise<void>;

/**
 * Lets domains built on groups (cohorts: completion rules that count attendance) react to attendance in the same
 * transaction, without the groups domain knowing them.
 */
@Injectable()
export class AttendanceListeners {
  private readonly listeners: AttendanceListener[] = [];

  register(listener: AttendanceListener): void {
    this.listeners.push(listener);
  }

  async notify(manager: EntityManager, groupId: string, userIds: string[]): Promise<void> {
    for (const listener of this.listeners) await listener(manager, groupId, userIds);
  }
}
