import { renderInZone } from '@app/core';
import type { ReceivedMail, SmtpSink } from '@app/core/testing';
import { Anonymity } from '@app/courses';
import {
  DigestPlanner,
  leaseExpiringKey,
  NotificationReleaser,
  OutboxRelay,
  reviewReceivedKey,
  RetentionPass,
  reviewsDueKey,
} from '@app/notifications';
import { signedIn, type TestApi } from '../support/api-app';
import type { MadeUser, UserSpec } from '../support/factories';
import { waitForLedgerStatus } from '../support/ledger-status';
import { useMailingStack } from '../support/mailing-stack';
import type { TestWorker } from '../support/worker-app';
import { leaseNext, reviewCohort, reviewNext, submitReview, submitWork } from '../support/peer-review-flow';

const PUBLIC_URL = 'https://learn.example.org';
/** Module 1's review window closes then for everyone (fixed deadlines, UTC cohort: see reviewCohort). */
const CLOSES = new Date('2026-03-11T23:59:00Z');

/**
 * Peer-review notifications end to end: the API's peer-review endpoints write outbox events, the real relay plans
 * them, the releaser turns them into ledger rows (or digest lines) and the worker sends them to a real SMTP peer;
 * the clock is injected. Each email arrives once, re-checked at send time, and never names an anonymous reviewer
 * (nor, in double-blind, an author) in a header, a body or a digest line.
 */
describe('peer-review notifications (API + worker + SMTP)', () => {
  let sink: SmtpSink;
  let api: TestApi;
  let worker: TestWorker;
  // Retention's windows as deployed (tests elsewhere keep everything): the last test checks it takes these rows.
  const RETENTION = { RETENTION_OUTBOX_DAYS: '30', RETENTION_SCHEDULE_DAYS: '30', RETENTION_EMAIL_DAYS: '90' };
  useMailingStack({ PUBLIC_URL, ...RETENTION }, (stack) => ({ sink, api, worker } = stack));

  const as = (who: MadeUser) => signedIn(api, who);
  const release = async () => {
    await drain();
    return worker.app.get(NotificationReleaser).releaseDue();
  };
  const at = (iso: string | Date) => api.clock.set(new Date(iso).toISOString());
  /** Relays until no event is left (the worker's own relay tick may hold some for a moment). */
  async function drain(): Promise<void> {
    for (let tries = 0; tries < 100; tries++) {
      await worker.app.get(OutboxRelay).relay();
      const [left] = await api.db.query<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM outbox_events WHERE published_at IS NULL AND quarantined_at IS NULL`,
      );
      if (left!.n === 0) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error('the outbox did not drain');
  }
  /** Waits until none of these people's emails is still pending or being sent. */
  async function settle(people: readonly MadeUser[], exceptKeys: readonly string[] = []): Promise<void> {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const [busy] = await api.db.query<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM email_deliveries
          WHERE user_id = ANY($1::uuid[]) AND status IN ('pending', 'sending') AND NOT dedupe_key = ANY($2::varchar[])`,
        [people.map((p) => p.user.id), exceptKeys],
      );
      if (busy!.n === 0) return;
      if (Date.now() > deadline) {
        const rows = await api.db.query(
          `SELECT dedupe_key, status, next_attempt_at FROM email_deliveries
          WHERE user_id = ANY($1::uuid[]) AND status IN ('pending', 'sending')`,
          [people.map((p) => p.user.id)],
        );
        throw new Error(`emails still pending ${JSON.stringify(rows)}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  const person = async (spec: UserSpec) => {
    const made = await api.make.user({ locale: 'en', timeZone: 'UTC', ...spec });
    await api.db.query(`UPDATE notification_preferences SET digest = 'off' WHERE user_id = $1`, [made.user.id]);
    return made;
  };
  const mailsTo = (who: MadeUser, subject: RegExp) => sink.to(who.user.email!).filter((m) => subject.test(m.subject));
  const oneMail = async (who: MadeUser, subject: RegExp): Promise<ReceivedMail> => {
    const [mail] = await sink.waitFor((m) => m.to.includes(who.user.email!) && subject.test(m.subject));
    return mail!;
  };
  /** Everything a mail client could show: every header line, the text and the HTML. */
  const everything = (mail: ReceivedMail) =>
    [...mail.headerLines.map((h) => h.line), mail.subject, mail.text, mail.html].join('\n');
  const expectNotNaming = (mail: ReceivedMail, people: readonly MadeUser[]) => {
    const shown = everything(mail);
    for (const who of people) {
      expect(shown).not.toContain(who.user.displayName);
      expect(shown.toLowerCase()).not.toContain(who.user.email!.toLowerCase());
    }
  };
  const authorOf = async (submissionId: string) =>
    (
      await api.db.query<{ author_id: string }[]>(`SELECT author_id FROM peer_review_submissions WHERE id = $1`, [
        submissionId,
      ])
    )[0]!.author_id;

  it('double-blind: assigned, lease warning, review received, reviews due, scores released, short of k; each once, no names', async () => {
    at('2026-03-03T12:00:00Z');
    const fatima = await person({ displayName: 'Facilitator Fatima' });
    const ana = await person({ displayName: 'Ana Authorsdottir', timeZone: 'America/La_Paz' });
    const bo = await person({ displayName: 'Bongani Reviewerson', timeZone: 'Asia/Kathmandu' });
    const cy = await person({ displayName: 'Cyrus Thirdman' });
    const learners = [ana, bo, cy];
    // Bo's quiet hours: 22:00-07:00 in Kathmandu.
    await api.db.query(
      `UPDATE notification_preferences SET quiet_start_minute = 1320, quiet_end_minute = 420 WHERE user_id = $1`,
      [bo.user.id],
    );
    const rc = await reviewCohort(api, fatima, learners);
    const link = (path: string) => `${PUBLIC_URL}/cohorts/${rc.cohort.id}/assignments/${rc.assignmentId}${path}`;
    const submissionOf = new Map<string, string>();
    for (const learner of learners) submissionOf.set(learner.user.id, await submitWork(api, rc, learner));

    // 1. Review assigned: to Bo, the lease's end in his zone, a link to the review; the author unnamed.
    const boLease = await leaseNext(api, rc, bo);
    await release();
    const assigned = await oneMail(bo, /^Review assigned: Seal the tube$/);
    expect(assigned.text).toContain(renderInZone(boLease.leaseExpiresAt, 'Asia/Kathmandu', 'en'));
    expect(assigned.text).toContain('(Asia/Kathmandu)');
    expect(assigned.text).toContain(link(`/reviews/${boLease.reviewId}`));
    expect(assigned.text).toContain('Biogas, spring cohort');

    // 2. Thirty minutes before the lease ends, still a draft: the warning, once.
    at(new Date(boLease.leaseExpiresAt.getTime() - 30 * 60_000 + 10_000));
    await release();
    const warning = await oneMail(bo, /^Your review lease ends in 30 min: Seal the tube$/);
    expect(warning.text).toContain(renderInZone(boLease.leaseExpiresAt, 'Asia/Kathmandu', 'en'));

    // 3. Bo submits: the author hears a review arrived, not from whom.
    await submitReview(api, rc, bo, boLease.reviewId);
    await release();
    const authorId = await authorOf(boLease.submissionId);
    const author = learners.find((l) => l.user.id === authorId)!;
    expect(author).not.toBe(bo);
    const received = await oneMail(author, /^A review of your work arrived: Seal the tube$/);
    expect(received.text).toContain('Your work for Seal the tube in Biogas, spring cohort received a review.');
    expect(received.text).toContain('Reviews in: 1 of 2.');
    expect(received.text).toContain(link('/submissions/mine'));

    // 4. Cy renews his lease: the warning planned for the first lease goes nowhere (checked at send time).
    const cyLease = await leaseNext(api, rc, cy);
    await release();
    at(new Date(api.clock.now().getTime() + 20 * 60_000));
    expect((await as(cy).post(`${rc.base}/reviews/${cyLease.reviewId}/lease`)).status).toBe(200);
    at(new Date(cyLease.leaseExpiresAt.getTime() - 30 * 60_000 + 10_000));
    await release();
    await waitForLedgerStatus(api.db, leaseExpiringKey(cyLease.reviewId, cyLease.leaseExpiresAt), 'skipped');
    await submitReview(api, rc, cy, cyLease.reviewId);
    // Ana gives both her reviews: she owes none.
    await reviewNext(api, rc, ana);
    await reviewNext(api, rc, ana);
    await release();

    // 5. A facilitator releases the scores: every author with a review hears it, once.
    at('2026-03-05T09:00:00Z');
    expect((await as(fatima).post(`${rc.base}/scores/release`)).status).toBe(200);
    await release();
    for (const learner of learners) {
      const ready = await oneMail(learner, /^Your reviews and score are ready: Seal the tube$/);
      expect(ready.text).toContain(link('/scores/mine'));
    }

    // 6. 24 h before the window closes: Cy still owes one review; Ana owes none (skipped); Bo's reminder waits for
    // the end of his quiet hours (23:59 UTC is 05:44 in Kathmandu; 07:00 there is 01:15 UTC).
    at('2026-03-11T00:00:00Z');
    await release();
    const due = await oneMail(cy, /^Reviews due in 24 hours: Seal the tube$/);
    expect(due.text).toContain(`closes ${renderInZone(CLOSES, 'UTC', 'en')}. You still owe 1 of your reviews.`);
    await waitForLedgerStatus(api.db, reviewsDueKey(submissionOf.get(ana.user.id)!, CLOSES), 'skipped');
    const [boDue] = await api.db.query<{ next_attempt_at: Date }[]>(
      `SELECT next_attempt_at FROM email_deliveries WHERE dedupe_key = $1`,
      [reviewsDueKey(submissionOf.get(bo.user.id)!, CLOSES)],
    );
    expect(boDue!.next_attempt_at.toISOString()).toBe('2026-03-11T01:15:00.000Z');

    // 7. The window closes: the facilitators hear how many submissions are short of k, with the queue's link; the
    // scores already announced are not announced again.
    const [short] = await api.db.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM peer_review_submissions s
        WHERE s.cohort_id = $1
          AND (SELECT count(*) FROM peer_reviews r WHERE r.submission_id = s.id AND r.submitted_at IS NOT NULL) < 2`,
      [rc.cohort.id],
    );
    expect(short!.n).toBeGreaterThan(0);
    at('2026-03-12T00:00:30Z');
    await release();
    const queue = await oneMail(fatima, /^Short of reviews: \d+ submissions of Seal the tube$/);
    expect(queue.subject).toBe(`Short of reviews: ${short!.n} submissions of Seal the tube`);
    expect(queue.text).toContain(`with ${short!.n} submissions short of 2 reviews`);
    expect(queue.text).toContain(link('/review-queue'));

    // Nothing more comes of relaying and releasing again; each email arrived once.
    await release();
    await release();
    // Bo's reminder waits in the queue for his morning, in real time: not counted here.
    await settle([fatima, ...learners], [reviewsDueKey(submissionOf.get(bo.user.id)!, CLOSES)]);
    expect(mailsTo(bo, /^Review assigned/)).toHaveLength(1);
    expect(mailsTo(cy, /^Review assigned/)).toHaveLength(1);
    // Ana's leases were submitted before their "review assigned" went: checked at send time, not sent.
    expect(mailsTo(ana, /^Review assigned/)).toHaveLength(0);
    expect(mailsTo(bo, /^Your review lease ends/)).toHaveLength(1);
    expect(mailsTo(cy, /^Your review lease ends/)).toHaveLength(0);
    expect(mailsTo(cy, /^Reviews due/)).toHaveLength(1);
    expect(mailsTo(bo, /^Reviews due/)).toHaveLength(0);
    expect(mailsTo(ana, /^Reviews due/)).toHaveLength(0);
    expect(mailsTo(fatima, /^Short of reviews/)).toHaveLength(1);
    const reviewsOf = async (who: MadeUser) =>
      (
        await api.db.query<{ n: number }[]>(
          `SELECT count(*)::int AS n FROM peer_reviews WHERE submission_id = $1 AND submitted_at IS NOT NULL`,
          [submissionOf.get(who.user.id)],
        )
      )[0]!.n;
    for (const learner of learners) {
      expect(mailsTo(learner, /^A review of your work arrived/)).toHaveLength(await reviewsOf(learner));
      expect(mailsTo(learner, /^Your reviews and score are ready/)).toHaveLength(1);
      // Double-blind: no email to a learner names another learner, reviewer or author, anywhere.
      const mails = sink.to(learner.user.email!);
      expect(mails.length).toBeGreaterThan(0);
      for (const mail of mails)
        expectNotNaming(
          mail,
          learners.filter((other) => other !== learner),
        );
    }
  });

  it('names the reviewer to the author only when the assignment is open', async () => {
    const byMode = async (anonymity: Anonymity) => {
      at('2026-03-03T12:00:00Z');
      const author = await person({ displayName: `Alma Author ${anonymity}` });
      const reviewer = await person({ displayName: `Rafa Reviewer ${anonymity}` });
      const rc = await reviewCohort(api, await person({ displayName: 'Fac' }), [author, reviewer], {
        review: { reviewsPerSubmission: 1, reviewsPerLearner: 1, anonymity },
      });
      await submitWork(api, rc, author);
      await submitWork(api, rc, reviewer);
      await reviewNext(api, rc, reviewer);
      await release();
      return { mail: await oneMail(author, /^A review of your work arrived/), reviewer };
    };

    const single = await byMode(Anonymity.SingleBlind);
    expect(single.mail.text).toContain('received a review.');
    expectNotNaming(single.mail, [single.reviewer]);

    const open = await byMode(Anonymity.Open);
    expect(open.mail.text).toContain(`Rafa Reviewer open reviewed your work for Seal the tube`);
    expect(open.mail.html).toContain('Rafa Reviewer open');
    // Still never the reviewer's address.
    expect(everything(open.mail).toLowerCase()).not.toContain(open.reviewer.user.email!.toLowerCase());
  });

  it('for those who chose the digest: no email, one digest line, no reviewer named', async () => {
    at('2026-03-03T12:00:00Z');
    const author = await api.make.user({ displayName: 'Dina Digest', locale: 'en', timeZone: 'UTC' });
    const reviewer = await person({ displayName: 'Rolf Hiddenname' });
    const res = await as(author).patch('/users/me', {
      notifications: { digest: 'daily', reviewActivityDelivery: 'digest' },
    });
    expect(res.status).toBe(200);
    expect(res.body.notifications.reviewActivityDelivery).toBe('digest');
    const rc = await reviewCohort(api, await person({ displayName: 'Fac' }), [author, reviewer], {
      review: { reviewsPerSubmission: 1, reviewsPerLearner: 1, anonymity: Anonymity.DoubleBlind },
    });
    await drain();
    await worker.app.get(DigestPlanner).planMissing();
    await submitWork(api, rc, author);
    await submitWork(api, rc, reviewer);
    at('2026-03-03T12:05:00Z');
    const { reviewId } = await leaseNext(api, rc, reviewer);
    await release();
    // The reviewer, who reads review activity by email, got "review assigned"; the author no email of the review.
    await oneMail(reviewer, /^Review assigned/);
    await submitReview(api, rc, reviewer, reviewId);
    await release();
    const [ledger] = await api.db.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM email_deliveries WHERE dedupe_key = $1`,
      [reviewReceivedKey(reviewId)],
    );
    expect(ledger!.n).toBe(0);

    at('2026-03-04T08:00:30Z');
    await release();
    const digest = await oneMail(author, /Commonplace digest/);
    expect(digest.text).toContain('Peer review');
    expect(digest.text).toContain('Seal the tube: a review of your work arrived');
    expect(digest.html).toContain('Seal the tube: a review of your work arrived');
    expectNotNaming(digest, [reviewer]);
    expect(mailsTo(author, /^A review of your work arrived/)).toHaveLength(0);

    // The next day's digest does not repeat it.
    at('2026-03-05T08:00:30Z');
    await release();
    await settle([author]);
    for (const mail of sink.to(author.user.email!).filter((m) => m !== digest)) {
      expect(mail.text).not.toContain('a review of your work arrived');
    }

    // Retention takes finished peer-review rows (schedule and ledger, digest lines included) with the rest.
    const finished = async () =>
      api.db.query<{ key: string }[]>(
        `SELECT dedupe_key AS key FROM scheduled_notifications WHERE dedupe_key LIKE 'pr:%' AND status <> 'pending'
         UNION ALL
         SELECT dedupe_key FROM email_deliveries WHERE dedupe_key LIKE 'pr:%' AND status IN ('sent', 'skipped')`,
      );
    expect((await finished()).length).toBeGreaterThan(0);
    // Past every window, the ledger's counted from when its rows last changed (in real time).
    at(new Date(Date.now() + 120 * 24 * 3600_000));
    await worker.app.get(RetentionPass).run();
    expect(await finished()).toEqual([]);
  });
});
