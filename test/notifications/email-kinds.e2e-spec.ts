import { Achievement, AwardIssuer, Issuers } from '@app/badges';
import type { ReceivedMail, SmtpSink } from '@app/core/testing';
import { Anonymity } from '@app/courses';
import { IdentityMailKind } from '@app/identity';
import { EmailComposerRegistry } from '@app/mail';
import {
  categoryOfMail,
  DigestPlanner,
  NotificationCategory,
  NotificationMailKind,
  NotificationReleaser,
  OutboxRelay,
} from '@app/notifications';
import { signedIn, type TestApi } from '../support/api-app';
import type { MadeUser, UserSpec } from '../support/factories';
import { useMailingStack } from '../support/mailing-stack';
import type { TestWorker } from '../support/worker-app';
import { leaseNext, reviewCohort, reviewNext, submitWork, type ReviewCohort } from '../support/peer-review-flow';

const PUBLIC_URL = 'https://learn.example.org';

/** Account mail: nobody may opt out of it (RFC 8058 is for list mail), so it carries no unsubscribe headers. */
const ACCOUNT_MAIL: readonly string[] = [IdentityMailKind.VerifyEmail, IdentityMailKind.PasswordReset];

/** How each category reads as "off" in a person's preferences. */
const IS_OFF: { readonly [C in NotificationCategory]: string } = {
  [NotificationCategory.Digest]: `digest = 'off'`,
  [NotificationCategory.Reminders]: 'NOT reminders',
  [NotificationCategory.Announcements]: 'NOT announcements',
  [NotificationCategory.ReviewActivity]: 'NOT review_activity',
  [NotificationCategory.Badges]: 'NOT badges',
};

/** Makes one real email of a kind reach `recipient` through the production pipeline; returns it as received. */
type Producer = (recipient: MadeUser) => Promise<ReceivedMail>;

/**
 * Every kind of email the platform sends, taken from the composer registry at run time, carries the one-click
 * unsubscribe headers (RFC 2369 List-Unsubscribe with an https URL, RFC 8058 List-Unsubscribe-Post), and POSTing
 * that URL turns the category off. Only account mail (verification, password reset) is exempt, by name. A kind
 * this file does not know how to produce fails the first test: add its producer below.
 */
describe('every email kind carries working one-click unsubscribe headers (API + worker + SMTP)', () => {
  let sink: SmtpSink;
  let api: TestApi;
  let worker: TestWorker;
  useMailingStack({ PUBLIC_URL }, (stack) => ({ sink, api, worker } = stack));

  const as = (who: MadeUser) => signedIn(api, who);
  const relay = () => worker.app.get(OutboxRelay).relay();
  const release = () => worker.app.get(NotificationReleaser).releaseDue();
  /** Someone with digests off, so the only email they get is the one under test. */
  const person = async (spec: UserSpec = {}): Promise<MadeUser> => {
    const made = await api.make.user({ timeZone: 'UTC', locale: 'en', ...spec });
    await api.db.query(`UPDATE notification_preferences SET digest = 'off' WHERE user_id = $1`, [made.user.id]);
    return made;
  };
  const mailTo = async (who: MadeUser, subject: RegExp): Promise<ReceivedMail> => {
    const [mail] = await sink.waitFor((m) => m.to.includes(who.user.email!) && subject.test(m.subject));
    return mail!;
  };
  /** A group in UTC run by a new facilitator, with `member` in it and one meeting on 5 March 2026, 18:00. */
  const groupMeeting = async (member: MadeUser): Promise<{ host: MadeUser; meetingId: string }> => {
    const host = await person();
    const group = await api.make.group(host, { timeZone: 'UTC' });
    await api.make.membership(group, member);
    const res = await as(host).post(`/groups/${group.id}/meetings`, {
      meetings: [{ localDate: '2026-03-05', localTime: '18:00', durationMinutes: 60 }],
    });
    expect(res.status).toBeLessThan(300);
    await relay();
    const [meeting] = await api.db.query<{ id: string }[]>(`SELECT id FROM meetings WHERE group_id = $1`, [group.id]);
    return { host, meetingId: meeting!.id };
  };

  /** A peer-reviewed assignment (k = 1, m = 1) with `learner` and one more learner in it, both having submitted. */
  const peerReview = async (learner: MadeUser): Promise<{ rc: ReviewCohort; other: MadeUser }> => {
    api.clock.set('2026-03-03T12:00:00Z');
    const other = await person();
    const rc = await reviewCohort(api, await person(), [learner, other], {
      review: { reviewsPerSubmission: 1, reviewsPerLearner: 1, anonymity: Anonymity.DoubleBlind },
    });
    for (const who of [learner, other]) await submitWork(api, rc, who);
    return { rc, other };
  };
  /** Relays until a row of `kind` is planned for `who` (the worker's own relay tick may hold the event). */
  const plannedRow = async (who: MadeUser, kind: string): Promise<{ due_at: Date }> => {
    for (let tries = 0; tries < 50; tries++) {
      if (tries > 0) await new Promise((resolve) => setTimeout(resolve, 100));
      await relay();
      const [row] = await api.db.query<{ due_at: Date }[]>(
        `SELECT due_at FROM scheduled_notifications WHERE user_id = $1 AND kind = $2`,
        [who.user.id, kind],
      );
      if (row) return row;
    }
    throw new Error(`no ${kind} row planned`);
  };
  const releaseAt = async (row: { due_at: Date }) => {
    api.clock.set(new Date(row.due_at.getTime() + 30_000).toISOString());
    await release();
  };

  const PRODUCERS: Readonly<Record<string, Producer>> = {
    [NotificationMailKind.ReviewAssigned]: async (reviewer) => {
      const { rc } = await peerReview(reviewer);
      await leaseNext(api, rc, reviewer);
      await releaseAt(await plannedRow(reviewer, 'review-assigned'));
      return mailTo(reviewer, /^Review assigned:/);
    },
    [NotificationMailKind.ReviewLeaseExpiring]: async (reviewer) => {
      const { rc } = await peerReview(reviewer);
      await leaseNext(api, rc, reviewer);
      await releaseAt(await plannedRow(reviewer, 'review-lease-expiring'));
      return mailTo(reviewer, /^Your review lease ends in/);
    },
    [NotificationMailKind.ReviewsDue]: async (learner) => {
      await peerReview(learner);
      await releaseAt(await plannedRow(learner, 'reviews-due'));
      return mailTo(learner, /^Reviews due in 24 hours:/);
    },
    [NotificationMailKind.ReviewReceived]: async (author) => {
      const { rc, other } = await peerReview(author);
      await reviewNext(api, rc, other);
      await releaseAt(await plannedRow(author, 'review-received'));
      return mailTo(author, /^A review of your work arrived:/);
    },
    [NotificationMailKind.ScoreReleased]: async (author) => {
      const { rc, other } = await peerReview(author);
      await reviewNext(api, rc, other);
      expect((await as(rc.facilitator).post(`${rc.base}/scores/release`)).status).toBe(200);
      await releaseAt(await plannedRow(author, 'score-released'));
      return mailTo(author, /^Your reviews and score are ready:/);
    },
    [NotificationMailKind.ReviewsShortOfK]: async (facilitator) => {
      api.clock.set('2026-03-03T12:00:00Z');
      const learner = await person();
      const rc = await reviewCohort(api, facilitator, [learner]);
      await submitWork(api, rc, learner);
      await releaseAt(await plannedRow(facilitator, 'reviews-short-of-k'));
      return mailTo(facilitator, /^Short of reviews:/);
    },
    [NotificationMailKind.MeetingReminder]: async (member) => {
      api.clock.set('2026-03-01T12:00:00Z');
      await groupMeeting(member);
      api.clock.set('2026-03-04T18:00:30Z');
      await release();
      return mailTo(member, /^Reminder:/);
    },
    [NotificationMailKind.MeetingChanged]: async (member) => {
      api.clock.set('2026-03-01T12:00:00Z');
      const { host, meetingId } = await groupMeeting(member);
      expect((await as(host).post(`/meetings/${meetingId}/cancel`)).status).toBe(200);
      await relay();
      return mailTo(member, /^Cancelled:/);
    },
    [NotificationMailKind.ModuleDueReminder]: async (learner) => {
      api.clock.set('2026-03-01T12:00:00Z');
      const facilitator = await person();
      const { cohort } = await api.make.cohort(facilitator, { startDate: '2026-03-02', modules: 1 });
      expect((await as(learner).post(`/cohorts/${cohort.id}/enrollment`, {})).status).toBe(201);
      // The worker's own relay tick may hold the enrollment event (SKIP LOCKED): relay until its reminder is planned.
      let row: { due_at: Date } | undefined;
      for (let tries = 0; !row && tries < 50; tries++) {
        if (tries > 0) await new Promise((resolve) => setTimeout(resolve, 100));
        await relay();
        [row] = await api.db.query<{ due_at: Date }[]>(
          `SELECT due_at FROM scheduled_notifications WHERE user_id = $1 AND kind = 'module-due-reminder'`,
          [learner.user.id],
        );
      }
      api.clock.set(new Date(row!.due_at.getTime() + 30_000).toISOString());
      await release();
      return mailTo(learner, /^Due in 24 hours:/);
    },
    [NotificationMailKind.Digest]: async (learner) => {
      // Digests on (daily, at the default hour), and news in the learner's cohort before it.
      await api.db.query(`UPDATE notification_preferences SET digest = 'daily' WHERE user_id = $1`, [learner.user.id]);
      api.clock.set('2026-04-06T06:00:00Z');
      const facilitator = await person();
      const { cohort } = await api.make.cohort(facilitator, { title: 'Biogas, spring cohort' });
      await api.make.enrollment(cohort, learner);
      await worker.app.get(DigestPlanner).planMissing();
      api.clock.set('2026-04-06T07:00:00Z');
      const thread = await as(facilitator).post(`/cohorts/${cohort.id}/threads`, { title: 'Tubes?', body: 'Where?' });
      expect(thread.status).toBe(201);
      api.clock.set('2026-04-06T08:01:00Z');
      await release();
      return mailTo(learner, /Commonplace digest/);
    },
    [NotificationMailKind.BadgeAwarded]: async (learner) => {
      const achievement = await api.db.manager.save(
        api.db.manager.create(Achievement, {
          issuerId: await api.app.get(Issuers).platformIssuerId(),
          scopeType: 'platform',
          name: 'Kiln Keeper',
          description: 'Kept the kiln going.',
          criteriaNarrative: 'Fire the kiln three times.',
        }),
      );
      await api.db.transaction((m) =>
        api.app.get(AwardIssuer).issue(m, [
          {
            achievementId: achievement.id,
            recipientId: learner.user.id,
            source: 'rule',
            awardedBy: null,
            evidence: [],
          },
        ]),
      );
      await releaseAt(await plannedRow(learner, 'badge-awarded'));
      return mailTo(learner, /^You earned a badge: Kiln Keeper$/);
    },
    [NotificationMailKind.Announcement]: async (learner) => {
      const facilitator = await person();
      const { cohort } = await api.make.cohort(facilitator, { title: 'Kilns' });
      await api.make.enrollment(cohort, learner);
      const res = await as(facilitator).post(`/cohorts/${cohort.id}/announcements`, { title: 'Firing', body: 'Thu.' });
      expect(res.status).toBe(201);
      await relay();
      return mailTo(learner, /^\[Kilns\] Firing$/);
    },
  };

  const headerOf = (mail: ReceivedMail, name: string): string | null =>
    mail.headerLines.find((h) => h.key === name)?.line.replace(/^[^:]+:\s*/, '') ?? null;
  const isOff = async (userId: string, category: NotificationCategory): Promise<boolean> => {
    const [row] = await api.db.query<{ off: boolean }[]>(
      `SELECT ${IS_OFF[category]} AS off FROM notification_preferences WHERE user_id = $1`,
      [userId],
    );
    return row!.off;
  };

  it('knows how to produce every kind of email the platform sends, account mail apart', () => {
    const kinds = worker.app.get(EmailComposerRegistry).kinds();
    // The exemptions name real kinds: a renamed account email must not slip out of this test.
    expect(kinds).toEqual(expect.arrayContaining([...ACCOUNT_MAIL]));
    const mustUnsubscribe = kinds.filter((kind) => !ACCOUNT_MAIL.includes(kind));
    expect(Object.keys(PRODUCERS).sort()).toEqual(mustUnsubscribe.sort());
  });

  for (const [kind, produce] of Object.entries(PRODUCERS)) {
    it(`${kind}: List-Unsubscribe with an https URL and one-click POST, which turns its category off`, async () => {
      const recipient = await person();
      const category = categoryOfMail(kind);
      expect(category).not.toBeNull();

      const mail = await produce(recipient);

      const links = (headerOf(mail, 'list-unsubscribe') ?? '').split(',').map((part) => part.trim());
      const https = links.find((link) => link.startsWith('<https://'));
      expect(https).toMatch(/^<https:\/\/learn\.example\.org\/api\/v1\/notifications\/unsubscribe\?token=[^>]+>$/);
      for (const link of links) expect(link).toMatch(/^<(https|mailto):[^>]+>$/);
      expect(headerOf(mail, 'list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');

      // What a mail client does with it: a form-encoded POST, no login.
      expect(await isOff(recipient.user.id, category!)).toBe(false);
      const url = new URL(https!.slice(1, -1));
      const res = await api
        .http()
        .post(`${url.pathname}${url.search}`)
        .set('Content-Type', 'application/x-www-form-urlencoded')
        .send('List-Unsubscribe=One-Click');
      expect(res.status).toBeGreaterThanOrEqual(200);
      expect(res.status).toBeLessThan(300);
      expect(await isOff(recipient.user.id, category!)).toBe(true);
    });
  }
});
