import ICAL from 'ical.js';
import { DeadlineMode } from '@app/cohorts';
import { type SmtpSink, type ReceivedMail } from '@app/core/testing';
import type { StudyGroup } from '@app/groups';
import { MeetingReminderPlanner, NotificationReleaser, OutboxRelay } from '@app/notifications';
import { ReconcileEmailsProcessor } from '../../apps/worker/src/email/reconcile-emails.processor';
import { signedIn, type TestApi } from '../support/api-app';
import type { MadeUser, UserSpec } from '../support/factories';
import type { TestWorker } from '../support/worker-app';
import { useMailingStack } from '../support/mailing-stack';

const PUBLIC_URL = 'https://learn.example.org';

interface ScheduleRow {
  dedupe_key: string;
  user_id: string;
  subject_id: string;
  due_at: Date;
  status: string;
}

/**
 * Meeting and module reminders, and meeting moved/cancelled emails, end to end: API changes write outbox events,
 * the real relay (OutboxRelay) hands them to the reminder handlers, the releaser and the worker send through a
 * real SMTP peer; the clock is injected.
 */
describe('reminders: meetings, module deadlines, moved and cancelled meetings (API + worker + SMTP)', () => {
  let sink: SmtpSink;
  let api: TestApi;
  let worker: TestWorker;
  useMailingStack({ PUBLIC_URL }, (stack) => ({ sink, api, worker } = stack));

  const relay = () => worker.app.get(OutboxRelay).relay();
  const release = () => worker.app.get(NotificationReleaser).releaseDue();
  const as = (who: MadeUser) => signedIn(api, who);

  /** Someone with digests off, so only the emails under test reach the sink. */
  const person = async (spec: UserSpec) => {
    const made = await api.make.user(spec);
    await api.db.query(`UPDATE notification_preferences SET digest = 'off' WHERE user_id = $1`, [made.user.id]);
    return made;
  };
  const rows = (where: string, params: unknown[]) =>
    api.db.query<ScheduleRow[]>(
      `SELECT dedupe_key, user_id, subject_id, due_at, status FROM scheduled_notifications
        WHERE ${where} ORDER BY due_at, dedupe_key`,
      params,
    );
  const meetingRows = (meetingId: string, status: string) =>
    rows(`subject_id = $1 AND kind = 'meeting-reminder' AND status = $2`, [meetingId, status]);
  const header = (mail: ReceivedMail, name: string) =>
    mail.headerLines.find((h) => h.key === name)?.line.replace(/^[^:]+:\s*/, '') ?? null;
  /** The attachment's calendar, parsed with ical.js (independent of the generator). */
  const calendarOf = (mail: ReceivedMail) => {
    const attachment = mail.attachments.find((a) => a.contentType.startsWith('text/calendar'));
    if (!attachment) throw new Error(`no calendar attached to "${mail.subject}"`);
    const calendar = new ICAL.Component(ICAL.parse(attachment.content.toString('utf8')));
    const vevent = calendar.getFirstSubcomponent('vevent')!;
    const event = new ICAL.Event(vevent);
    return {
      method: calendar.getFirstPropertyValue('method'),
      uid: event.uid,
      sequence: event.sequence,
      start: event.startDate.toJSDate(),
      status: vevent.getFirstPropertyValue('status'),
    };
  };
  const ledgerStatus = async (dedupeKey: string) =>
    (
      await api.db.query<{ status: string }[]>(`SELECT status FROM email_deliveries WHERE dedupe_key = $1`, [dedupeKey])
    )[0]?.status ?? null;
  async function eventually(check: () => Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** A La Paz group run by Rosa, with Ana (La Paz, Spanish) and Nima (Kathmandu) as members. */
  async function laPazGroup() {
    const rosa = await person({ displayName: 'Rosa', timeZone: 'America/La_Paz', locale: 'es' });
    const ana = await person({ displayName: 'Ana', timeZone: 'America/La_Paz', locale: 'es' });
    const nima = await person({ displayName: 'Nima', timeZone: 'Asia/Kathmandu', locale: 'en' });
    const group = await api.make.group(rosa, { name: 'Biogas builders', timeZone: 'America/La_Paz' });
    for (const member of [ana, nima]) await api.make.membership(group, member);
    return { rosa, ana, nima, group, everyone: [rosa, ana, nima] };
  }
  const meetingsOf = (group: StudyGroup) =>
    api.db.query<{ id: string; starts_at: Date }[]>(
      `SELECT id, starts_at FROM meetings WHERE group_id = $1 ORDER BY starts_at`,
      [group.id],
    );

  /** One hour-long meeting of the group at a local date and time, its reminders planned by the relay. */
  async function oneMeeting(host: MadeUser, group: StudyGroup, localDate: string, localTime: string) {
    const res = await as(host).post(`/groups/${group.id}/meetings`, {
      meetings: [{ localDate, localTime, durationMinutes: 60 }],
    });
    expect(res.status).toBeLessThan(300);
    await relay();
    const [meeting] = await meetingsOf(group);
    return meeting!;
  }

  it('plans a reminder a day and an hour before each weekly meeting for each member, sent at once in their zone', async () => {
    api.clock.set('2026-03-01T12:00:00Z');
    const { rosa, ana, nima, group, everyone } = await laPazGroup();
    const weekly = {
      weekday: 2,
      localStartTime: '18:00',
      durationMinutes: 90,
      startDate: '2026-03-01',
      occurrences: 4,
    };
    expect((await as(rosa).put(`/groups/${group.id}/schedule`, weekly)).status).toBe(200);
    await relay();

    const meetings = await meetingsOf(group);
    expect(meetings.map((m) => m.starts_at.toISOString())).toEqual([
      '2026-03-03T22:00:00.000Z',
      '2026-03-10T22:00:00.000Z',
      '2026-03-17T22:00:00.000Z',
      '2026-03-24T22:00:00.000Z',
    ]);
    const first = meetings[0]!;
    const pending = await meetingRows(first.id, 'pending');
    expect(pending).toHaveLength(6);
    for (const member of everyone) {
      expect(pending.filter((r) => r.user_id === member.user.id).map((r) => [r.dedupe_key, r.due_at])).toEqual([
        [`rem:meeting:${first.id}:2026-03-03T22:00:00.000Z:${member.user.id}:1440`, new Date('2026-03-02T22:00:00Z')],
        [`rem:meeting:${first.id}:2026-03-03T22:00:00.000Z:${member.user.id}:60`, new Date('2026-03-03T21:00:00Z')],
      ]);
    }
    const all = await rows(`kind = 'meeting-reminder' AND subject_id = ANY($1::uuid[])`, [meetings.map((m) => m.id)]);
    expect(all).toHaveLength(4 * 3 * 2);

    // A day before: one reminder each, in their own zone and language, the group's time beside it.
    api.clock.set('2026-03-02T22:00:30Z');
    await release();
    const isReminder = (m: ReceivedMail) => /^(Reminder|Recordatorio)/.test(m.subject);
    const [toNima] = await sink.waitFor((m) => m.to.includes(nima.user.email!) && isReminder(m));
    expect(toNima!.subject).toBe('Reminder: Biogas builders meets in 24 h');
    expect(toNima!.text).toContain('03:45 (Asia/Kathmandu)');
    expect(toNima!.text).toContain("In the group's time zone:");
    expect(toNima!.text).toContain('18:00 (America/La_Paz)');
    expect(toNima!.text).toContain('https://meet.example.org/biogas');
    expect(header(toNima!, 'list-unsubscribe')).toMatch(
      /^<https:\/\/learn\.example\.org\/api\/v1\/notifications\/unsubscribe\?token=[^>]+>$/,
    );
    expect(header(toNima!, 'list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
    expect(calendarOf(toNima!)).toMatchObject({
      method: 'PUBLISH',
      uid: `${first.id}@learn.example.org`,
      sequence: 0,
      start: new Date('2026-03-03T22:00:00Z'),
    });
    const [toAna] = await sink.waitFor((m) => m.to.includes(ana.user.email!) && isReminder(m));
    expect(toAna!.subject).toBe('Recordatorio: Biogas builders se reúne en 24 h');
    expect(toAna!.text).toContain('18:00 (America/La_Paz)');
    expect(toAna!.text).not.toContain('zona horaria del grupo');
    await sink.waitFor((m) => m.to.includes(rosa.user.email!) && isReminder(m));

    // Releasing again sends nothing twice.
    await release();
    await relay();
    expect(sink.to(nima.user.email!).filter(isReminder)).toHaveLength(1);
  });

  it('moves a meeting: its reminders are re-keyed, and each member gets one "moved" email with a REQUEST', async () => {
    api.clock.set('2026-03-01T12:00:00Z');
    const { rosa, nima, group, everyone } = await laPazGroup();
    const weekly = {
      weekday: 2,
      localStartTime: '18:00',
      durationMinutes: 90,
      startDate: '2026-03-01',
      occurrences: 2,
    };
    await as(rosa).put(`/groups/${group.id}/schedule`, weekly);
    await relay();
    const [, second] = await meetingsOf(group);
    const before = await meetingRows(second!.id, 'pending');
    expect(before).toHaveLength(6);

    const moved = await as(rosa).patch(`/meetings/${second!.id}`, { localDate: '2026-03-11', localTime: '19:00' });
    expect(moved.status).toBe(200);
    await relay();

    expect((await meetingRows(second!.id, 'cancelled')).map((r) => r.dedupe_key).sort()).toEqual(
      before.map((r) => r.dedupe_key).sort(),
    );
    const after = await meetingRows(second!.id, 'pending');
    expect(after).toHaveLength(6);
    expect(after.every((r) => r.dedupe_key.includes(':2026-03-11T23:00:00.000Z:'))).toBe(true);
    expect(after.filter((r) => r.user_id === nima.user.id).map((r) => r.due_at)).toEqual([
      new Date('2026-03-10T23:00:00Z'),
      new Date('2026-03-11T22:00:00Z'),
    ]);

    const isMoved = (m: ReceivedMail) => /^(Moved|Cambio de fecha)/.test(m.subject);
    const movedMails = await sink.waitFor((m) => everyone.some((p) => m.to.includes(p.user.email!)) && isMoved(m), 3);
    const toNima = movedMails.find((m) => m.to.includes(nima.user.email!))!;
    expect(toNima.subject).toContain('Moved: Biogas builders now meets on');
    expect(toNima.text).toMatch(/Was: .*03:45 \(Asia\/Kathmandu\)/);
    expect(toNima.text).toMatch(/Now: .*04:45 \(Asia\/Kathmandu\)/);
    expect(toNima.text).toContain('19:00 (America/La_Paz)');
    expect(calendarOf(toNima)).toEqual({
      method: 'REQUEST',
      uid: `${second!.id}@learn.example.org`,
      sequence: 1,
      start: new Date('2026-03-11T23:00:00Z'),
      status: 'CONFIRMED',
    });
    const contentType = toNima.attachments[0]!.headers.get('content-type') as { params: Record<string, string> };
    expect(contentType.params.method).toBe('REQUEST');

    // Relaying again (or the worker's own tick) sends no second copy.
    await relay();
    await new Promise((resolve) => setTimeout(resolve, 500));
    for (const member of everyone) expect(sink.to(member.user.email!).filter(isMoved)).toHaveLength(1);
  });

  it('cancels a meeting: its reminders are cancelled and each member gets a CANCEL', async () => {
    api.clock.set('2026-03-01T12:00:00Z');
    const { rosa, ana, group, everyone } = await laPazGroup();
    const meeting = await oneMeeting(rosa, group, '2026-03-05', '18:00');
    expect(await meetingRows(meeting.id, 'pending')).toHaveLength(6);

    expect((await as(rosa).post(`/meetings/${meeting.id}/cancel`)).status).toBe(200);
    await relay();
    expect(await meetingRows(meeting.id, 'pending')).toEqual([]);
    expect(await meetingRows(meeting.id, 'cancelled')).toHaveLength(6);

    const isCancelled = (m: ReceivedMail) => /^(Cancelled|Cancelada)/.test(m.subject);
    const mails = await sink.waitFor((m) => everyone.some((p) => m.to.includes(p.user.email!)) && isCancelled(m), 3);
    const toAna = mails.find((m) => m.to.includes(ana.user.email!))!;
    expect(toAna.subject).toContain('Cancelada: Biogas builders');
    expect(toAna.text).toContain('18:00 (America/La_Paz)');
    expect(calendarOf(toAna)).toEqual({
      method: 'CANCEL',
      uid: `${meeting.id}@learn.example.org`,
      sequence: 1,
      start: new Date('2026-03-05T22:00:00Z'),
      status: 'CANCELLED',
    });
  });

  it('drops the reminders of a member who leaves, and follows the group’s own lead times', async () => {
    api.clock.set('2026-03-01T12:00:00Z');
    const { rosa, ana, nima, group } = await laPazGroup();
    const meeting = await oneMeeting(rosa, group, '2026-03-06', '18:00');

    expect((await as(nima).post(`/groups/${group.id}/leave`)).status).toBeLessThan(300);
    await relay();
    const pending = await meetingRows(meeting.id, 'pending');
    expect(pending.filter((r) => r.user_id === nima.user.id)).toEqual([]);
    expect(pending).toHaveLength(4);

    // Facilitators choose the lead times: 2 hours only. Bad values are refused, naming the field.
    const bad = await as(rosa).patch(`/groups/${group.id}`, { reminderOffsetsMinutes: [1, 60, 120, 180, 240] });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(
      expect.arrayContaining(['reminderOffsetsMinutes']),
    );
    const edited = await as(rosa).patch(`/groups/${group.id}`, { reminderOffsetsMinutes: [120] });
    expect(edited.status).toBe(200);
    expect(edited.body.reminderOffsetsMinutes).toEqual([120]);
    await relay();
    const now = await meetingRows(meeting.id, 'pending');
    expect(now.map((r) => [r.user_id, r.due_at])).toEqual(
      [rosa, ana].map((p) => [p.user.id, new Date('2026-03-06T20:00:00Z')]).sort(),
    );
  });

  it('plans meetings beyond the 30-day horizon once the sweep finds them within it', async () => {
    api.clock.set('2026-03-01T12:00:00Z');
    const { rosa, group } = await laPazGroup();
    const meeting = await oneMeeting(rosa, group, '2026-04-20', '18:00');
    expect(await meetingRows(meeting.id, 'pending')).toEqual([]);

    api.clock.set('2026-03-25T12:00:00Z');
    const swept = await worker.app.get(MeetingReminderPlanner).planEnteringHorizon();
    expect(swept.planned).toBeGreaterThanOrEqual(6);
    expect(await meetingRows(meeting.id, 'pending')).toHaveLength(6);
    const again = await worker.app.get(MeetingReminderPlanner).planEnteringHorizon();
    expect(await meetingRows(meeting.id, 'pending')).toHaveLength(6);
    expect(again.planned).toBe(0);
  });

  it('skips a reminder whose meeting was cancelled after it was released', async () => {
    api.clock.set('2026-03-20T12:00:00Z');
    const host = await person({ timeZone: 'Europe/Berlin' });
    const late = await person({ timeZone: 'Europe/Berlin' });
    // Quiet 21:30-22:30 Berlin time: the 1-hour reminder (22:00 Berlin) is released, but held until 22:30.
    await api.db.query(
      `UPDATE notification_preferences SET quiet_start_minute = 1290, quiet_end_minute = 1350 WHERE user_id = $1`,
      [late.user.id],
    );
    const group = await api.make.group(host, { timeZone: 'Europe/Berlin', name: 'Late risers' });
    await api.make.membership(group, late);
    const meeting = await oneMeeting(host, group, '2026-03-20', '23:00');
    const key = `rem:meeting:${meeting.id}:2026-03-20T22:00:00.000Z:${late.user.id}:60`;
    expect((await meetingRows(meeting.id, 'pending')).map((r) => r.dedupe_key)).toContain(key);

    api.clock.set('2026-03-20T21:00:30Z');
    await release();
    expect(await ledgerStatus(key)).toBe('pending');

    api.clock.set('2026-03-20T21:05:00Z');
    expect((await as(host).post(`/meetings/${meeting.id}/cancel`)).status).toBe(200);
    await relay();
    await sink.waitFor((m) => m.to.includes(late.user.email!) && m.subject.startsWith('Cancelled'));

    // Past the quiet hours by more than STALE_AFTER_MS: the reconciler hands the row over (its own delayed job
    // would, but BullMQ's delays run on the real clock).
    api.clock.set('2026-03-20T21:33:00Z');
    await worker.app.get(ReconcileEmailsProcessor).handle({});
    await eventually(async () => (await ledgerStatus(key)) === 'skipped', 'the reminder to be skipped');
    const [row] = await api.db.query<{ last_response: string }[]>(
      `SELECT last_response FROM email_deliveries WHERE dedupe_key = $1`,
      [key],
    );
    expect(row!.last_response).toContain('no longer applies');
    expect(sink.to(late.user.email!).filter((m) => m.subject.startsWith('Reminder'))).toEqual([]);
  });

  it('quiet hours: sends the 1 h reminder of a 06:30 meeting at 21:59 the evening before, as held to 07:00 it would come too late', async () => {
    api.clock.set('2026-03-01T12:00:00Z');
    const host = await person({ displayName: 'Pasang', timeZone: 'Asia/Kathmandu' });
    const nima = await person({ displayName: 'Nima', timeZone: 'Asia/Kathmandu' });
    const group = await api.make.group(host, { name: 'Dawn diggers', timeZone: 'Asia/Kathmandu' });
    await api.make.membership(group, nima);
    const meeting = await oneMeeting(host, group, '2026-03-10', '06:30');
    expect(meeting.starts_at).toEqual(new Date('2026-03-10T00:45:00Z'));
    const key = (who: MadeUser, offset: number) =>
      `rem:meeting:${meeting.id}:2026-03-10T00:45:00.000Z:${who.user.id}:${offset}`;
    const dueOf = async (dedupeKey: string) =>
      (await meetingRows(meeting.id, 'pending')).find((r) => r.dedupe_key === dedupeKey)?.due_at;
    expect(await dueOf(key(nima, 60))).toEqual(new Date('2026-03-09T23:45:00Z'));

    // Nima chooses quiet hours after the meeting was planned: her night-time reminder moves to 21:59 the day before.
    const quiet = await as(nima).patch('/users/me', {
      notifications: { quietHours: { start: '22:00', end: '07:00' } },
    });
    expect(quiet.status).toBe(200);
    await relay();
    expect(await dueOf(key(nima, 60))).toEqual(new Date('2026-03-09T16:14:00Z'));
    expect(await dueOf(key(host, 60))).toEqual(new Date('2026-03-09T23:45:00Z'));
    // The day-before one (06:30 on 9 March) is released when due and held in the ledger until 07:00.
    expect(await dueOf(key(nima, 1440))).toEqual(new Date('2026-03-09T00:45:00Z'));

    const isReminder = (m: ReceivedMail) => m.subject.startsWith('Reminder');
    api.clock.set('2026-03-09T01:15:30Z');
    await release();
    await worker.app.get(ReconcileEmailsProcessor).handle({});
    const [dayBefore] = await sink.waitFor((m) => m.to.includes(nima.user.email!) && isReminder(m));
    // Held half an hour, it says the time left.
    expect(dayBefore!.subject).toBe('Reminder: Dawn diggers meets in 23 h');

    // A minute before 21:59 nothing more goes; at 21:59 the hour-before reminder does, saying how long is left.
    api.clock.set('2026-03-09T16:13:00Z');
    await release();
    expect(await ledgerStatus(key(nima, 60))).toBeNull();
    api.clock.set('2026-03-09T16:14:10Z');
    await release();
    const [, evening] = await sink.waitFor((m) => m.to.includes(nima.user.email!) && isReminder(m), 2);
    expect(evening!.subject).toBe('Reminder: Dawn diggers meets in 9 h');
    expect(evening!.text).toContain('06:30 (Asia/Kathmandu)');
    expect(calendarOf(evening!)).toMatchObject({ method: 'PUBLISH', start: new Date('2026-03-10T00:45:00Z') });
    await eventually(async () => (await ledgerStatus(key(nima, 60))) === 'sent', 'the evening reminder to be sent');

    // Pasang has no quiet hours: his arrives an hour before; Nima gets nothing more.
    api.clock.set('2026-03-09T23:45:30Z');
    await release();
    const [toHost] = await sink.waitFor(
      (m) => m.to.includes(host.user.email!) && m.subject === 'Reminder: Dawn diggers meets in 1 h',
    );
    expect(toHost!.text).toContain('06:30 (Asia/Kathmandu)');
    await release();
    expect(sink.to(nima.user.email!).filter(isReminder)).toHaveLength(2);
  });

  it('reminds each learner 24 h before their own deadline (learner-local), moved by an extension', async () => {
    api.clock.set('2026-03-01T12:00:00Z');
    const facilitator = await person({ timeZone: 'UTC' });
    const ana = await person({ displayName: 'Ana', timeZone: 'America/La_Paz', locale: 'es' });
    const nima = await person({ displayName: 'Nima', timeZone: 'Asia/Kathmandu' });
    const { cohort, modules } = await api.make.cohort(facilitator, {
      title: 'Biogas, spring cohort',
      deadlineMode: DeadlineMode.LearnerLocal,
      startDate: '2026-03-02',
      modules: 2,
    });
    for (const learner of [ana, nima]) {
      expect((await as(learner).post(`/cohorts/${cohort.id}/enrollment`, {})).status).toBe(201);
    }
    await relay();
    const [first, second] = modules;
    const moduleRows = (who: MadeUser, status: string) =>
      rows(`user_id = $1 AND kind = 'module-due-reminder' AND status = $2`, [who.user.id, status]);

    // Module 1 is due 8 March 23:59 where each learner is; module 2 on 15 March.
    expect((await moduleRows(ana, 'pending')).map((r) => [r.dedupe_key, r.due_at])).toEqual([
      [
        `rem:module:${cohort.id}:${first!.moduleId}:${ana.user.id}:2026-03-09T03:59:00.000Z`,
        new Date('2026-03-08T03:59:00Z'),
      ],
      [
        `rem:module:${cohort.id}:${second!.moduleId}:${ana.user.id}:2026-03-16T03:59:00.000Z`,
        new Date('2026-03-15T03:59:00Z'),
      ],
    ]);
    expect((await moduleRows(nima, 'pending')).map((r) => r.due_at)).toEqual([
      new Date('2026-03-07T18:14:00Z'),
      new Date('2026-03-14T18:14:00Z'),
    ]);

    // Two more days for Ana on module 1: her reminder moves with her deadline.
    const granted = await as(facilitator).put(
      `/cohorts/${cohort.id}/learners/${ana.user.id}/extensions/${first!.moduleId}`,
      { extraDays: 2 },
    );
    expect(granted.status).toBe(200);
    await relay();
    expect((await moduleRows(ana, 'cancelled')).map((r) => r.dedupe_key)).toEqual([
      `rem:module:${cohort.id}:${first!.moduleId}:${ana.user.id}:2026-03-09T03:59:00.000Z`,
    ]);
    expect((await moduleRows(ana, 'pending')).map((r) => r.due_at)[0]).toEqual(new Date('2026-03-10T03:59:00Z'));

    // Nima completes module 1 once it is out: that reminder goes, module 2's stays.
    api.clock.set('2026-03-03T08:00:00Z');
    const completed = await as(nima).post(`/cohorts/${cohort.id}/modules/${first!.moduleId}/complete`);
    expect(completed.status).toBeLessThan(300);
    await relay();
    expect((await moduleRows(nima, 'pending')).map((r) => r.subject_id)).toEqual([second!.moduleId]);

    const isDue = (m: ReceivedMail) => /^(Due in 24 hours|Vence en 24 horas)/.test(m.subject);
    api.clock.set('2026-03-10T04:00:00Z');
    await release();
    const [toAna] = await sink.waitFor((m) => m.to.includes(ana.user.email!) && isDue(m));
    expect(toAna!.subject).toBe('Vence en 24 horas: Module 1');
    expect(toAna!.text).toContain('23:59 (America/La_Paz)');
    expect(toAna!.text).toContain('Es tu plazo ampliado.');
    expect(header(toAna!, 'list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');

    api.clock.set('2026-03-14T18:15:00Z');
    await release();
    const [toNima] = await sink.waitFor((m) => m.to.includes(nima.user.email!) && isDue(m));
    expect(toNima!.subject).toBe('Due in 24 hours: Module 2');
    expect(toNima!.text).toContain('23:59 (Asia/Kathmandu)');
    expect(sink.to(ana.user.email!).filter(isDue)).toHaveLength(1);
    expect(sink.to(nima.user.email!).filter(isDue)).toHaveLength(1);
  });
});
