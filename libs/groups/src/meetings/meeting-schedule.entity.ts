import { Check, Column, Entity, JoinColumn, OneToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { StudyGroup } from '../study-group.entity';

/**
 * A group's weekly recurrence, kept so it can be edited: "Tuesdays 18:00 for 90 minutes, 8 times" or "until a
 * date". Meetings are generated from it; editing it changes future meetings only.
 */
@Entity('meeting_schedules')
@Check('meeting_schedules_weekday_check', `weekday BETWEEN 1 AND 7`)
@Check('meeting_schedules_duration_check', `duration_minutes BETWEEN 5 AND 720`)
@Check('meeting_schedules_end_check', `(occurrences IS NULL) <> (until_date IS NULL)`)
export class MeetingSchedule {
  @PrimaryColumn('uuid')
  groupId!: string;

  @OneToOne(() => StudyGroup, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'group_id' })
  group?: StudyGroup;

  /** ISO weekday, 1 = Monday, in the group's zone. */
  @Column({ type: 'smallint' })
  weekday!: number;

  /** Local wall-clock start, "HH:MM:SS" as PostgreSQL returns `time`. */
  @Column({ type: 'time' })
  localStartTime!: string;

  @Column({ type: 'smallint' })
  durationMinutes!: number;

  /** First local date the recurrence may fall on. */
  @Column({ type: 'date' })
  startDate!: string;

  @Column({ type: 'smallint', nullable: true })
  occurrences!: number | null;

  @Column({ type: 'date', nullable: true })
  untilDate!: string | null;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
