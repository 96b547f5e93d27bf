import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { User } from '@app/identity';
import { Meeting } from './meeting.entity';

export enum RsvpAnswer {
  Yes = 'yes',
  No = 'no',
  Maybe = 'maybe',
}

@Entity('meeting_rsvps')
@Check('meeting_rsvps_answer_check', `answer IN ('yes', 'no', 'maybe')`)
@Index('meeting_rsvps_user_idx', ['userId'])
export class MeetingRsvp {
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

  @Column({ type: 'varchar', length: 8 })
  answer!: RsvpAnswer;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
