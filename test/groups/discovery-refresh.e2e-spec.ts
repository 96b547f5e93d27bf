import { JobQueue } from '@app/core';
import { startTestApi, type TestApi } from '../support/api-app';
import { startTestWorker, type TestWorker } from '../support/worker-app';
import { GroupJob } from '@app/groups';

/** A group whose only meeting has passed must stop matching "fits my day" searches, without anyone editing it. */
describe('discovery summaries as time passes (worker job)', () => {
  let api: TestApi;
  let worker: TestWorker;

  beforeAll(async () => {
    api = await startTestApi();
    worker = await startTestWorker(api);
  });
  afterAll(async () => {
    await worker.close();
    await api.close();
  });

  const summaryOf = async (groupId: string) =>
    (await api.db.query('SELECT meeting_slots AS slots FROM study_groups WHERE id = $1', [groupId]))[0] as {
      slots: string;
    };

  it('drops meetings that have begun from the group summary on the hourly run', async () => {
    api.clock.set('2026-04-01T12:00:00Z');
    const facilitator = await api.make.user();
    const group = await api.make.group(facilitator, { timeZone: 'UTC' });
    const added = await api
      .http()
      .post(`/api/v1/groups/${group.id}/meetings`)
      .set('Authorization', facilitator.auth)
      .send({ meetings: [{ localDate: '2026-04-02', localTime: '10:00', durationMinutes: 60 }] });
    expect(added.status).toBe(201);
    // Thursday 10:00 UTC = minute 3 * 1440 + 600 of the UTC week.
    expect((await summaryOf(group.id)).slots).toBe('{[4920,4980)}');

    api.clock.set('2026-04-02T11:30:00Z');
    await api.app.get(JobQueue).enqueue(GroupJob.RefreshGroupDiscovery, {});
    const deadline = Date.now() + 10_000;
    while ((await summaryOf(group.id)).slots !== '{}' && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect((await summaryOf(group.id)).slots).toBe('{}');
  });
});
