import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { User } from '@app/identity';
import { StudyGroup } from '../study-group.entity';

export enum GroupRole {
  Facilitator = 'facilitator',
  CoFacilitator = 'co-facilitator',
  Member = 'member',
}

export enum MembershipStatus {
  Active = 'active',
  /** Waiting for a seat; promoted in `waitlistedAt` order when one frees. */
  Waitlisted = 'waitlisted',
}

/** A person in a group, or waiting for a seat in it. Leaving deletes the row (the outbox keeps the history). */
@Entity('group_members')
@Check('group_members_role_check', `role IN ('facilitator', 'co-facilitator', 'member')`)
@Check('group_members_status_check', `status IN ('active', 'waitlisted')`)
@Check('group_members_waitlist_check', `(status = 'waitlisted') = (waitlisted_at IS NOT NULL)`)
@Index('group_members_user_idx', ['userId'])
@Index('group_members_waitlist_idx', ['groupId', 'waitlistedAt'], { where: `status = 'waitlisted'` })
export class GroupMember {
  @PrimaryColumn('uuid')
  groupId!: string;

  @PrimaryColumn('uuid')
  userId!: string;

  @ManyToOne(() => StudyGroup, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'group_id' })
  group?: StudyGroup;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: User;

  @Column({ type: 'varchar', length: 16 })
  role!: GroupRole;

  @Column({ type: 'varchar', length: 16 })
  status!: MembershipStatus;

  /** Answers to the group's signup questions, by question id; facilitators only. */
  @Column({ type: 'jsonb', default: () => `'{}'` })
  signupAnswers!: Record<string, string>;

  /** Microsecond timestamps and the id break ties, so the waitlist order is total. */
  @Column({ type: 'timestamptz', nullable: true })
  waitlistedAt!: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  joinedAt!: Date;
}
