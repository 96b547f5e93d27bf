import { Achievement, AwardIssuer, AwardRevocation, BadgeUrls, Issuers } from '@app/badges';
import type { ReceivedMail, SmtpSink } from '@app/core/testing';
import { badgeAwardedKey, DigestPlanner, NotificationReleaser, OutboxRelay } from '@app/notifications';
import { signedIn, type TestApi } from '../support/api-app';
import type { MadeUser, UserSpec } from '../support/factories';
import { useMailingStack } from '../support/mailing-stack';
import type { TestWorker } from '../support/worker-app';

const PUBLIC_URL = 'https://learn.example.org';

/**
 * "You earned a badge" end to end: AwardIssuer records `badge.awarded`, the real relay plans it, the releaser emails
 * it (or sets it aside for the digest) and the worker sends it to a real SMTP peer. Once per award whatever the
 * relay repeats, in the reader's language, linking to the credential; nothing for a revoked badge.
 */
describe('badge notifications (API + worker + SMTP)', () => {
  let sink: SmtpSink;
  let api: TestApi;
  let worker: TestWorker;
  useMailingStack({ PUBLIC_URL }, (stack) => ({ sink, api, worker } = stack));

  const at = (iso: string) => api.clock.set(new Date(iso).toISOString());
  const release = async () => {
    await drain();
    return worker.app.get(NotificationReleaser).releaseDue();
  };
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
  /** Waits until none of this person's emails is still pending or being sent. */
  async function settle(who: MadeUser): Promise<void> {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const [busy] = await api.db.query<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM email_deliveries WHERE user_id = $1 AND status IN ('pending', 'sending')`,
        [who.user.id],
      );
      if (busy!.n === 0) return;
      if (Date.now() > deadline) throw new Error('emails still pending');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  const person = async (spec: UserSpec = {}) => {
    const made = await api.make.user({ locale: 'en', timeZone: 'UTC', ...spec });
    await api.db.query(`UPDATE notification_preferences SET digest = 'off' WHERE user_id = $1`, [made.user.id]);
    return made;
  };
  const mailsTo = (who: MadeUser, subject: RegExp) => sink.to(who.user.email!).filter((m) => subject.test(m.subject));
  const oneMail = async (who: MadeUser, subject: RegExp): Promise<ReceivedMail> => {
    const [mail] = await sink.waitFor((m) => m.to.includes(who.user.email!) && subject.test(m.subject));
    return mail!;
  };

  async function award(who: MadeUser, name: string): Promise<string> {
    const achievement = await api.db.manager.save(
      api.db.manager.create(Achievement, {
        issuerId: await api.app.get(Issuers).platformIssuerId(),
        scopeType: 'platform',
        name,
        description: 'Kept the digester running.',
        criteriaNarrative: 'Attend eight meetings.',
      }),
    );
    const [outcome] = await api.db.transaction((m) =>
      api.app
        .get(AwardIssuer)
        .issue(m, [
          { achievementId: achievement.id, recipientId: who.user.id, source: 'rule', awardedBy: null, evidence: [] },
        ]),
    );
    return outcome!.awardId!;
  }
  const ledgerRows = async (awardId: string) =>
    (
      await api.db.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM email_deliveries WHERE dedupe_key = $1`, [
        badgeAwardedKey(awardId),
      ])
    )[0]!.n;

  it('emails "you earned a badge" once, in the reader’s language, linking to the credential, however often relayed', async () => {
    at('2026-05-04T10:00:00Z');
    const ana = await person({ displayName: 'Ana Quispe', locale: 'es' });
    const awardId = await award(ana, 'Guardiana del biodigestor');
    await release();
    const mail = await oneMail(ana, /^Obtuviste una insignia: Guardiana del biodigestor$/);
    const credentialUrl = api.app.get(BadgeUrls).credential(awardId);
    expect(credentialUrl.startsWith(`${PUBLIC_URL}/api/v1/badges/credentials/`)).toBe(true);
    expect(mail.text).toContain('Hola, Ana Quispe:');
    expect(mail.text).toContain(credentialUrl);
    expect(mail.html).toContain(`href="${credentialUrl}"`);
    await settle(ana);

    // The relay hands the event over again (at-least-once): nothing new is planned or sent.
    await api.db.query(
      `UPDATE outbox_events SET published_at = NULL WHERE type = 'badge.awarded' AND aggregate_id = $1`,
      [awardId],
    );
    await release();
    // Even with its schedule row gone (retention), the ledger's key stops a second email.
    await api.db.query(`DELETE FROM scheduled_notifications WHERE dedupe_key = $1`, [badgeAwardedKey(awardId)]);
    await api.db.query(
      `UPDATE outbox_events SET published_at = NULL WHERE type = 'badge.awarded' AND aggregate_id = $1`,
      [awardId],
    );
    await release();
    await settle(ana);
    expect(mailsTo(ana, /insignia/)).toHaveLength(1);
    expect(await ledgerRows(awardId)).toBe(1);
  });

  it('sends nothing for a badge revoked before its email went', async () => {
    at('2026-05-04T11:00:00Z');
    const bo = await person({ displayName: 'Bo Revoked' });
    // Revoked before the relay saw it: nothing planned.
    const early = await award(bo, 'Early Bird');
    await api.app.get(AwardRevocation).revoke(early, 'Awarded by mistake', null);
    // Planned, then revoked before it was released: the pending row is cancelled.
    await drain();
    const late = await award(bo, 'Night Owl');
    await drain();
    await api.app.get(AwardRevocation).revoke(late, 'Awarded by mistake', null);
    await release();
    // A control badge, so the test waits for something that does arrive.
    await award(bo, 'Steady Hand');
    await release();
    await oneMail(bo, /^You earned a badge: Steady Hand$/);
    await settle(bo);
    expect(mailsTo(bo, /^You earned a badge/).map((m) => m.subject)).toEqual(['You earned a badge: Steady Hand']);
    expect(await ledgerRows(early)).toBe(0);
    expect(await ledgerRows(late)).toBe(0);
  });

  it('sends nothing to someone who turned badge emails off', async () => {
    at('2026-05-04T12:00:00Z');
    const cy = await person({ displayName: 'Cy Quiet' });
    const res = await signedIn(api, cy).patch('/users/me', { notifications: { categories: { badges: false } } });
    expect(res.status).toBe(200);
    const awardId = await award(cy, 'Silent Helper');
    await release();
    await settle(cy);
    expect(mailsTo(cy, /badge/i)).toHaveLength(0);
    const [row] = await api.db.query<{ status: string }[]>(
      `SELECT status FROM email_deliveries WHERE dedupe_key = $1`,
      [badgeAwardedKey(awardId)],
    );
    expect(row?.status ?? 'none').not.toBe('sent');
  });

  it('for those who chose the digest: no email, one line in the next digest linking to the credential', async () => {
    at('2026-05-05T06:00:00Z');
    const dina = await api.make.user({ displayName: 'Dina Digest', locale: 'fr', timeZone: 'UTC' });
    const res = await signedIn(api, dina).patch('/users/me', {
      notifications: { digest: 'daily', digestHour: 8, badgeDelivery: 'digest' },
    });
    expect(res.status).toBe(200);
    expect(res.body.notifications.badgeDelivery).toBe('digest');
    const bad = await signedIn(api, dina).patch('/users/me', { notifications: { badgeDelivery: 'hourly' } });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toContain('notifications.badgeDelivery');
    await drain();
    await worker.app.get(DigestPlanner).planMissing();

    at('2026-05-05T07:00:00Z');
    const awardId = await award(dina, 'Tisseuse de liens');
    await release();
    expect(await ledgerRows(awardId)).toBe(0);

    at('2026-05-05T08:00:30Z');
    await release();
    const digest = await oneMail(dina, /résumé Commonplace/);
    const credentialUrl = api.app.get(BadgeUrls).credential(awardId);
    expect(digest.text).toContain('Vous avez obtenu un badge : Tisseuse de liens');
    expect(digest.text).toContain(credentialUrl);
    expect(digest.html).toContain(`href="${credentialUrl}"`);
    expect(mailsTo(dina, /^Vous avez obtenu un badge/)).toHaveLength(0);

    // The next day's digest does not repeat it.
    at('2026-05-06T08:00:30Z');
    await release();
    await settle(dina);
    for (const mail of sink.to(dina.user.email!).filter((m) => m !== digest)) {
      expect(mail.text).not.toContain('Tisseuse de liens');
    }
  });
});
