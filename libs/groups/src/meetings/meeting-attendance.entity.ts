import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { User } from '@app/identity';
import { Meeting } from './meeting.entity';

/** Recorded by a facilitator after (or during) a meeting. */
@Entity('meeting_attendance')
@Index('meeting_attendance_user_idx', ['userId'])
export class MeetingAttendance {
  @PrimaryColumn('uuid')
  meetingId!: string;

  @PrimaryColumn('uuid')
  userId!: string;

  @ManyToOne(() => Meeting, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'meeting_id' })
  meeting?: Meeting;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: User;

  @Column({ type: 'boolean' })
  attended!: boolean;

  @Column({ type: 'uuid' })
  recordedBy!: string;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
