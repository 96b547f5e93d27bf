import { performance } from 'node:perf_hooks';
import { DataSource } from 'typeorm';
import type { AppConfig } from '@app/core';
import { TestClock } from '@app/core/testing';
import {
  DIGEST_SECTIONS,
  DigestComposer,
  DigestPlanner,
  MeetingReminderPlanner,
  type DigestRecipient,
  type DigestSection,
} from '@app/notifications';
import { FIRST_UUID, pendingDigests, startDigestContext } from './digest-context';
import { WINDOW_MS } from './seed';

/** Digests composed to check the seed before anything is measured. */
const SAMPLE_SIZE = 500;

/** Meeting reminders are planned this long before T (the workers boot later, their clock nearer T). */
export const REMINDERS_PLANNED_BEFORE_MS = 5 * 60_000;

export interface PlanReport {
  /** Digests the real DigestPlanner planned (its sweep, `planMissing`, at T - 22 h). */
  planned: number;
  plannedSeconds: number;
  /** Pending digest rows, and those due exactly at T. */
  pending: number;
  pendingAtDue: number;
  /** Meeting reminders planned by the real MeetingReminderPlanner (its sweep), so the workers' boot finds none to plan. */
  reminders: { meetings: number; planned: number; seconds: number };
  /** Notifications other than digests due before T + 1 h (the run's end at the latest): none, or the sink would count them. */
  othersDueSoon: number;
  sample: {
    digests: number;
    /** Digests the composer found nothing for: must be none. */
    empty: number;
    /** How many digests of the sample have each section. */
    withSection: Record<string, number>;
    /** How many digests have 1, 2, 3... sections. */
    sectionsPerDigest: Record<string, number>;
    meanHtmlKiB: number;
    meanTextKiB: number;
    /** DigestComposer.composeMany of the whole sample (one batch), and its sections' queries alone (the rest is rendering). */
    composeMs: number;
    sectionsMs: number;
  };
}

/**
 * Plans everyone's digest with the application's own planner, from a context whose clock reads T - 22 h (so the
 * next digest at each person's hour is T, and its window of news starts then), then the meeting reminders at
 * T - 5 min; checks the rows, and composes a sample with the real DigestComposer to make sure none is empty.
 */
export async function planDigests(config: AppConfig, dueAt: Date): Promise<PlanReport> {
  const clock = new TestClock(new Date(dueAt.getTime() - WINDOW_MS));
  const app = await startDigestContext(config, clock);
  try {
    const db = app.get(DataSource);
    let started = performance.now();
    const { planned } = await app.get(DigestPlanner).planMissing();
    const plannedSeconds = (performance.now() - started) / 1000;

    clock.set(new Date(dueAt.getTime() - REMINDERS_PLANNED_BEFORE_MS));
    started = performance.now();
    const reminders = await app.get(MeetingReminderPlanner).planEnteringHorizon();
    const remindersSeconds = (performance.now() - started) / 1000;

    const [counts] = await db.query<{ pending: number; at_due: number; others_due_soon: number }[]>(
      `SELECT count(*) FILTER (WHERE kind = 'digest')::int AS pending,
              count(*) FILTER (WHERE kind = 'digest' AND due_at = $1)::int AS at_due,
              count(*) FILTER (WHERE kind <> 'digest' AND due_at < $1::timestamptz + interval '1 hour')::int
                AS others_due_soon
         FROM scheduled_notifications WHERE status = 'pending'`,
      [dueAt],
    );

    const sample = await pendingDigests(db, dueAt, FIRST_UUID, SAMPLE_SIZE, 'random');
    started = performance.now();
    const composed = await app.get(DigestComposer).composeMany(sample);
    const composeMs = performance.now() - started;
    const emails = sample.flatMap((d) => {
      const email = composed.get(d.id);
      return email ? [email] : [];
    });
    const recipients: DigestRecipient[] = sample.map((d) => ({
      userId: d.userId!,
      timeZone: d.timeZone,
      locale: d.locale,
      frequency: 'daily',
      since: new Date(String(d.payload.since)),
      until: dueAt,
    }));
    const sectionCount = new Map<string, number>();
    const withSection: Record<string, number> = {};
    started = performance.now();
    for (const section of app.get<readonly DigestSection[]>(DIGEST_SECTIONS)) {
      const found = await section.collect(db.manager, recipients);
      let readers = 0;
      for (const [userId, content] of found) {
        if (!content) continue;
        readers += 1;
        sectionCount.set(userId, (sectionCount.get(userId) ?? 0) + 1);
      }
      withSection[section.key] = readers;
    }
    const sectionsMs = performance.now() - started;
    const sectionsPerDigest: Record<string, number> = {};
    for (const r of recipients) {
      const n = String(sectionCount.get(r.userId) ?? 0);
      sectionsPerDigest[n] = (sectionsPerDigest[n] ?? 0) + 1;
    }
    const meanKiB = (sizes: number[]): number =>
      Math.round((sizes.reduce((a, b) => a + b, 0) / Math.max(1, sizes.length) / 1024) * 10) / 10;
    return {
      planned,
      plannedSeconds: Math.round(plannedSeconds * 10) / 10,
      pending: counts!.pending,
      pendingAtDue: counts!.at_due,
      reminders: { ...reminders, seconds: Math.round(remindersSeconds * 10) / 10 },
      othersDueSoon: counts!.others_due_soon,
      sample: {
        digests: sample.length,
        empty: sample.length - emails.length,
        withSection,
        sectionsPerDigest,
        meanHtmlKiB: meanKiB(emails.map((e) => Buffer.byteLength(e.html))),
        meanTextKiB: meanKiB(emails.map((e) => Buffer.byteLength(e.text))),
        composeMs: Math.round(composeMs),
        sectionsMs: Math.round(sectionsMs),
      },
    };
  } finally {
    await app.close();
  }
}
