import 'reflect-metadata';
import { performance } from 'node:perf_hooks';
import { createTransport } from 'nodemailer';
import SMTPPool from 'nodemailer/lib/smtp-pool';
import { DataSource } from 'typeorm';
import { loadConfig } from '@app/core';
import { TestClock } from '@app/core/testing';
import { EmailDispatcher, sendMailOptions } from '@app/mail';
import { DigestComposer } from '@app/notifications';
import { answerRequests } from '../support/ipc';
import { FIRST_UUID, pendingDigests, startDigestContext } from './digest-context';

/**
 * The ceiling of the digests benchmark, in a process of its own (forked by run.ts): the very messages the
 * pipeline will send, composed by the real DigestComposer (`composeMany`, `chunk` digests at a time, untimed) and
 * built as the pipeline builds them (`EmailDispatcher.outgoing`, `sendMailOptions`), each chunk then sent through a bare pooled nodemailer transport to the same SMTP server with the same number
 * of connections and no rate limit. Only the sending is timed: what SMTP and this machine allow, with nothing
 * of the pipeline around it (no ledger, no queue, no claims).
 */

export interface CeilingPlan {
  dueAt: string;
  smtpUrl: string;
  connections: number;
  chunk: number;
}

export interface CeilingReport {
  messages: number;
  /** Digests the composer returned nothing for (none expected). */
  empty: number;
  failures: number;
  firstFailure?: string;
  chunks: number;
  /** Sending only: the sum of each chunk's time from its first sendMail to its last acceptance. */
  sendSeconds: number;
  emailsPerSecond: number;
  /** Untimed for the ceiling, but telling: what composing alone costs in one process. */
  composeSeconds: number;
  composedPerSecond: number;
}

async function run(plan: CeilingPlan): Promise<CeilingReport> {
  const config = loadConfig(process.env);
  const dueAt = new Date(plan.dueAt);
  const app = await startDigestContext(config, new TestClock(dueAt));
  const transporter = createTransport(
    new SMTPPool({ url: plan.smtpUrl, pool: true, maxConnections: plan.connections }),
  );
  const report: CeilingReport = {
    messages: 0,
    empty: 0,
    failures: 0,
    chunks: 0,
    sendSeconds: 0,
    emailsPerSecond: 0,
    composeSeconds: 0,
    composedPerSecond: 0,
  };
  try {
    const db = app.get(DataSource);
    const composer = app.get(DigestComposer);
    const dispatcher = app.get(EmailDispatcher);
    let composeMs = 0;
    let sendMs = 0;
    for (let after = FIRST_UUID; ;) {
      let started = performance.now();
      const page = await pendingDigests(db, dueAt, after, plan.chunk);
      if (page.length === 0) break;
      const composed = await composer.composeMany(page);
      const messages = page.flatMap((delivery) => {
        const email = composed.get(delivery.id);
        if (!email) report.empty += 1;
        return email ? [sendMailOptions(dispatcher.outgoing(delivery, email))] : [];
      });
      composeMs += performance.now() - started;

      started = performance.now();
      const results = await Promise.allSettled(messages.map((message) => transporter.sendMail(message)));
      sendMs += performance.now() - started;
      for (const result of results) {
        if (result.status === 'fulfilled') continue;
        report.failures += 1;
        report.firstFailure ??= String(result.reason);
      }
      report.messages += messages.length;
      report.chunks += 1;
      after = page[page.length - 1]!.id;
      if (report.chunks % 10 === 0) {
        console.log(
          `  ceiling: ${report.messages} sent, ${(report.messages / (sendMs / 1000)).toFixed(0)}/s while sending`,
        );
      }
    }
    report.sendSeconds = Math.round(sendMs) / 1000;
    report.emailsPerSecond = Math.round(report.messages / (sendMs / 1000));
    report.composeSeconds = Math.round(composeMs) / 1000;
    report.composedPerSecond = Math.round((report.messages + report.empty) / (composeMs / 1000));
    return report;
  } finally {
    transporter.close();
    await app.close();
  }
}

answerRequests((body) => run(body as CeilingPlan));
process.send?.({ type: 'ready' });
process.once('disconnect', () => process.exit(0));
