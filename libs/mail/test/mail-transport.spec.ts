import { readdir, readFile, rm } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import { simpleParser } from 'mailparser';
import { SmtpSink, TestClock, testConfig } from '@app/core/testing';
import { DeliveryStatus, EmailDispatcher, MailDeliveryError, MailTransport, type OutgoingEmail } from '@app/mail';
import { startMailTestApp } from './support/mail-test-app';

// The transports built by hand below log through Nest's default console logger.
Logger.overrideLogger(false);

const message = (to: string, subject: string): OutgoingEmail => ({
  from: { name: 'Commonplace', address: 'no-reply@commonplace.localhost' },
  to,
  subject,
  html: '<p>Your study group meets <strong>tomorrow</strong>.</p>',
  text: 'Your study group meets tomorrow.',
  messageId: `<${subject.replace(/\W/g, '')}@learn.example.org>`,
  headers: { 'List-Unsubscribe': '<https://learn.example.org/u/abc>' },
});

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('MailTransport: the dev mailbox (no SMTP_URL)', () => {
  const config = testConfig('postgres://unused@localhost/unused');
  const clock = new TestClock('2026-03-01T09:00:00Z');
  const transport = new MailTransport(config, clock);

  afterAll(() => rm(config.MAIL_DIR, { recursive: true, force: true }));

  it('writes each message as a readable .eml file, newest last in name order, and nothing else', async () => {
    const first = await transport.send(message('ana@example.org', 'First of two'));
    clock.advance(1000);
    await transport.send(message('ana@example.org', 'Second of two'));

    const files = (await readdir(config.MAIL_DIR)).sort();
    expect(files).toEqual([
      '2026-03-01T09-00-00.000Z_Firstoftwo_learn.example.org.eml',
      '2026-03-01T09-00-01.000Z_Secondoftwo_learn.example.org.eml',
    ]);
    expect(first).toEqual({
      messageId: '<Firstoftwo@learn.example.org>',
      response: `saved to the dev mailbox: ${join(config.MAIL_DIR, files[0]!)}`,
    });

    const parsed = await simpleParser(await readFile(join(config.MAIL_DIR, files[0]!)));
    expect(parsed.subject).toBe('First of two');
    expect(parsed.messageId).toBe('<Firstoftwo@learn.example.org>');
    expect(parsed.text?.trim()).toBe('Your study group meets tomorrow.');
    expect(parsed.html).toContain('<strong>tomorrow</strong>');
    expect([parsed.to].flat()[0]?.value[0]?.address).toBe('ana@example.org');
    expect(parsed.headerLines.find((h) => h.key === 'list-unsubscribe')?.line).toContain(
      'https://learn.example.org/u/abc',
    );
  });

  it('sends accented text as base64 parts that read back exactly, and plain short ASCII as it is', async () => {
    const accented = {
      ...message('dani@example.org', 'Accents'),
      html: '<p>¿Quién terminó el módulo? Ana escribió: «très bien».</p>',
      text: '¿Quién terminó el módulo? Ana escribió: «très bien».',
    };
    await transport.send(accented);
    await transport.send(message('dani@example.org', 'Plain'));

    const files = await readdir(config.MAIL_DIR);
    const fileNamed = (name: string) => join(config.MAIL_DIR, files.find((f) => f.includes(name)) ?? name);
    const raw = (name: string) => readFile(fileNamed(name), 'utf8');
    const accentedRaw = await raw('Accents');
    expect(accentedRaw.match(/Content-Transfer-Encoding: \S+/g)).toEqual([
      'Content-Transfer-Encoding: base64',
      'Content-Transfer-Encoding: base64',
    ]);
    expect(accentedRaw).toContain('Content-Type: text/html; charset=utf-8');
    const parsed = await simpleParser(accentedRaw);
    expect(parsed.text?.trim()).toBe(accented.text);
    expect(parsed.html).toBe(accented.html);
    expect((await raw('Plain')).match(/Content-Transfer-Encoding: \S+/g)).toEqual([
      'Content-Transfer-Encoding: 7bit',
      'Content-Transfer-Encoding: 7bit',
    ]);
  });

  it('keeps both copies of one email sent twice at the same instant', async () => {
    await transport.send(message('bo@example.org', 'Twice'));
    await transport.send(message('bo@example.org', 'Twice'));
    const copies = (await readdir(config.MAIL_DIR)).filter((f) => f.includes('Twice'));
    expect(copies).toHaveLength(2);
  });

  it('delivers through the dispatcher into the mailbox, and the ledger says where', async () => {
    const t = await startMailTestApp({ smtp: false });
    try {
      const id = await t.requestGreeting('cy@example.org', { payload: { name: 'Cy' } });
      expect(await t.app.get(EmailDispatcher).dispatch(id)).toEqual({ outcome: 'sent', attempts: 1 });

      const [file] = await readdir(t.config.MAIL_DIR);
      const parsed = await simpleParser(await readFile(join(t.config.MAIL_DIR, file!)));
      expect(parsed.subject).toBe('Welcome to the circle, Cy & friends');
      const row = await t.row(id);
      expect(row.status).toBe(DeliveryStatus.Sent);
      expect(row.lastResponse).toBe(`saved to the dev mailbox: ${join(t.config.MAIL_DIR, file!)}`);
    } finally {
      await t.close();
    }
  });
});

describe('MailTransport: SMTP', () => {
  let sink: SmtpSink;
  let transport: MailTransport;

  beforeAll(async () => {
    sink = await new SmtpSink().start();
    transport = new MailTransport(
      testConfig('postgres://unused@localhost/unused', { SMTP_URL: sink.url }),
      new TestClock(),
    );
  });
  afterEach(() => sink.failWith(null));
  afterAll(async () => {
    transport.onApplicationShutdown();
    await sink.stop();
  });

  it('hands messages to the server and reports its answer', async () => {
    const result = await transport.send(message('di@example.org', 'Over SMTP'));
    expect(result.messageId).toBe('<OverSMTP@learn.example.org>');
    expect(result.response).toMatch(/^250 /);
    const [mail] = await sink.waitFor((m) => m.to.includes('di@example.org'));
    expect(mail!.subject).toBe('Over SMTP');
  });

  it('calls a 4xx answer transient and a 5xx answer permanent', async () => {
    sink.failWith(421, 'Busy, come back later');
    await expect(transport.send(message('ed@example.org', 'Busy'))).rejects.toMatchObject({
      kind: 'transient',
      responseCode: 421,
    });
    sink.failWith(550, 'No such user');
    const refused = await transport.send(message('ed@example.org', 'Refused')).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(MailDeliveryError);
    expect(refused).toMatchObject({ kind: 'permanent', responseCode: 550 });
    expect((refused as MailDeliveryError).response).toContain('No such user');
    expect(sink.to('ed@example.org')).toHaveLength(0);
  });

  it('calls an unreachable server transient', async () => {
    const port = await closedPort();
    const nowhere = new MailTransport(
      testConfig('postgres://unused@localhost/unused', { SMTP_URL: `smtp://127.0.0.1:${port}` }),
      new TestClock(),
    );
    try {
      await expect(nowhere.send(message('fi@example.org', 'Nowhere'))).rejects.toMatchObject({ kind: 'transient' });
    } finally {
      nowhere.onApplicationShutdown();
    }
  });
});
