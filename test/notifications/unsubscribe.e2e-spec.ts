import { SmtpSink } from '@app/core/testing';
import { IdentityMailKind } from '@app/identity';
import { DeliveryStatus, EmailDelivery, EmailLedger } from '@app/mail';
import {
  DigestPlanner,
  NotificationCategory,
  NotificationMailKind,
  OutboxRelay,
  UnsubscribeLinks,
} from '@app/notifications';
import { startTestApi, v1, type TestApi } from '../support/api-app';
import type { MadeUser } from '../support/factories';
import { startTestWorker } from '../support/worker-app';

const ONE_CLICK = 'List-Unsubscribe=One-Click';

interface Switches {
  digest: string;
  reminders: boolean;
  announcements: boolean;
}

describe('one-click unsubscribe (RFC 8058)', () => {
  let api: TestApi;
  let sink: SmtpSink;
  let links: UnsubscribeLinks;

  beforeAll(async () => {
    sink = await new SmtpSink().start();
    api = await startTestApi({ PUBLIC_URL: 'https://learn.example.org', SMTP_URL: sink.url });
    links = api.app.get(UnsubscribeLinks);
  });
  afterAll(async () => {
    await api.close();
    await sink.stop();
  });

  const switches = async (userId: string): Promise<Switches> => {
    const [row] = await api.db.query<Switches[]>(
      'SELECT digest, reminders, announcements FROM notification_preferences WHERE user_id = $1',
      [userId],
    );
    return row!;
  };
  const preferenceEvents = async (userId: string): Promise<number> => {
    const [row] = await api.db.query<[{ n: number }]>(
      `SELECT count(*)::int AS n FROM outbox_events WHERE type = 'identity.preferences-changed' AND aggregate_id = $1`,
      [userId],
    );
    return row.n;
  };
  /** The path and query of the link a mail client would take from the header. */
  const headerLink = (person: MadeUser, category: NotificationCategory): string => {
    const header = links.headers(person.user.id, category)['List-Unsubscribe']!;
    const url = new URL(header.slice(1, -1));
    return `${url.pathname}${url.search}`;
  };
  /** What a mail client sends: a form-encoded POST, no cookies, no login. */
  const oneClick = (path: string) =>
    api.http().post(path).set('Content-Type', 'application/x-www-form-urlencoded').send(ONE_CLICK);

  it('puts RFC 2369 and RFC 8058 headers on mail: an https link to the endpoint and the one-click marker', async () => {
    const person = await api.make.user();
    const headers = links.headers(person.user.id, NotificationCategory.Digest);

    expect(headers['List-Unsubscribe']).toMatch(
      /^<https:\/\/learn\.example\.org\/api\/v1\/notifications\/unsubscribe\?token=[A-Za-z0-9._%-]+>$/,
    );
    expect(headers['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
    expect(links.preferencesUrl()).toBe('https://learn.example.org/settings/notifications');
    expect(links.pageUrl(person.user.id, NotificationCategory.Digest)).toBe(headers['List-Unsubscribe']!.slice(1, -1));
  });

  it('turns the category off on a form-encoded POST without login or cookies, once, and records the change', async () => {
    const person = await api.make.user();

    const res = await oneClick(headerLink(person, NotificationCategory.Digest)).expect(200);

    expect(res.body).toEqual({ category: 'digest', unsubscribed: true });
    expect(res.headers['set-cookie']).toBeUndefined();
    expect(await switches(person.user.id)).toEqual({ digest: 'off', reminders: true, announcements: true });
    expect(await preferenceEvents(person.user.id)).toBe(1);

    // Mail clients retry: the second POST succeeds and changes nothing more.
    await oneClick(headerLink(person, NotificationCategory.Digest)).expect(200);
    expect(await preferenceEvents(person.user.id)).toBe(1);
  });

  it('turns off exactly the category of the link: reminders, then announcements', async () => {
    const person = await api.make.user();

    await oneClick(headerLink(person, NotificationCategory.Reminders)).expect(200);
    expect(await switches(person.user.id)).toEqual({ digest: 'daily', reminders: false, announcements: true });

    await oneClick(headerLink(person, NotificationCategory.Announcements)).expect(200);
    expect(await switches(person.user.id)).toEqual({ digest: 'daily', reminders: false, announcements: false });
  });

  it('refuses forged, damaged, foreign and missing tokens with 400 naming token, changing nothing', async () => {
    const victim = await api.make.user();
    const attacker = await api.make.user();
    const genuine = new URL(links.pageUrl(attacker.user.id, NotificationCategory.Digest)).searchParams.get('token')!;
    const [version, , category, signature] = genuine.split('.');
    const forgeries = [
      // The attacker's own signature on the victim's id: the id is signed in.
      `${version}.${victim.user.id}.${category}.${signature}`,
      // The attacker's signature on another category.
      `${version}.${attacker.user.id}.reminders.${signature}`,
      `${genuine.slice(0, -2)}AA`,
      genuine.slice(0, -5),
      'u1.not-a-uuid.digest.xyz',
      '',
    ];

    for (const token of forgeries) {
      const res = await oneClick(`${v1('/notifications/unsubscribe')}?token=${encodeURIComponent(token)}`).expect(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect((res.body as { errors: { field: string }[] }).errors.map((e) => e.field)).toEqual(['token']);
    }
    await oneClick(v1('/notifications/unsubscribe')).expect(400);
    await api
      .http()
      .get(`${v1('/notifications/unsubscribe')}?token=${encodeURIComponent(forgeries[0]!)}`)
      .expect(400);

    expect(await switches(victim.user.id)).toEqual({ digest: 'daily', reminders: true, announcements: true });
    expect(await switches(attacker.user.id)).toEqual({ digest: 'daily', reminders: true, announcements: true });
  });

  it('shows a confirmation page in the person’s language on GET, changing nothing; its button unsubscribes', async () => {
    const person = await api.make.user({ locale: 'es' });
    const link = headerLink(person, NotificationCategory.Reminders);

    const page = await api.http().get(link).expect(200);

    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.headers['set-cookie']).toBeUndefined();
    expect(page.text).toContain('<html lang="es">');
    expect(page.text).toContain('¿Dejar de recibir los recordatorios por correo?');
    expect(page.text).toContain('https://learn.example.org/settings/notifications');
    expect(await switches(person.user.id)).toEqual({ digest: 'daily', reminders: true, announcements: true });
    expect(await preferenceEvents(person.user.id)).toBe(0);

    // The form posts back to the same link (as a browser would: form-encoded, asking for HTML).
    const action = /<form method="post" action="([^"]+)">/.exec(page.text)![1]!.replaceAll('&#x3D;', '=');
    expect(action).toBe(link);
    const done = await oneClick(action).set('Accept', 'text/html,application/xhtml+xml').expect(200);
    expect(done.headers['content-type']).toMatch(/^text\/html/);
    expect(done.text).toContain('Suscripción cancelada');
    expect(await switches(person.user.id)).toEqual({ digest: 'daily', reminders: false, announcements: true });
  });

  it('cancels the pending digest through the relay once digests are turned off', async () => {
    const person = await api.make.user();
    await api.app.get(DigestPlanner).planMissing();
    const pending = async (): Promise<number> => {
      const [row] = await api.db.query<[{ n: number }]>(
        `SELECT count(*)::int AS n FROM scheduled_notifications WHERE user_id = $1 AND kind = 'digest' AND status = 'pending'`,
        [person.user.id],
      );
      return row.n;
    };
    expect(await pending()).toBe(1);

    await oneClick(headerLink(person, NotificationCategory.Digest)).expect(200);
    await api.app.get(OutboxRelay).relay();

    expect(await pending()).toBe(0);
  });

  it('after the POST commits, no mail of that category is sent, even one already queued', async () => {
    const person = await api.make.user();
    const address = person.user.email!;
    const ledger = api.app.get(EmailLedger);
    const queued = await api.db.transaction(async (manager) => {
      const request = (kind: string, key: string) =>
        ledger.request(manager, {
          kind,
          dedupeKey: `${key}:${person.user.id}`,
          userId: person.user.id,
          to: address,
          locale: 'en',
        });
      return {
        digest: (await request(NotificationMailKind.Digest, 'test-digest')).id,
        reminder: (await request(NotificationMailKind.MeetingReminder, 'test-reminder')).id,
        announcement: (await request(NotificationMailKind.Announcement, 'test-announcement')).id,
        // Not a category anyone unsubscribes from: it still goes, and shows the worker ran.
        // (A verified address: unverified ones receive nothing but account emails anyway.)
        reset: (await request(IdentityMailKind.PasswordReset, 'test-reset')).id,
      };
    });
    await ledger.enqueue(Object.values(queued));

    for (const category of Object.values(NotificationCategory)) {
      await oneClick(headerLink(person, category)).expect(200);
    }
    const worker = await startTestWorker(api);
    try {
      await sink.waitFor((m) => m.to.includes(address.toLowerCase()));
      const rows = api.db.getRepository(EmailDelivery);
      for (;;) {
        const open = await rows.count({
          where: Object.values(queued).map((id) => ({ id, status: DeliveryStatus.Pending })),
        });
        const sending = await rows.count({
          where: Object.values(queued).map((id) => ({ id, status: DeliveryStatus.Sending })),
        });
        if (open + sending === 0) break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    } finally {
      await worker.close();
    }

    const byId = async (id: string) => api.db.getRepository(EmailDelivery).findOneByOrFail({ id });
    for (const [id, category] of [
      [queued.digest, 'digest'],
      [queued.reminder, 'reminders'],
      [queued.announcement, 'announcements'],
    ] as const) {
      const row = await byId(id);
      expect(row.status).toBe(DeliveryStatus.Skipped);
      expect(row.lastResponse).toContain(category);
      expect(row.sentAt).toBeNull();
    }
    expect((await byId(queued.reset)).status).toBe(DeliveryStatus.Sent);
    // Only the account email reached the mailbox.
    expect(sink.to(address).map((m) => m.subject)).toHaveLength(1);
  });
});
