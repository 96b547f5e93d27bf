import type { Client } from 'pg';
import { WEIGHTED_ZONES } from '../support/learner-zones';

export interface FinishedCohort {
  cohortId: string;
  facilitatorId: string;
}

/**
 * A published course, a cohort of it that ran from 70 to 14 days ago, its facilitator, and `learners` verified
 * learners enrolled (active) who all completed it (`completed_at` set in the last days of the cohort), as the
 * cohorts library records them. One statement per table.
 */
export async function seedFinishedCohort(client: Client, learners: number): Promise<FinishedCohort> {
  await client.query('SELECT setseed(0.42)');
  const {
    rows: [cohort],
  } = await client.query<FinishedCohort>(
    `WITH facilitator AS (
       INSERT INTO users (email, display_name, time_zone, email_verified_at)
       VALUES ('facilitator@bench.invalid', 'Facilitator', 'UTC', now() - interval '120 days') RETURNING id),
     course AS (
       INSERT INTO courses (author_id, draft, latest_version_number) SELECT id, '{}'::jsonb, 1 FROM facilitator
       RETURNING id, author_id),
     version AS (
       INSERT INTO course_versions (course_id, number, content, title, language, license, published_by, published_at)
       SELECT id, 1, '{}'::jsonb, 'Build a tube biogas digester', 'en', 'CC-BY-SA-4.0', author_id,
              now() - interval '100 days'
         FROM course RETURNING id, course_id, published_by),
     linked AS (
       UPDATE courses SET latest_version_id = version.id FROM version WHERE courses.id = version.course_id)
     INSERT INTO cohorts (title, course_version_id, start_date, time_zone, capacity, enrolled_count, enrollment_mode,
                          deadline_mode, invite_code, created_by)
     SELECT 'Biogas, spring cohort', id, (now() - interval '70 days')::date, 'UTC', $1, $1, 'open', 'learner-local',
            md5('bench-badges-invite'), published_by
       FROM version
     RETURNING id AS "cohortId", created_by AS "facilitatorId"`,
    [learners],
  );
  const { cohortId, facilitatorId } = cohort!;
  await client.query(
    `INSERT INTO cohort_members (cohort_id, user_id, role, status, requested_at, status_changed_at)
     VALUES ($1, $2, 'facilitator', 'active', now() - interval '80 days', now() - interval '80 days')`,
    [cohortId, facilitatorId],
  );
  await client.query(
    `WITH people AS (
       INSERT INTO users (email, display_name, time_zone, email_verified_at)
       SELECT 'learner-' || i || '@bench.invalid', 'Learner ' || i,
              ($2::text[])[1 + floor(random() * array_length($2::text[], 1))::int], now() - interval '90 days'
         FROM generate_series(1, $3) i
       RETURNING id)
     INSERT INTO cohort_members (cohort_id, user_id, role, status, requested_at, status_changed_at, last_active_at,
                                 completed_at)
     SELECT $1, id, 'learner', 'active', now() - interval '75 days', now() - interval '75 days',
            now() - interval '14 days', now() - interval '14 days' - random() * interval '5 days'
       FROM people`,
    [cohortId, WEIGHTED_ZONES, learners],
  );
  return { cohortId, facilitatorId };
}
