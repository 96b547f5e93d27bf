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

/** A message refused with `code`: the client was told so, and the message does not count as received. */
export interface RefusedMail {
  mail: ReceivedMail;
  code: number;
}

/** A message read in full but not answered yet (see `hold`). */
interface HeldMail {
  mail: ReceivedMail;
  sessionId: string;
  answer: (err?: Error) => void;
}

/**
 * A real SMTP peer in the test process: the platform's mail provider under test.
 * `failWith` makes it refuse messages (421 for a transient, 550 for a permanent error), all or those `only` picks.
 * `hold` makes it stop answering after some messages, as a slow provider would, so a test can act (kill a worker,
 * flush Redis) while messages are in flight.
 */
export class SmtpSink {
  /** Messages the server answered 250 to, in that order. */
  readonly received: ReceivedMail[] = [];
  /** Messages the server answered with an error (`failWith`), in that order. */
  readonly refused: RefusedMail[] = [];
  private failure: Reply = null;
  private waiters: (() => void)[] = [];
  /** Messages still to answer before holding; null: not holding. */
  private answerBeforeHolding: number | null = null;
  private heldMail: HeldMail[] = [];
  /** Sessions whose client has gone: a message of theirs still being parsed is dropped, not held. */
  private readonly closedSessions = new Set<string>();

  private readonly server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData: (stream, session, callback) => {
      void simpleParser(stream).then(
        (parsed) => {
          const mail = toReceived(parsed);
          if (this.closedSessions.has(session.id)) return;
          if (this.answerBeforeHolding !== null && this.answerBeforeHolding <= 0) {
            this.heldMail.push({ mail, sessionId: session.id, answer: callback });
            return;
          }
          if (this.answerBeforeHolding !== null) this.answerBeforeHolding -= 1;
          this.answer(mail, callback);
        },
        (err: Error) => callback(err),
      );
    },
    onClose: (session) => {
      // The client went away without an answer (a killed worker): a message it was waiting on was never
      // acknowledged, so it was not received, whether held or still being parsed. The client must send it again.
      this.closedSessions.add(session.id);
      this.heldMail = this.heldMail.filter((held) => held.sessionId !== session.id);
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

  /**
   * Answers `answered` more messages, then reads each further one in full and leaves it unanswered until
   * `stopHolding`. A held message whose client disconnects is dropped: it never counts as received.
   */
  hold(answered = 0): void {
    this.answerBeforeHolding = answered;
  }

  /** Messages held now, from clients still connected. */
  get held(): number {
    return this.heldMail.length;
  }

  /**
   * Answers every message from now on, and the held ones whose client is still connected (in arrival order). A
   * client that died is noticed when its connection closes: wait for `held` to drop before calling this.
   */
  stopHolding(): void {
    this.answerBeforeHolding = null;
    for (const held of this.heldMail.splice(0)) this.answer(held.mail, held.answer);
  }

  /** Refused messages to `address`: one per attempt the server refused. */
  refusedTo(address: string): RefusedMail[] {
    const wanted = address.toLowerCase();
    return this.refused.filter((r) => r.mail.to.includes(wanted));
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
    // A held message would keep its connection, and so the server, open until the close timeout.
    for (const held of this.heldMail.splice(0)) held.answer(smtpError(421, 'Server shutting down'));
    this.answerBeforeHolding = null;
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private answer(mail: ReceivedMail, callback: (err?: Error) => void): void {
    if (this.failure?.only(mail)) {
      this.refused.push({ mail, code: this.failure.code });
      return callback(smtpError(this.failure.code, this.failure.message));
    }
    this.received.push(mail);
    this.waiters.splice(0).forEach((wake) => wake());
    callback();
  }
}

const smtpError = (code: number, message: string): Error => Object.assign(new Error(message), { responseCode: code });

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
