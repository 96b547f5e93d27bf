import { SmtpSink } from '@app/core/testing';
import { startTestApi, type TestApi } from '../support/api-app';
import { randomIp } from '../support/factories';
import { startTestWorker, type TestWorker } from '../support/worker-app';

/** The code an email carries, read the way a person would: from the link in the text part. */
function tokenIn(text: string): string {
  const match = /[?&]token=([A-Za-z0-9_-]+)/.exec(text);
  if (!match?.[1]) throw new Error(`no link with a token in: ${text}`);
  return match[1];
}

describe('emails of the account lifecycle (API + worker + SMTP)', () => {
  let sink: SmtpSink;
  let api: TestApi;
  let worker: TestWorker;

  beforeAll(async () => {
    sink = await new SmtpSink().start();
    api = await startTestApi({ SMTP_URL: sink.url, PUBLIC_URL: 'https://learn.example.org' });
    worker = await startTestWorker(api);
  });
  afterAll(async () => {
    await worker.close();
    await api.close();
    await sink.stop();
  });

  it('sends a verification email in the learner’s language, whose link verifies the address once', async () => {
    const email = 'lucia@example.org';
    const res = await api.http().post('/api/v1/auth/register').set('X-Forwarded-For', randomIp()).send({
      email,
      password: 'una contraseña larga',
      displayName: 'Lucía',
      timeZone: 'America/La_Paz',
      locale: 'es',
    });
    expect(res.status).toBe(201);

    const [mail] = await sink.waitFor((m) => m.to.includes(email));
    expect(mail!.subject).toBe('Confirma tu dirección de correo en Commonplace');
    expect(mail!.text).toContain('Lucía');
    expect(mail!.html).toContain('https://learn.example.org/verify-email?token=');
    const token = tokenIn(mail!.text);

    await api.http().post('/api/v1/auth/verify-email').send({ token }).expect(204);
    const login = await api.http().post('/api/v1/auth/login').send({ email, password: 'una contraseña larga' });
    const me = await api.http().get('/api/v1/users/me').set('Authorization', `Bearer ${login.body.accessToken}`);
    expect(me.body.emailVerified).toBe(true);

    const reused = await api.http().post('/api/v1/auth/verify-email').send({ token });
    expect(reused.status).toBe(400);
    expect(reused.body.code).toBe('invalid_token');
  });

  it('does not send a second copy of the registration email, and none once verified', async () => {
    const { auth, user } = await api.make.user({ verified: true });
    const resend = await api.http().post('/api/v1/auth/verify-email/resend').set('Authorization', auth).send({});
    expect(resend.body).toEqual({ sent: false });
    await new Promise((r) => setTimeout(r, 300));
    expect(sink.to(user.email!)).toHaveLength(0);
  });

  it('resets a forgotten password through the emailed link, signing out every session', async () => {
    const { user, refreshToken, auth } = await api.make.user({ locale: 'fr' });
    const asked = await api.http().post('/api/v1/auth/password-reset').send({ email: user.email });
    expect(asked.status).toBe(202);
    const [mail] = await sink.waitFor((m) => m.to.includes(user.email!) && m.subject.includes('mot de passe'));
    const token = tokenIn(mail!.text);

    const tooShort = await api.http().post('/api/v1/auth/password-reset/confirm').send({ token, newPassword: 'short' });
    expect(tooShort.status).toBe(400);

    await api
      .http()
      .post('/api/v1/auth/password-reset/confirm')
      .send({ token, newPassword: 'a fresh new password' })
      .expect(204);
    expect((await api.http().post('/api/v1/auth/refresh').send({ refreshToken })).status).toBe(401);
    // The access token dies at once too, not when it expires.
    expect((await api.http().get('/api/v1/users/me').set('Authorization', auth)).status).toBe(401);
    const oldLogin = await api
      .http()
      .post('/api/v1/auth/login')
      .send({ email: user.email, password: 'correct horse battery staple' });
    expect(oldLogin.status).toBe(401);
    const newLogin = await api
      .http()
      .post('/api/v1/auth/login')
      .send({ email: user.email, password: 'a fresh new password' });
    expect(newLogin.status).toBe(200);

    const again = await api
      .http()
      .post('/api/v1/auth/password-reset/confirm')
      .send({ token, newPassword: 'yet another password' });
    expect(again.status).toBe(400);
  });

  it('answers a reset request for an unknown address exactly like a known one, and sends nothing', async () => {
    const before = sink.received.length;
    const res = await api.http().post('/api/v1/auth/password-reset').send({ email: 'ghost@example.org' });
    expect(res.status).toBe(202);
    expect(res.text).toBe('');
    await new Promise((r) => setTimeout(r, 300));
    expect(sink.received.length).toBe(before);
  });

  it('refuses an expired reset link', async () => {
    const { user } = await api.make.user();
    await api.http().post('/api/v1/auth/password-reset').send({ email: user.email }).expect(202);
    const [mail] = await sink.waitFor((m) => m.to.includes(user.email!));
    api.clock.advance(61 * 60 * 1000);
    try {
      const res = await api
        .http()
        .post('/api/v1/auth/password-reset/confirm')
        .send({ token: tokenIn(mail!.text), newPassword: 'too late for this' });
      expect(res.status).toBe(400);
    } finally {
      api.clock.set(new Date());
    }
  });

  it('includes the emails sent in the data export, and forgets the address when the account is deleted', async () => {
    const email = 'kwame@example.org';
    const password = 'a password to delete';
    const res = await api
      .http()
      .post('/api/v1/auth/register')
      .send({ email, password, displayName: 'Kwame', timeZone: 'Africa/Accra', locale: 'en' });
    await sink.waitFor((m) => m.to.includes(email));
    // The worker records the server's answer a few milliseconds after it (outcomes are written together).
    for (let tries = 0; tries < 100; tries++) {
      const [row] = await api.db.query<{ status: string }[]>('SELECT status FROM email_deliveries WHERE user_id = $1', [
        res.body.id,
      ]);
      if (row?.status === 'sent') break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const login = await api.http().post('/api/v1/auth/login').send({ email, password });
    const auth = `Bearer ${login.body.accessToken}`;

    const exported = await api.http().get(`/api/v1/users/${res.body.id}/export`).set('Authorization', auth);
    expect(exported.body.sections.emails).toEqual([
      expect.objectContaining({
        kind: 'identity.verify-email',
        status: 'sent',
        toAddress: email,
        subject: expect.any(String),
      }),
    ]);

    await api.http().delete(`/api/v1/users/${res.body.id}`).set('Authorization', auth).send({ password }).expect(204);
    const rows = await api.db.query('SELECT to_address, status FROM email_deliveries WHERE user_id = $1', [
      res.body.id,
    ]);
    expect(rows).toEqual([{ to_address: null, status: 'sent' }]);
  });

  it('keeps every email in the ledger, sent once, with no secret stored', async () => {
    const rows = await api.db.query(`SELECT kind, status, payload::text AS payload FROM email_deliveries`);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r: { status: string }) => r.status === 'sent')).toBe(true);
    expect(rows.map((r: { payload: string }) => r.payload).join('')).not.toMatch(/token/i);
    const messageIds = sink.received.map((m) => m.messageId);
    expect(new Set(messageIds).size).toBe(messageIds.length);
  });
});
