import type { Client } from 'pg';
import { WEIGHTED_ZONES } from '../support/learner-zones';

/**
 * Set-based seed of the dashboard benchmark: `cohorts` cohorts of `learners` learners each (the first is the one
 * measured; the others are there so every read has to pick its cohort's rows by index out of ten times as many),
 * each written by a few `INSERT ... SELECT generate_series` statements with a fixed random seed.
 *
 * A cohort is 10 weekly modules in learner-local mode (the costlier mode: one set of instants per zone), started
 * 45 days before now, so 7 modules are out; learners in 30 zones weighted as bench/grouping weights them; a group
 * per ~36 learners (one learner in ten in none), meeting weekly since the start (7 meetings held), attendance at
 * 75%; posts from 0 to 10 per learner (5% deleted) in 20 threads; completions by diligence; a few hundred
 * deadline extensions; last activity from "today" to "never".
 */
export interface SeedSize {
  cohorts: number;
  learners: number;
  modules: number;
  groupSize: number;
  extensions: number;
}

const FIRST_NAMES = ['Amaru', 'Élodie', 'Aarav', 'Chiara', 'Ngozi', 'Kenji', 'Zoë', 'Mariam', 'José', 'Sipho', 'Anaïs'];
const LAST_NAMES = ['Quispe', 'Martin', 'Sharma', 'Okafor', 'Tanaka', 'García', 'Uwimana', 'Nguyen', 'Müller', 'Khan'];

export interface SeededCohort {
  cohortId: string;
  facilitatorEmail: string;
}

/** Seeds everything; returns the measured cohort and its facilitator (whose password hash is `passwordHash`). */
export async function seedDashboard(
  client: Client,
  size: SeedSize,
  passwordHash: string,
  log: (line: string) => void,
): Promise<SeededCohort> {
  await client.query('SELECT setseed(0.42)');
  let measured: SeededCohort | undefined;
  for (let c = 1; c <= size.cohorts; c += 1) {
    const started = Date.now();
    const facilitatorEmail = `facilitator-${c}@bench.invalid`;
    const {
      rows: [cohort],
    } = await client.query<{ id: string }>(
      `WITH facilitator AS (
         INSERT INTO users (email, display_name, time_zone, password_hash, email_verified_at)
         VALUES ($1, 'Facilitator ' || $2, 'UTC', $3, now()) RETURNING id),
       course AS (
         INSERT INTO courses (author_id, draft, latest_version_number) SELECT id, '{}'::jsonb, 1 FROM facilitator
         RETURNING id, author_id),
       version AS (
         INSERT INTO course_versions (course_id, number, content, title, language, license, published_by, published_at)
         SELECT id, 1, '{}'::jsonb, 'Biogas for everyone ' || $2, 'en', 'CC-BY-SA-4.0', author_id, now() - interval '90 days'
           FROM course RETURNING id, published_by)
       INSERT INTO cohorts (title, course_version_id, start_date, time_zone, capacity, enrolled_count, enrollment_mode,
                            deadline_mode, invite_code, created_by)
       SELECT 'Biogas, cohort ' || $2, id, (now() - interval '45 days')::date, 'UTC', $4, $4, 'open', 'learner-local',
              md5('invite' || $2), published_by
         FROM version
       RETURNING id`,
      [facilitatorEmail, c, passwordHash, size.learners],
    );
    const cohortId = cohort!.id;
    const q = (text: string, values: unknown[] = []) => client.query(text, [cohortId, ...values]);

    await q(
      `INSERT INTO cohort_modules (cohort_id, module_id, position, title, release_offset_days, due_offset_days)
       SELECT $1, md5($1::uuid::text || i)::uuid, i, 'Module ' || (i + 1), 7 * i, 7 * i + 6 FROM generate_series(0, $2 - 1) i`,
      [size.modules],
    );
    await q(
      `INSERT INTO cohort_members (cohort_id, user_id, role, status, requested_at, status_changed_at)
       SELECT $1, created_by, 'facilitator', 'active', now() - interval '60 days', now() - interval '60 days'
         FROM cohorts WHERE id = $1`,
    );
    // Last activity: 70% this week, 20% one to three weeks ago, 10% never.
    await q(
      `WITH people AS (
         INSERT INTO users (email, display_name, time_zone)
         SELECT 'learner-' || $2 || '-' || i || '@bench.invalid',
                ($3::text[])[1 + floor(random() * array_length($3::text[], 1))::int] || ' ' ||
                ($4::text[])[1 + floor(random() * array_length($4::text[], 1))::int] || ' ' || i,
                ($5::text[])[1 + floor(random() * array_length($5::text[], 1))::int]
           FROM generate_series(1, $6) i
         RETURNING id)
       INSERT INTO cohort_members (cohort_id, user_id, role, status, requested_at, status_changed_at, last_active_at)
       SELECT $1, id, 'learner', 'active', enrolled, enrolled,
              CASE WHEN r < 0.7 THEN now() - random() * interval '7 days'
                   WHEN r < 0.9 THEN now() - interval '7 days' - random() * interval '14 days' END
         FROM (SELECT id, now() - interval '45 days' - random() * interval '20 days' AS enrolled, random() AS r
                 FROM people) t`,
      [c, FIRST_NAMES, LAST_NAMES, WEIGHTED_ZONES, size.learners],
    );
    const groups = Math.ceil((size.learners * 0.9) / size.groupSize);
    await q(
      `WITH made AS (
         INSERT INTO study_groups (name, topic, language, time_zone, mode, meeting_link, capacity, member_count,
                                   visibility, invite_code, signup_open, created_by)
         SELECT 'Cohort group ' || n, 'biogas', 'en', 'UTC', 'online', 'https://meet.example.org/' || n, 50, 1,
                'private', md5($1::uuid::text || 'group' || n), false, (SELECT created_by FROM cohorts WHERE id = $1)
           FROM generate_series(1, $2) n
         RETURNING id, name)
       INSERT INTO cohort_groups (group_id, cohort_id, number, formed_at)
       SELECT id, $1, substring(name from 14)::int, now() - interval '44 days' FROM made`,
      [groups],
    );
    await q(
      `INSERT INTO group_members (group_id, user_id, role, status)
       SELECT cg.group_id, (SELECT created_by FROM cohorts WHERE id = $1), 'facilitator', 'active'
         FROM cohort_groups cg WHERE cg.cohort_id = $1`,
    );
    await q(
      `WITH learners AS (
         SELECT user_id, row_number() OVER (ORDER BY random()) AS k FROM cohort_members
          WHERE cohort_id = $1 AND role = 'learner')
       INSERT INTO group_members (group_id, user_id, role, status)
       SELECT cg.group_id, l.user_id, 'member', 'active'
         FROM learners l JOIN cohort_groups cg ON cg.cohort_id = $1 AND cg.number = 1 + (l.k - 1) % $2
        WHERE l.k <= $2 * $3`,
      [groups, size.groupSize],
    );
    await q(
      `UPDATE study_groups g SET member_count = (SELECT count(*) FROM group_members m WHERE m.group_id = g.id)
        WHERE g.id IN (SELECT group_id FROM cohort_groups WHERE cohort_id = $1)`,
    );
    await q(
      `INSERT INTO meetings (group_id, local_date, local_time, time_zone, starts_at, duration_minutes)
       SELECT cg.group_id, d, '18:00', 'UTC', (d + time '18:00') AT TIME ZONE 'UTC', 60
         FROM cohort_groups cg, cohorts c,
              LATERAL (SELECT c.start_date + 1 + 7 * w AS d FROM generate_series(0, $2 - 1) w) dates
        WHERE cg.cohort_id = $1 AND c.id = $1`,
      [size.modules],
    );
    await q(
      `INSERT INTO meeting_attendance (meeting_id, user_id, attended, recorded_by)
       SELECT meeting_id, user_id, r < 0.75, (SELECT created_by FROM cohorts WHERE id = $1)
         FROM (SELECT mt.id AS meeting_id, gm.user_id, random() AS r
                 FROM cohort_groups cg
                 JOIN meetings mt ON mt.group_id = cg.group_id AND mt.starts_at < now()
                 JOIN group_members gm ON gm.group_id = cg.group_id AND gm.role = 'member'
                WHERE cg.cohort_id = $1) held
        WHERE r < 0.85`,
    );
    await q(
      `INSERT INTO discussion_threads (cohort_id, group_id, author_id, title, last_activity_at)
       SELECT $1, NULL, created_by, 'Week ' || n, now() FROM cohorts, generate_series(1, 20) n WHERE id = $1`,
    );
    await q(
      `WITH threads AS (SELECT array_agg(id) AS ids FROM discussion_threads WHERE cohort_id = $1),
       learners AS (SELECT user_id, floor(random() * 11)::int AS posts FROM cohort_members
                     WHERE cohort_id = $1 AND role = 'learner')
       INSERT INTO discussion_posts (thread_id, cohort_id, author_id, body, body_html, created_at, deleted_at)
       SELECT threads.ids[1 + floor(random() * 20)::int], $1, l.user_id, 'My digester is bubbling.',
              '<p>My digester is bubbling.</p>', now() - random() * interval '40 days',
              CASE WHEN random() < 0.05 THEN now() END
         FROM threads, learners l, generate_series(1, l.posts) p`,
    );
    // Diligence d: the learner completes the first round(d * released) modules.
    await q(
      `WITH learners AS (SELECT user_id, random() AS d FROM cohort_members WHERE cohort_id = $1 AND role = 'learner')
       INSERT INTO module_completions (cohort_id, user_id, module_id, completed_at)
       SELECT $1, l.user_id, m.module_id, now() - (6 - m.position) * interval '6 days'
         FROM learners l JOIN cohort_modules m ON m.cohort_id = $1 AND m.position < round(l.d * 7)`,
    );
    await q(
      `INSERT INTO deadline_extensions (cohort_id, user_id, module_id, extra_days, granted_by, granted_at)
       SELECT $1, l.user_id, m.module_id, 1 + floor(random() * 10)::int, c.created_by, now() - interval '10 days'
         FROM (SELECT user_id FROM cohort_members WHERE cohort_id = $1 AND role = 'learner' ORDER BY random() LIMIT $2) l
         JOIN cohort_modules m ON m.cohort_id = $1 AND m.position = 5 + (hashtext(l.user_id::text) & 1)
         JOIN cohorts c ON c.id = $1`,
      [c === 1 ? size.extensions : Math.round(size.extensions / 10)],
    );
    log(
      `  cohort ${c}: ${size.learners} learners, ${groups} groups, in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
    if (c === 1) measured = { cohortId, facilitatorEmail };
  }
  await client.query('VACUUM (ANALYZE)');
  await client.query('CHECKPOINT');
  return measured!;
}
