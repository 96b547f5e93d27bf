import { JobQueue } from '@app/core';
import { EmailRetention, MailJob } from '@app/mail';
import type { ReceivedMail, SmtpSink } from '@app/core/testing';
import {
  DigestPlanner,
  NotificationJob,
  MeetingReminderPlanner,
  NotificationReleaser,
  OutboxRelay,
  RetentionPass,
} from '@app/notifications';
import { signedIn, type TestApi } from '../support/api-app';
import type { MadeUser, UserSpec } from '../support/factories';
import { useMailingStack } from '../support/mailing-stack';
import { withQueuePaused, type TestWorker } from '../support/worker-app';

const DAY_MS = 24 * 3600_000;

/**
 * Retention end to end: the worker's retention run deletes what the outbox, the schedule and the email ledger no
 * longer need, in bounded batches, and never what a duplicate would slip through: an old event replayed or sent
 * round again, or old jobs run again after the window, reach nobody a second time (API + worker + SMTP, real
 * PostgreSQL and Redis, the clock injected).
 */
describe('retention of outbox events, schedule rows and email ledger rows', () => {
  let sink: SmtpSink;
  let api: TestApi;
  let worker: TestWorker;
  // Small batches, so a few hundred rows take several; the windows are the defaults (tests use longer ones).
  useMailingStack(
    {
      RETENTION_BATCH_SIZE: '100',
      RETENTION_OUTBOX_DAYS: '30',
      RETENTION_SCHEDULE_DAYS: '30',
      RETENTION_EMAIL_DAYS: '90',
    },
    (stack) => ({ sink, api, worker } = stack),
  );

  const relay = () => worker.app.get(OutboxRelay).relay();
  const retention = () => worker.app.get(RetentionPass).run();
  const as = (who: MadeUser) => signedIn(api, who);
  const count = async (sql: string, params: unknown[] = []): Promise<number> =>
    (await api.db.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM (${sql}) AS rows`, params))[0]!.n;
  const daysAgo = (days: number) => new Date(api.clock.now().getTime() - days * DAY_MS);
  const isMoved = (m: ReceivedMail) => /^(Moved|Cambio de fecha)/.test(m.subject);
  const settle = () => new Promise((resolve) => setTimeout(resolve, 1500));

  /** Someone with digests off, so only the emails under test reach the sink. */
  const person = async (spec: UserSpec) => {
    const made = await api.make.user(spec);
    await api.db.query(`UPDATE notification_preferences SET digest = 'off' WHERE user_id = $1`, [made.user.id]);
    return made;
  };

  /** A group of three with one meeting, its reminders planned; then the meeting moved six months ahead. */
  async function groupWithMeeting(name: string) {
    const host = await person({ displayName: `${name} host`, timeZone: 'America/La_Paz' });
    const members = [
      await person({ displayName: `${name} one`, timeZone: 'Africa/Kigali' }),
      await person({ displayName: `${name} two`, timeZone: 'Asia/Kathmandu' }),
    ];
    const group = await api.make.group(host, { name, timeZone: 'America/La_Paz' });
    for (const member of members) await api.make.membership(group, member);
    const created = await as(host).post(`/groups/${group.id}/meetings`, {
      meetings: [{ localDate: '2026-03-10', localTime: '18:00', durationMinutes: 60 }],
    });
    expect(created.status).toBeLessThan(300);
    await relay();
    const [meeting] = await api.db.query<{ id: string }[]>(`SELECT id FROM meetings WHERE group_id = $1`, [group.id]);
    return { host, everyone: [host, ...members], meeting: meeting! };
  }
  const moveTo = async (host: MadeUser, meetingId: string, localDate: string) => {
    const moved = await as(host).patch(`/meetings/${meetingId}`, { localDate, localTime: '18:00' });
    expect(moved.status).toBe(200);
  };
  /** The ids of a meeting's "moved" ledger rows once `n` are recorded as sent (the SMTP peer has them first). */
  async function sentMovedEmails(meetingId: string, n: number): Promise<string[]> {
    for (let tries = 0; ; tries++) {
      const rows = await api.db.query<{ id: string }[]>(
        `SELECT id FROM email_deliveries WHERE dedupe_key LIKE $1 AND status = 'sent'`,
        [`meeting-changed:${meetingId}:%`],
      );
      if (rows.length >= n || tries > 100) return rows.map((r) => r.id);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  const movedMailsTo = (people: MadeUser[]) => people.map((p) => sink.to(p.user.email!).filter(isMoved).length);

  it('deletes old finished rows of each table in bounded batches, keeping recent, unfinished and quarantined ones', () =>
    // The worker's own ten-minute run kept out: it once took 300 of the 301 rows before the batch under test ran.
    withQueuePaused(worker, NotificationJob.ApplyRetention, async () => {
      api.clock.set('2026-03-01T12:00:00Z');
      const someone = await person({ displayName: 'Retained Person' });
      const userId = someone.user.id;
      const now = api.clock.now();

      // Outbox: 250 published 40 days ago go; published 10 days ago, unpublished and quarantined ones (old) stay.
      const outbox = (n: number, published: Date | null, quarantined: Date | null, label: string) =>
        api.db.query(
          `INSERT INTO outbox_events (type, aggregate_type, aggregate_id, payload, occurred_at, published_at,
                                    quarantined_at, attempts)
         SELECT 'identity.preferences-changed', 'user', $1::uuid, jsonb_build_object('label', $5::text), $2, $3, $4,
                CASE WHEN $4::timestamptz IS NULL THEN 0 ELSE 5 END
           FROM generate_series(1, $6)`,
          [userId, published ?? daysAgo(100), published, quarantined, label, n],
        );
      await outbox(250, daysAgo(40), null, 'old-published');
      await outbox(3, daysAgo(10), null, 'recent-published');
      await outbox(2, null, null, 'old-unpublished');
      await outbox(2, null, daysAgo(100), 'old-quarantined');

      // Schedule: released and cancelled rows due 40 days ago go; recent ones and old pending ones stay.
      const schedule = (n: number, status: string, dueAt: Date, label: string) =>
        api.db.query(
          `INSERT INTO scheduled_notifications (dedupe_key, kind, user_id, due_at, status)
         SELECT 'retention-test:' || $4 || ':' || i, 'digest', $1::uuid, $2, $3 FROM generate_series(1, $5) AS i`,
          [userId, dueAt, status, label, n],
        );
      await schedule(150, 'released', daysAgo(40), 'old-released');
      await schedule(120, 'cancelled', daysAgo(31), 'old-cancelled');
      await schedule(3, 'released', daysAgo(10), 'recent-released');
      await schedule(2, 'pending', daysAgo(40), 'old-pending');

      // Ledger: sent, skipped and failed rows that finished 100 days ago go, and so does one whose key was held until
      // then; rows finished 30 days ago, pending and sending ones, and one whose key is held until later stay.
      const ledger = (n: number, status: string, finished: Date, heldUntil: Date | null, label: string) =>
        api.db.query(
          `INSERT INTO email_deliveries (dedupe_key, kind, user_id, to_address, locale, status, next_attempt_at,
                                       updated_at, created_at, key_held_until, finished_at)
         SELECT 'retention-test:' || $4 || ':' || i, 'identity.verify-email', $1::uuid, 'x@example.org', 'en', $2,
                $3, $3, $3, $5, CASE WHEN $2::varchar IN ('sent', 'skipped', 'failed') THEN $3::timestamptz END
           FROM generate_series(1, $6) AS i`,
          [userId, status, finished, label, heldUntil, n],
        );
      await ledger(200, 'sent', daysAgo(100), null, 'old-sent');
      await ledger(50, 'skipped', daysAgo(95), null, 'old-skipped');
      await ledger(50, 'failed', daysAgo(91), null, 'old-failed');
      await ledger(1, 'sent', daysAgo(100), daysAgo(95), 'old-held-until-long-ago');
      await ledger(3, 'sent', daysAgo(30), null, 'recent-sent');
      await ledger(2, 'pending', daysAgo(100), null, 'old-pending');
      await ledger(2, 'sending', daysAgo(100), null, 'old-sending');
      await ledger(1, 'sent', daysAgo(100), new Date(now.getTime() + 60 * DAY_MS), 'old-held-until-later');

      // One batch is bounded by RETENTION_BATCH_SIZE, whatever is eligible.
      expect(await worker.app.get(EmailRetention).removeBatch(now, 100)).toBe(100);

      // Two workers at once, as two processes would run it: disjoint batches, every old row deleted once.
      const runs = await Promise.all([retention(), retention()]);
      const total = (pick: (r: (typeof runs)[number]) => number) => runs.reduce((n, r) => n + pick(r), 0);
      expect(total((r) => r.outboxEvents)).toBeLessThanOrEqual(250);
      expect(total((r) => r.scheduledNotifications)).toBeLessThanOrEqual(270);
      expect(total((r) => r.emailDeliveries)).toBeLessThanOrEqual(201);
      for (const run of runs) {
        expect(run.cutShort).toBe(false);
        expect(Math.max(run.outboxEvents, run.scheduledNotifications, run.emailDeliveries)).toBeLessThanOrEqual(
          100 * run.batches,
        );
      }

      expect(
        await api.db.query(
          `SELECT payload->>'label' AS label, count(*)::int AS n FROM outbox_events WHERE aggregate_id = $1
          AND payload ? 'label' GROUP BY 1 ORDER BY 1`,
          [userId],
        ),
      ).toEqual([
        { label: 'old-quarantined', n: 2 },
        { label: 'old-unpublished', n: 2 },
        { label: 'recent-published', n: 3 },
      ]);
      const labelOf = `split_part(dedupe_key, ':', 2)`;
      const kept = async (table: string) =>
        api.db.query(
          `SELECT ${labelOf} AS label, count(*)::int AS n FROM ${table}
          WHERE user_id = $1 AND dedupe_key LIKE 'retention-test:%' GROUP BY 1 ORDER BY 1`,
          [userId],
        );
      expect(await kept('scheduled_notifications')).toEqual([
        { label: 'old-pending', n: 2 },
        { label: 'recent-released', n: 3 },
      ]);
      expect(await kept('email_deliveries')).toEqual([
        { label: 'old-held-until-later', n: 1 },
        { label: 'old-pending', n: 2 },
        { label: 'old-sending', n: 2 },
        { label: 'recent-sent', n: 3 },
      ]);

      // Idempotent: a second run finds nothing more.
      expect(await retention()).toMatchObject({ outboxEvents: 0, scheduledNotifications: 0, emailDeliveries: 0 });
    }));

  it('an old meeting change replayed after the window, and old jobs run again, email nobody a second time', async () => {
    api.clock.set('2026-03-01T12:00:00Z');
    const { host, everyone, meeting } = await groupWithMeeting('Replayed rowers');
    // Moved six months ahead: the "moved" email is keyed by the meeting's revision, derivable until it starts.
    await moveTo(host, meeting.id, '2026-09-10');
    const [event] = await api.db.query<Record<string, unknown>[]>(
      `SELECT type, aggregate_type, aggregate_id, payload, occurred_at FROM outbox_events
        WHERE type = 'group.meeting-moved' AND payload->>'meetingId' = $1`,
      [meeting.id],
    );
    await relay();
    await sink.waitFor((m) => everyone.some((p) => m.to.includes(p.user.email!)) && isMoved(m), 3);
    const deliveryIds = await sentMovedEmails(meeting.id, 3);
    expect(deliveryIds).toHaveLength(3);

    // 120 days later, past every window (outbox 30, schedule 30, email 90); the meeting is still two months ahead.
    api.clock.advance(120 * DAY_MS);
    await retention();
    expect(await count(`SELECT 1 FROM outbox_events WHERE payload->>'meetingId' = $1`, [meeting.id])).toBe(0);
    expect(
      await count(`SELECT 1 FROM scheduled_notifications WHERE subject_id = $1 AND status <> 'pending'`, [meeting.id]),
    ).toBe(0);

    // An operator puts the old event back (from a backup, say) and the relay handles it again.
    await api.db.query(
      `INSERT INTO outbox_events (type, aggregate_type, aggregate_id, payload, occurred_at)
       VALUES ($1, $2, $3, $4, $5)`,
      [event!.type, event!.aggregate_type, event!.aggregate_id, event!.payload, event!.occurred_at],
    );
    expect((await relay()).events).toBe(1);
    // Old jobs run again: the batch that sent those emails (as if retried from the queue board), a release, the
    // digest and reminder sweeps.
    await worker.app
      .get(JobQueue)
      .enqueue(MailJob.SendEmailBatch, { deliveryIds }, { jobId: 'emails-retention-replayed-batch' });
    await worker.app.get(NotificationReleaser).releaseDue();
    await worker.app.get(DigestPlanner).planMissing();
    await worker.app.get(MeetingReminderPlanner).planEnteringHorizon();
    await settle();

    expect(movedMailsTo(everyone)).toEqual([1, 1, 1]);
    // The "moved" rows were kept: their key may be asked for until the meeting starts.
    expect(await count(`SELECT 1 FROM email_deliveries WHERE id = ANY($1::uuid[])`, [deliveryIds])).toBe(3);

    // Once the meeting has started and the window has passed after it, the rows go: nothing can ask for them.
    api.clock.set(new Date(Date.parse('2026-09-11T00:00:00Z') + 91 * DAY_MS));
    await retention();
    expect(await count(`SELECT 1 FROM email_deliveries WHERE id = ANY($1::uuid[])`, [deliveryIds])).toBe(0);
  });

  it('a quarantined event sent round by an operator after the window (a late retry) emails nobody a second time', async () => {
    api.clock.set('2026-03-01T12:00:00Z');
    const { host, everyone, meeting } = await groupWithMeeting('Late retriers');
    // The first move's event fails until it is quarantined (as if a handler kept throwing on it)...
    await moveTo(host, meeting.id, '2026-08-10');
    await api.db.query(
      `UPDATE outbox_events SET attempts = 5, quarantined_at = $2, last_error = 'meeting-changes: test'
        WHERE type = 'group.meeting-moved' AND payload->>'meetingId' = $1`,
      [meeting.id, api.clock.now()],
    );
    // ...and the second move's is relayed: one "moved" email each, for the meeting's current revision.
    api.clock.advance(3600_000);
    await moveTo(host, meeting.id, '2026-09-10');
    await relay();
    await sink.waitFor((m) => everyone.some((p) => m.to.includes(p.user.email!)) && isMoved(m), 3);
    expect(await sentMovedEmails(meeting.id, 3)).toHaveLength(3);

    api.clock.advance(120 * DAY_MS);
    await retention();
    // The quarantined event is kept for the operator; the published one is gone.
    expect(
      await count(`SELECT 1 FROM outbox_events WHERE payload->>'meetingId' = $1 AND quarantined_at IS NOT NULL`, [
        meeting.id,
      ]),
    ).toBe(1);
    expect(await count(`SELECT 1 FROM outbox_events WHERE payload->>'meetingId' = $1`, [meeting.id])).toBe(1);

    // The handler fixed, the operator sends it round again as the README says; it is relayed, re-derived from the
    // meeting as it is now: the revision everyone has already heard about.
    await api.db.query(
      `UPDATE outbox_events SET quarantined_at = NULL, next_attempt_at = NULL, attempts = 0
        WHERE payload->>'meetingId' = $1 AND quarantined_at IS NOT NULL`,
      [meeting.id],
    );
    expect((await relay()).events).toBe(1);
    await settle();
    expect(movedMailsTo(everyone)).toEqual([1, 1, 1]);
  });

  it('an announcement whose event is replayed after the window is not emailed again', async () => {
    api.clock.set('2026-03-01T12:00:00Z');
    const facilitator = await person({ displayName: 'Announcing facilitator', timeZone: 'UTC' });
    const { cohort } = await api.make.cohort(facilitator, { title: 'Replayed announcements' });
    const learners = [await person({ timeZone: 'UTC' }), await person({ timeZone: 'UTC' })];
    for (const learner of learners) await api.make.enrollment(cohort, learner);
    const published = await as(facilitator).post(`/cohorts/${cohort.id}/announcements`, {
      title: 'Kiln firing moved',
      body: 'Thursday now.',
    });
    expect(published.status).toBe(201);
    const [event] = await api.db.query<Record<string, unknown>[]>(
      `SELECT type, aggregate_type, aggregate_id, payload, occurred_at FROM outbox_events
        WHERE type = 'cohort.announcement-published' AND payload->>'announcementId' = $1`,
      [published.body.id],
    );
    await relay();
    const isAnnouncement = (m: ReceivedMail) => m.subject.endsWith('Kiln firing moved');
    await sink.waitFor((m) => learners.some((p) => m.to.includes(p.user.email!)) && isAnnouncement(m), 2);
    const announcementsTo = () => learners.map((p) => sink.to(p.user.email!).filter(isAnnouncement).length);
    await settle();

    // Past every window: the event and the ledger rows that held the announcement's keys are gone.
    api.clock.advance(120 * DAY_MS);
    await retention();
    expect(
      await count(`SELECT 1 FROM email_deliveries WHERE payload->>'announcementId' = $1`, [published.body.id]),
    ).toBe(0);

    // The old event put back and relayed again: the announcement is no news any more, nobody is emailed twice.
    await api.db.query(
      `INSERT INTO outbox_events (type, aggregate_type, aggregate_id, payload, occurred_at)
       VALUES ($1, $2, $3, $4, $5)`,
      [event!.type, event!.aggregate_type, event!.aggregate_id, event!.payload, event!.occurred_at],
    );
    expect((await relay()).events).toBe(1);
    await settle();
    expect(announcementsTo()).toEqual([1, 1]);
  });
});
