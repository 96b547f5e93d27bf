import { randomBytes } from 'node:crypto';
import { Cohort, CohortMember, CohortRole, EnrollmentStatus } from '@app/cohorts';
import { DigestFrequency, NotificationPreferences, User } from '@app/identity';
import { DigestPlanner, digestKey } from '@app/notifications';
import { signedIn, type TestApi } from './api-app';

export interface CrowdLearner {
  id: string;
  email: string;
  /** The dedupe key of their digest due at `dueAt`: of its schedule row and of its ledger row. */
  digestKey: string;
}

export interface DigestCrowd {
  learners: CrowdLearner[];
  /** When every learner's daily digest is due (08:00 in Berlin, the zone they all live in). */
  dueAt: Date;
  /** The news every digest carries: the title of the facilitator's thread. */
  news: string;
}

/** 2 March 2026, 08:00 in Europe/Berlin (CET, UTC+1). */
const DUE_AT = new Date('2026-03-02T07:00:00Z');

/**
 * `size` learners of one cohort, each with a daily digest due at `dueAt` that has something in it (a facilitator's
 * new thread), planned by the real DigestPlanner. The learners are written in a few statements (they never sign
 * in), so hundreds cost a fraction of a second; the facilitator, who posts through the API, has digests off so
 * every digest due is one email that must arrive. Moves `api.clock` to just before `dueAt`.
 */
export async function makeDigestCrowd(api: TestApi, size: number): Promise<DigestCrowd> {
  api.clock.set(new Date(DUE_AT.getTime() - 7 * 3600_000));
  const facilitator = await api.make.user({ displayName: 'Fatou Diop', timeZone: 'Europe/Berlin' });
  await api.db.getRepository(NotificationPreferences).update(facilitator.user.id, { digest: DigestFrequency.Off });
  const { cohort } = await api.make.cohort(facilitator, { capacity: size });

  const run = randomBytes(4).toString('hex');
  const learners = await api.db.transaction(async (manager) => {
    const users = Array.from({ length: size }, (_, i) =>
      manager.create(User, {
        email: `crowd-${run}-${String(i).padStart(4, '0')}@example.org`,
        displayName: `Learner ${i}`,
        timeZone: 'Europe/Berlin',
        locale: 'en',
        emailVerifiedAt: api.clock.now(),
        passwordHash: null,
      }),
    );
    await manager.insert(User, users);
    await manager.insert(
      NotificationPreferences,
      users.map((user) => ({ userId: user.id })),
    );
    const now = api.clock.now();
    await manager.insert(
      CohortMember,
      users.map((user) => ({
        cohortId: cohort.id,
        userId: user.id,
        role: CohortRole.Learner,
        status: EnrollmentStatus.Active,
        requestedAt: now,
        statusChangedAt: now,
      })),
    );
    await manager.increment(Cohort, { id: cohort.id }, 'enrolledCount', size);
    return users;
  });

  // A worker already running may sweep them first: count the rows, not what this call planned.
  await api.app.get(DigestPlanner).planMissing();
  const keys = learners.map((user) =>
    digestKey(user.id, { frequency: 'daily', localDate: '2026-03-02', dueAt: DUE_AT }),
  );
  const [{ pending }] = await api.db.query<[{ pending: number }]>(
    `SELECT count(*)::int AS pending FROM scheduled_notifications
      WHERE dedupe_key = ANY($1::varchar[]) AND status = 'pending' AND due_at = $2`,
    [keys, DUE_AT],
  );
  if (pending !== size) throw new Error(`expected ${size} digests due at ${DUE_AT.toISOString()}, found ${pending}`);

  api.clock.set(new Date(DUE_AT.getTime() - 3600_000));
  const news = 'Where do you get your tubes?';
  const thread = await signedIn(api, facilitator).post(`/cohorts/${cohort.id}/threads`, {
    title: news,
    body: 'Tell us **your supplier**.',
  });
  if (thread.status !== 201) throw new Error(`posting the thread failed: ${thread.status}`);

  return {
    dueAt: DUE_AT,
    news,
    learners: learners.map((user, i) => ({ id: user.id, email: user.email!, digestKey: keys[i]! })),
  };
}
