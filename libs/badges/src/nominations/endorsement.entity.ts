import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Nomination } from './nomination.entity';

/** A member's endorsement of a nomination, once per person; never by the nominee (checked by a trigger). */
@Entity('badge_endorsements')
export class Endorsement {
  @PrimaryColumn({ type: 'uuid', name: 'nomination_id' })
  nominationId!: string;

  @ManyToOne(() => Nomination, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'nomination_id' })
  nomination?: Nomination;

  @PrimaryColumn({ type: 'uuid', name: 'endorser_id' })
  endorserId!: string;

  @Column({ type: 'text', default: '' })
  comment!: string;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt!: Date;
}
