import { rm } from 'node:fs/promises';
import { Logger } from '@nestjs/common';
import { TestClock, testConfig } from '@app/core/testing';
import { MailTransport } from '@app/mail';
import { main } from '../scripts/mailbox';

// The transport below is built by hand and would log through Nest's default console logger.
Logger.overrideLogger(false);

describe('npm run mailbox', () => {
  const config = testConfig('postgres://unused@localhost/unused');
  const env = { ...process.env, SMTP_URL: undefined, MAIL_DIR: config.MAIL_DIR };
  const clock = new TestClock('2026-03-01T09:00:00Z');
  let output: string[];
  let log: jest.SpyInstance;

  const send = (to: string, subject: string, text: string): Promise<unknown> =>
    new MailTransport(config, clock).send({
      from: { name: 'Commonplace', address: 'no-reply@commonplace.localhost' },
      to,
      subject,
      text,
      html: `<p>${text}</p>`,
      messageId: `<${subject.replace(/\W/g, '')}@learn.example.org>`,
    });
  beforeEach(() => {
    output = [];
    log = jest.spyOn(console, 'log').mockImplementation((line: string) => void output.push(line));
  });
  afterEach(() => log.mockRestore());
  afterAll(() => rm(config.MAIL_DIR, { recursive: true, force: true }));

  it('says the mailbox is empty and why', async () => {
    expect(await main([], env)).toBe(0);
    expect(output.join('\n')).toContain('is empty. Emails land here as .eml files while SMTP_URL is unset.');
  });

  it('lists messages newest first, limited, and prints one message’s text', async () => {
    await send('ana@example.org', 'Welcome to Commonplace', 'Hello Ana, confirm your address.');
    clock.advance(60_000);
    await send('bo@example.org', 'Your study group meets tomorrow', 'Hi Bo, see you at 10:00.');
    clock.advance(60_000);
    await send('cy@example.org', 'Reset your password', 'Hi Cy, here is your link.');

    expect(await main(['--limit', '2'], env)).toBe(0);
    const listing = output.join('\n');
    expect(listing).toContain('2 newest of 3');
    expect(listing.indexOf('cy@example.org')).toBeGreaterThan(-1);
    expect(listing.indexOf('cy@example.org')).toBeLessThan(listing.indexOf('bo@example.org'));
    expect(listing).not.toContain('ana@example.org');
    expect(listing).toMatch(/\.eml/);

    output.length = 0;
    expect(await main(['--show', '3'], env)).toBe(0);
    const shown = output.join('\n');
    expect(shown).toContain('Subject: Welcome to Commonplace');
    expect(shown).toContain('To:      ana@example.org');
    expect(shown).toContain('Hello Ana, confirm your address.');
  });

  it('explains a bad option or a missing message instead of crashing', async () => {
    const error = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      expect(await main(['--limit', 'many'], env)).toBe(2);
      expect(error).toHaveBeenCalledWith(expect.stringContaining('usage: npm run mailbox'));
      await expect(main(['--show', '99'], env)).rejects.toThrow('The mailbox has no message number 99');
    } finally {
      error.mockRestore();
    }
  });
});
