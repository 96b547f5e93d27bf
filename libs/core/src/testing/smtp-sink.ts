import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  to: string[];
  subject: string;
  text: string;
  html: string;
  messageId: string | undefined;
  headers: ParsedMail['headers'];
  headerLines: ParsedMail['headerLines'];
  attachments: ParsedMail['attachments'];
}

type Reply = { code: number; message: string; only: (mail: ReceivedMail) => boolean } | null;

/**
 * A real SMTP peer in the test process: the platform's mail provider under test.
 * `failWith` makes it refuse messages (421 for a transient, 550 for a permanent error), all or those `only` picks.
 */
export class SmtpSink {
  readonly received: ReceivedMail[] = [];
  private failure: Reply = null;
  private waiters: (() => void)[] = [];

  private readonly server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData: (stream, _session, callback) => {
      void simpleParser(stream).then(
        (parsed) => {
          const mail = toReceived(parsed);
          if (this.failure?.only(mail)) {
            const err = Object.assign(new Error(this.failure.message), { responseCode: this.failure.code });
            return callback(err);
          }
          this.received.push(mail);
          this.waiters.splice(0).forEach((wake) => wake());
          callback();
        },
        (err: Error) => callback(err),
      );
    },
  });

  private port = 0;

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.server.address() as AddressInfo).port;
    return this;
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  failWith(code: number | null, message = 'Try again later', only: (mail: ReceivedMail) => boolean = () => true): void {
    this.failure = code === null ? null : { code, message, only };
  }

  to(address: string): ReceivedMail[] {
    const wanted = address.toLowerCase();
    return this.received.filter((m) => m.to.includes(wanted));
  }

  /** Resolves when `count` messages match, or rejects after `timeoutMs` naming what arrived instead. */
  async waitFor(match: (m: ReceivedMail) => boolean, count = 1, timeoutMs = 10_000): Promise<ReceivedMail[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.received.filter(match);
      if (found.length >= count) return found;
      const left = deadline - Date.now();
      if (left <= 0) {
        const seen = this.received.map((m) => `${m.to.join(',')}: ${m.subject}`).join('; ') || 'nothing';
        throw new Error(`Expected ${count} matching email(s) within ${timeoutMs} ms; received ${seen}`);
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(left, 200));
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

function toReceived(mail: ParsedMail): ReceivedMail {
  const recipients = [mail.to ?? []].flat().flatMap((a) => a.value.map((v) => (v.address ?? '').toLowerCase()));
  return {
    to: recipients,
    subject: mail.subject ?? '',
    text: mail.text ?? '',
    html: typeof mail.html === 'string' ? mail.html : '',
    messageId: mail.messageId,
    headers: mail.headers,
    headerLines: mail.headerLines,
    attachments: mail.attachments,
  };
}
