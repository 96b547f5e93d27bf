import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  Clock,
  OutboxHandlerRegistry,
  type HandlerOutcome,
  type OutboxEventHandler,
  type RelayedEvent,
} from '@app/core';
import { EmailLedger, type EmailRequest } from '@app/mail';
import { NotificationMailKind } from '../schedule/notification-kind';
import { meetingChangedKey } from './reminder-keys';
import { GroupEvent } from '@app/groups';

export type MeetingChange = 'moved' | 'cancelled';

/** What a meeting-changed ledger row carries to its composer. */
export interface MeetingChangedPayload {
  meetingId: string;
  change: MeetingChange;
  /** The meeting's time as it stands in the email (new time, or the cancelled one). */
  startsAt: string;
  /** Moved: when it was before. */
  previousStartsAt?: string;
}

interface MeetingNow {
  id: string;
  group_id: string;
  starts_at: Date;
  status: string;
  sequence: number;
}

interface Recipient {
  group_id: string;
  user_id: string;
  email: string;
  locale: string;
}

/**
 * Emails every active member (reminders on) at once when a meeting moves or is cancelled, in the relay's
 * transaction: the ledger rows commit with the event's "published" mark, and the relay enqueues them after commit.
 * One email per revision and person (key `meeting-changed:<meeting>:<sequence>:<user>`), from the meeting as it is
 * now: two moves relayed together make one email with the latest time; a move then a cancellation, a cancellation.
 * Not held for quiet hours: people need to know before they set off. The key can be derived again as long as the
 * meeting has not started, so its ledger row holds the key until then (`keyHeldUntil`), past retention's window.
 */
@Injectable()
export class MeetingChangeNotifier implements OutboxEventHandler, OnModuleInit {
  readonly name = 'meeting-changes';
  readonly handles = [GroupEvent.MeetingMoved, GroupEvent.MeetingCancelled];

  constructor(
    private readonly clock: Clock,
    private readonly ledger: EmailLedger,
    private readonly registry: OutboxHandlerRegistry,
  ) {}

  onModuleInit(): void {
    this.registry.register(this);
  }

  async handle(manager: EntityManager, events: RelayedEvent[]): Promise<HandlerOutcome> {
    // The earliest "before" of each meeting in the batch: what people last heard about.
    const previous = new Map<string, string>();
    for (const event of events) {
      const p = event.payload as Partial<Record<string, unknown>>;
      if (typeof p.meetingId !== 'string') continue;
      const before = event.type === GroupEvent.MeetingMoved ? p.previousStartsAt : undefined;
      if (!previous.has(p.meetingId)) previous.set(p.meetingId, typeof before === 'string' ? before : '');
    }
    const now = this.clock.now();
    const meetings = await manager.query<MeetingNow[]>(
      `SELECT meeting_id AS id, group_id, starts_at, status, sequence FROM group_meetings WHERE meeting_id = ANY($1::uuid[])`,
      [[...previous.keys()]],
    );
    const changes = meetings.flatMap((m) => {
      const change = changeOf(m, previous.get(m.id) ?? '', now);
      return change ? [{ meeting: m, payload: change }] : [];
    });
    if (changes.length === 0) return {};
    const recipients = await manager.query<Recipient[]>(
      `SELECT gm.group_id, gm.user_id, u.email, u.locale
         FROM group_active_members gm
         JOIN identity_people u ON u.id = gm.user_id
         LEFT JOIN identity_notification_settings p ON p.user_id = gm.user_id
        WHERE gm.group_id = ANY($1::uuid[])
          AND u.deleted_at IS NULL AND u.email IS NOT NULL AND COALESCE(p.reminders, true)`,
      [[...new Set(changes.map((c) => c.meeting.group_id))]],
    );
    const emails: EmailRequest[] = changes.flatMap(({ meeting, payload }) =>
      recipients
        .filter((r) => r.group_id === meeting.group_id)
        .map((r) => ({
          kind: NotificationMailKind.MeetingChanged,
          dedupeKey: meetingChangedKey(meeting.id, meeting.sequence, r.user_id),
          userId: r.user_id,
          to: r.email,
          locale: r.locale,
          payload: { ...payload },
          // Any later event about this meeting (a replay, a quarantined one sent round) re-derives this very key
          // until the meeting starts: the ledger must keep it until then, however long retention's window.
          keyHeldUntil: meeting.starts_at,
        })),
    );
    const requested = await this.ledger.requestMany(manager, emails);
    return { deliveryIds: requested.map((email) => email.id) };
  }
}

/** The email a meeting's current state calls for, if any. */
function changeOf(meeting: MeetingNow, previousStartsAt: string, now: Date): MeetingChangedPayload | null {
  // Over already (the relay lagged): nobody needs to hear.
  if (meeting.starts_at <= now) return null;
  const startsAt = meeting.starts_at.toISOString();
  if (meeting.status === 'cancelled') return { meetingId: meeting.id, change: 'cancelled', startsAt };
  // Moved and moved back within one batch: nothing changed for anyone.
  if (!previousStartsAt || new Date(previousStartsAt).getTime() === meeting.starts_at.getTime()) return null;
  return {
    meetingId: meeting.id,
    change: 'moved',
    startsAt,
    previousStartsAt: new Date(previousStartsAt).toISOString(),
  };
}
