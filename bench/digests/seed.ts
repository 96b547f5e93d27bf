import type { Client } from 'pg';
import { localParts } from '@app/core';
import { nextDigest } from '@app/notifications';

/**
 * Set-based seed of the digests benchmark: `users` people who each get a daily digest at the same instant
 * (`dueAt`, T) with something in it, built by a few dozen `INSERT ... SELECT generate_series` statements whatever
 * the number of people (no round trip per person; a fixed random seed).
 *
 * Everyone lives in one of the zones whose offset at T is a whole hour (over 400 of them), in turn, and reads
 * their digest at their local hour at T, so every digest is due at T. Each is a learner in a cohort of 1,000,
 * and their digest covers the 22 hours before T: the cohort's discussion (30 posts in the window over 6 threads, for
 * everyone), its announcements (7 cohorts in 10), the learners who joined in the window (every other cohort),
 * the module due on T's UTC date unless done (7 in 10 not done; within the next 48 hours for about half of the
 * readers, by their zone), and for 3 people in 4 a study group of 8 (members in 8 zones)
 * with a meeting in the next 2 to 22 hours, and in a third of the groups someone who just joined. Facilitators
 * and the course author have no digest. Languages: English 60%, Spanish 25%, French 15%; no quiet hours.
 */

export const COHORT_SIZE = 1000;
export const GROUP_SIZE = 8;
const GROUPS_PER_COHORT = Math.ceil(COHORT_SIZE / GROUP_SIZE);
const THREADS_PER_COHORT = 6;
const POSTS_IN_WINDOW = 30;
const OLDER_POSTS = 60;

/** The digest planner runs this long before T: each digest's window of news is (T - 22 h, T]. */
export const WINDOW_MS = 22 * 3600_000;

export interface ZoneAtDue {
  zone: string;
  /** The local hour at T: the digest hour of everyone in the zone. */
  hour: number;
}

/**
 * The zones whose local time at `dueAt` is a whole hour and whose next daily digest at that hour, planned at
 * `plannedAt`, is exactly `dueAt` (the app's own `nextDigest`: a DST change in between cannot make it differ).
 */
export function zonesDueAt(dueAt: Date, plannedAt: Date): ZoneAtDue[] {
  return Intl.supportedValuesOf('timeZone').flatMap((zone) => {
    const { time } = localParts(dueAt, zone);
    if (!time.endsWith(':00')) return [];
    const hour = Number(time.slice(0, 2));
    const next = nextDigest({ digest: 'daily', digestHour: hour, digestWeekday: 1 }, zone, plannedAt);
    return next?.dueAt.getTime() === dueAt.getTime() ? [{ zone, hour }] : [];
  });
}

export interface SeedFacts {
  recipients: number;
  zones: number;
  cohorts: number;
  studyGroups: number;
  groupMembers: number;
  meetingsInNext24h: number;
  announcementsInWindow: number;
  postsInWindow: number;
  joinedInWindow: number;
  locales: Record<string, number>;
}

const FIRST_NAMES = [
  'Amaru',
  'Élodie',
  'Aarav',
  'Chiara',
  'Ngozi',
  'Kenji',
  'Zoë',
  'Mariam',
  'José',
  'Sipho',
  'Anaïs',
  'Fatima',
  'Mateo',
  'Priya',
  'Oluwaseun',
  'Ingrid',
  'Tomás',
  'Leila',
  'Nguyen',
  'Aroha',
  'Dmitri',
  'Wanjiru',
  'Camille',
  'Rahul',
  'Yuki',
  'Lucía',
  'Kwame',
  'Sofia',
  'Hamid',
  'Mei',
];
const LAST_NAMES = [
  'Quispe',
  'Martin',
  'Sharma',
  'Okafor',
  'Tanaka',
  'García',
  'Uwimana',
  'Nguyen',
  'Müller',
  'Khan',
  'Dubois',
  'Mensah',
  'Rossi',
  'Silva',
  'Haddad',
  'Kowalski',
  'Ivanova',
  'Mwangi',
  'Pérez',
  'Chen',
  'Lefèvre',
  'Adeyemi',
  'Kaur',
  'Moreau',
  'Santos',
];
/** Weighted: 12 English, 5 Spanish, 3 French. */
const LOCALES = [...Array<string>(12).fill('en'), ...Array<string>(5).fill('es'), ...Array<string>(3).fill('fr')];

const COHORT_TITLES = [
  'Community health workers',
  'Solar power for schools',
  'Introduction to statistics',
  'Permaculture design',
  'Python for data journalism',
  'Salud comunitaria',
  'Agroécologie pratique',
  'Water filtration at home',
];
const MODULE_TITLES = [
  'Getting started',
  'Listening to your community',
  'Measuring what matters',
  'Planning a small project',
  'Working with local partners',
  'Sharing what you learned',
];
const ANNOUNCEMENT_TITLES = [
  'Module 2 is due tomorrow night',
  'Guest session on Thursday',
  'Recording of the live session',
  'Peer review pairs are out',
  'Office hours moved to Friday',
  'Changement d’horaire pour la séance',
  'Nueva lectura para esta semana',
];
const ANNOUNCEMENT_BODIES = [
  'Hello everyone! A quick reminder that **module 2** is due tomorrow at the end of your day. If you need more ' +
    'time, write to me before the deadline and we will find a solution together. The forum is open all week.',
  'Our guest this week works with [a rural clinic network](https://example.org/clinics) and will talk about ' +
    'how they plan home visits. Bring one question from your own work; we will record the session.',
  'The recording of Tuesday’s live session is now on the course page, with the slides and the reading list. ' +
    'Thank you to everyone who shared their projects: it was the best session so far.',
  'Peer review pairs are out: you will find your partner on the cohort page. Please leave your comments by ' +
    'Sunday and remember to be specific and kind.',
  'Hola a todos: esta semana agregamos una lectura corta sobre evaluación participativa. Está en la página ' +
    'del curso y la comentaremos en la próxima reunión.',
  'Bonjour à toutes et à tous : la séance de jeudi est déplacée à vendredi même heure. Le lien ne change pas.',
];
const THREAD_TITLES = [
  'Introduce yourself',
  'Questions about module 2',
  'Resources we found useful',
  'How do you measure impact?',
  'Study tips and schedules',
  'Ideas for the final project',
  'Dudas sobre la lectura',
  'Retours sur la séance',
];
const POST_SENTENCES = [
  'I tried the exercise with my neighbours and it took longer than I expected.',
  'Does anyone have a template for the survey in module 2?',
  'Thanks for sharing this, it helped me a lot with the reading.',
  'We had a similar problem in our village and solved it with a shared calendar.',
  'I am a bit behind this week but I will catch up on Sunday.',
  'Here is the link to the article I mentioned: https://example.org/article',
  'My group meets on Thursdays if anyone wants to join the discussion.',
  'I disagree a little: the sample was too small to draw conclusions.',
  'Great question! I think the answer depends on the season.',
  'Estoy de acuerdo, sobre todo con el segundo punto.',
  'Merci pour ces ressources, je les partage avec mon équipe.',
  'Could someone explain the difference between the two methods?',
  'We recorded our meeting, the notes are in the shared folder.',
  'Feeling much more confident after this week’s session.',
];
const GROUP_PREFIXES = ['Evening', 'Weekend', 'Morning', 'Lunchtime', 'Night owl', 'Sunrise', 'Friendly', 'Slow'];
const GROUP_TOPICS = ['statistics', 'public health', 'solar power', 'composting', 'python', 'first aid', 'ecology'];
const GROUP_SUFFIXES = ['circle', 'study group', 'club', 'learners', 'reading group', 'lab'];
const MEETING_TITLES = ['Review of module 2', 'Project check-in', 'Reading discussion', 'Practice session'];

/** Seeds everything in `client`'s database (created from the migrations, nothing else in it). */
export async function seedDigests(
  client: Client,
  users: number,
  dueAt: Date,
  zones: ZoneAtDue[],
  log: (line: string) => void,
): Promise<SeedFacts> {
  const step = async (what: string, sql: string, values: unknown[] = []): Promise<void> => {
    const started = Date.now();
    const result = await client.query(sql, values);
    log(`  ${what} (${result.rowCount ?? 0} rows): ${((Date.now() - started) / 1000).toFixed(1)} s`);
  };
  const T = dueAt.toISOString();
  const zoneNames = zones.map((z) => z.zone);
  const zoneHours = zones.map((z) => z.hour);

  await client.query(`SELECT setseed(0.4242)`);
  await client.query(
    `CREATE TEMP TABLE bench_learners AS
     SELECT i, md5('learner' || i)::uuid AS id, 1 + (i - 1) / $2 AS c, (i - 1) % $2 AS n,
            1 + ((i - 1) / $2) * $3 + ((i - 1) % $2) / $4 AS g
       FROM generate_series(1, $1) i`,
    [users, COHORT_SIZE, GROUPS_PER_COHORT, GROUP_SIZE],
  );
  await client.query(
    `CREATE TEMP TABLE bench_cohorts AS SELECT c, count(*)::int AS size FROM bench_learners GROUP BY c`,
  );

  await step(
    'learners',
    `INSERT INTO users (id, email, display_name, time_zone, locale, email_verified_at, created_at, updated_at)
     SELECT l.id, 'learner-' || l.i || '@bench.invalid',
            ($1::text[])[1 + (l.i * 7) % cardinality($1::text[])] || ' ' ||
              ($2::text[])[1 + (l.i * 13) % cardinality($2::text[])],
            ($3::text[])[1 + (l.i - 1) % cardinality($3::text[])],
            ($4::text[])[1 + floor(random() * cardinality($4::text[]))::int],
            $5::timestamptz - interval '90 days', $5::timestamptz - interval '90 days', $5::timestamptz - interval '90 days'
       FROM bench_learners l`,
    [FIRST_NAMES, LAST_NAMES, zoneNames, LOCALES, T],
  );
  // Everyone's digest hour is their local hour at T; 70% want meeting reminders too.
  await step(
    'notification preferences',
    `INSERT INTO notification_preferences (user_id, digest, digest_hour, digest_weekday, reminders)
     SELECT l.id, 'daily', ($1::int[])[1 + (l.i - 1) % cardinality($1::int[])], 1 + l.i % 7, random() < 0.7
       FROM bench_learners l`,
    [zoneHours],
  );
  await step(
    'facilitators, author, course',
    `WITH people AS (
       INSERT INTO users (id, email, display_name, time_zone, email_verified_at)
       SELECT md5('facilitator' || c)::uuid, 'facilitator-' || c || '@bench.invalid', 'Facilitator ' || c,
              ($1::text[])[1 + (c * 37) % cardinality($1::text[])], $2::timestamptz - interval '400 days'
         FROM bench_cohorts
       UNION ALL
       SELECT md5('author')::uuid, 'author@bench.invalid', 'Course author', 'UTC', $2::timestamptz - interval '400 days'
       RETURNING id),
     course AS (
       INSERT INTO courses (id, author_id, draft, latest_version_number)
       SELECT md5('course')::uuid, id, '{}'::jsonb, 1 FROM people WHERE id = md5('author')::uuid
       RETURNING id, author_id)
     INSERT INTO course_versions (id, course_id, number, content, title, language, license, published_by, published_at)
     SELECT md5('version')::uuid, id, 1, '{}'::jsonb, 'Community health for everyone', 'en', 'CC-BY-SA-4.0',
            author_id, $2::timestamptz - interval '200 days'
       FROM course`,
    [zoneNames, T],
  );
  await client.query(`UPDATE courses SET latest_version_id = md5('version')::uuid`);
  // Started 13 days before T's UTC date: the second module is due that date (at 23:59, in the cohort's zone or
  // each learner's), so within the next 48 hours for most readers.
  await step(
    'cohorts',
    `INSERT INTO cohorts (id, title, course_version_id, start_date, time_zone, capacity, enrolled_count,
                          enrollment_mode, deadline_mode, invite_code, created_by, created_at, updated_at)
     SELECT md5('cohort' || c)::uuid, ($1::text[])[1 + c % cardinality($1::text[])] || ', cohort ' || c,
            md5('version')::uuid, ($2::timestamptz AT TIME ZONE 'UTC')::date - 13,
            ($3::text[])[1 + (c * 37) % cardinality($3::text[])], $4, size, 'open',
            CASE WHEN c % 3 = 0 THEN 'fixed' ELSE 'learner-local' END, 'bench-' || md5('invite' || c),
            md5('facilitator' || c)::uuid, $2::timestamptz - interval '40 days', $2::timestamptz - interval '40 days'
       FROM bench_cohorts`,
    [COHORT_TITLES, T, zoneNames, COHORT_SIZE],
  );
  await step(
    'cohort modules',
    `INSERT INTO cohort_modules (cohort_id, module_id, position, title, release_offset_days, due_offset_days)
     SELECT md5('cohort' || c)::uuid, md5('module' || c || '-' || k)::uuid, k, ($1::text[])[1 + k], 7 * k, 7 * k + 6
       FROM bench_cohorts, generate_series(0, cardinality($1::text[]) - 1) k`,
    [MODULE_TITLES],
  );
  // In every other cohort, a dozen learners were accepted in the window: "new members" for all of it.
  await step(
    'cohort members',
    `INSERT INTO cohort_members (cohort_id, user_id, role, status, requested_at, status_changed_at, last_active_at)
     SELECT md5('cohort' || c)::uuid, md5('facilitator' || c)::uuid, 'facilitator', 'active',
            $1::timestamptz - interval '40 days', $1::timestamptz - interval '40 days', $1::timestamptz - interval '1 hour'
       FROM bench_cohorts
     UNION ALL
     SELECT md5('cohort' || l.c)::uuid, l.id, 'learner', 'active', x.at - interval '1 day', x.at,
            $1::timestamptz - random() * interval '4 days'
       FROM bench_learners l,
            LATERAL (SELECT CASE WHEN l.c % 2 = 0 AND l.n < 12
                                 THEN $1::timestamptz - interval '10 minutes' - random() * interval '20 hours'
                                 ELSE $1::timestamptz - interval '20 days' - random() * interval '5 days' END AS at) x`,
    [T],
  );
  await step(
    'module completions',
    `INSERT INTO module_completions (cohort_id, user_id, module_id, completed_at)
     SELECT md5('cohort' || c)::uuid, id, md5('module' || c || '-' || k)::uuid,
            $1::timestamptz - (8 - 6 * k) * interval '1 day' + random() * interval '1 day'
       -- A draw per row in a subquery: in the WHERE clause, a condition on k alone would be drawn once per k.
       FROM (SELECT l.c, l.id, k, random() AS r FROM bench_learners l, generate_series(0, 1) k) x
      WHERE r < CASE k WHEN 0 THEN 0.9 ELSE 0.3 END`,
    [T],
  );
  await step(
    'announcements',
    `INSERT INTO cohort_announcements (cohort_id, author_id, title, body, body_html, published_at)
     SELECT md5('cohort' || c)::uuid, md5('facilitator' || c)::uuid,
            ($1::text[])[1 + (c + k) % cardinality($1::text[])], b.body, '<p>' || b.body || '</p>',
            CASE WHEN k < 3 THEN $3::timestamptz - make_interval(hours => 1 + 6 * k, mins => c % 50)
                 ELSE $3::timestamptz - make_interval(days => k) END
       FROM bench_cohorts, generate_series(0, 5) k,
            LATERAL (SELECT ($2::text[])[1 + (c * 3 + k) % cardinality($2::text[])] AS body) b
      WHERE k >= 3 OR (c % 10 < 7 AND k <= c % 3)`,
    [ANNOUNCEMENT_TITLES, ANNOUNCEMENT_BODIES, T],
  );
  await step(
    'discussion threads',
    `INSERT INTO discussion_threads (id, cohort_id, group_id, author_id, title, reply_count, last_activity_at, created_at)
     SELECT md5('thread' || c || '-' || k)::uuid, md5('cohort' || c)::uuid, NULL,
            md5('learner' || ((c - 1) * $1 + 1 + (k * 97 + c) % size))::uuid,
            ($2::text[])[1 + (c + k) % cardinality($2::text[])], 0,
            $3::timestamptz - interval '10 days', $3::timestamptz - interval '10 days'
       FROM bench_cohorts, generate_series(0, $4 - 1) k`,
    [COHORT_SIZE, THREAD_TITLES, T, THREADS_PER_COHORT],
  );
  // 30 posts in the window (every 41 minutes from T - 21 h), 60 older ones; 3% deleted.
  await step(
    'discussion posts',
    `INSERT INTO discussion_posts (thread_id, cohort_id, author_id, body, body_html, created_at, deleted_at)
     SELECT md5('thread' || s.c || '-' || (j % $1))::uuid, md5('cohort' || s.c)::uuid,
            md5('learner' || ((s.c - 1) * $2 + 1 + floor(random() * s.size)::int))::uuid,
            p.body, '<p>' || p.body || '</p>', t.at,
            CASE WHEN random() < 0.03 THEN t.at + interval '5 minutes' END
       FROM bench_cohorts s, generate_series(0, $3::int + $4::int - 1) j,
            LATERAL (SELECT CASE WHEN j < $3 THEN $5::timestamptz - interval '21 hours' + j * interval '41 minutes'
                                 ELSE $5::timestamptz - interval '23 hours' - random() * interval '10 days' END AS at) t,
            LATERAL (SELECT string_agg(($6::text[])[1 + floor(random() * cardinality($6::text[]))::int], ' ') AS body
                       FROM generate_series(0, 1 + (j + s.c) % 3) w) p`,
    [THREADS_PER_COHORT, COHORT_SIZE, POSTS_IN_WINDOW, OLDER_POSTS, T, POST_SENTENCES],
  );
  await client.query(
    `UPDATE discussion_threads t SET last_activity_at = x.last, reply_count = x.n - 1
       FROM (SELECT thread_id, max(created_at) AS last, count(*)::int AS n
               FROM discussion_posts WHERE deleted_at IS NULL GROUP BY thread_id) x
      WHERE x.thread_id = t.id`,
  );

  // Groups of 8 consecutive learners of a cohort (8 zones each); every fourth group does not exist.
  await client.query(
    `CREATE TEMP TABLE bench_groups AS
     SELECT g, md5('group' || g)::uuid AS id, c, min(i) AS first_i, max(i) AS last_i, count(*)::int AS size,
            ($1::text[])[1 + (min(i) - 1) % cardinality($1::text[])] AS zone
       FROM bench_learners WHERE g % 4 <> 0 GROUP BY g, c`,
    [zoneNames],
  );
  await step(
    'study groups',
    `INSERT INTO study_groups (id, name, topic, language, time_zone, mode, meeting_link, capacity, member_count,
                               signup_open, visibility, invite_code, created_by, created_at, updated_at)
     SELECT id, ($1::text[])[1 + g % cardinality($1::text[])] || ' ' || ($2::text[])[1 + (g * 7) % cardinality($2::text[])]
                || ' ' || ($3::text[])[1 + (g * 3) % cardinality($3::text[])],
            ($2::text[])[1 + (g * 7) % cardinality($2::text[])], 'en', zone, 'online',
            'https://meet.example.org/bench-' || g, 12, size, false, 'private', 'bench-group-' || g,
            md5('facilitator' || c)::uuid, $4::timestamptz - interval '30 days', $4::timestamptz - interval '30 days'
       FROM bench_groups`,
    [GROUP_PREFIXES, GROUP_TOPICS, GROUP_SUFFIXES, T],
  );
  await step(
    'cohort groups',
    `INSERT INTO cohort_groups (group_id, cohort_id, number, formed_at)
     SELECT id, md5('cohort' || c)::uuid, g - (c - 1) * $1, $2::timestamptz - interval '25 days' FROM bench_groups`,
    [GROUPS_PER_COHORT, T],
  );
  await step(
    'group members',
    `INSERT INTO group_members (group_id, user_id, role, status, joined_at)
     SELECT gr.id, l.id, 'member', 'active',
            CASE WHEN gr.g % 3 = 0 AND l.i = gr.last_i AND gr.size > 1
                 THEN $1::timestamptz - interval '15 minutes' - random() * interval '20 hours'
                 ELSE $1::timestamptz - interval '25 days' END
       FROM bench_learners l JOIN bench_groups gr ON gr.g = l.g`,
    [T],
  );
  // Weekly at the same local time: last week's, the next one (2 to 22.5 hours after T), and next week's.
  await client.query(
    `CREATE TEMP TABLE bench_meetings AS
     WITH next AS (
       SELECT id AS group_id, g, zone,
              ($1::timestamptz + make_interval(hours => 2 + g % 21, mins => 30 * (g % 2))) AT TIME ZONE zone AS local_start
         FROM bench_groups)
     SELECT group_id, g, zone, k, local_start::date + 7 * k AS local_date, local_start::time AS local_time,
            ((local_start::date + 7 * k) + local_start::time) AT TIME ZONE zone AS starts_at
       FROM next, generate_series(-1, 1) k`,
    [T],
  );
  await step(
    'meetings',
    `INSERT INTO meetings (group_id, local_date, local_time, time_zone, starts_at, duration_minutes, status,
                           from_schedule, title)
     SELECT group_id, local_date, local_time, zone, starts_at, CASE WHEN g % 3 = 0 THEN 90 ELSE 60 END, 'scheduled',
            true, CASE WHEN g % 5 = 0 THEN ($1::text[])[1 + g % cardinality($1::text[])] END
       FROM bench_meetings`,
    [MEETING_TITLES],
  );
  await client.query(
    `UPDATE study_groups s SET first_meeting_at = m.first
       FROM (SELECT group_id, min(starts_at) AS first FROM bench_meetings GROUP BY group_id) m
      WHERE m.group_id = s.id`,
  );
  await step('vacuum analyze', `VACUUM (ANALYZE)`);
  // Written out now: a checkpoint flushing the seed in the middle of a measurement would be the seed's cost.
  await step('checkpoint', `CHECKPOINT`);

  const since = new Date(dueAt.getTime() - WINDOW_MS).toISOString();
  const [facts] = (
    await client.query<Omit<SeedFacts, 'locales'>>(
      `SELECT (SELECT count(*)::int FROM notification_preferences WHERE digest <> 'off') AS recipients,
              (SELECT count(DISTINCT u.time_zone)::int FROM users u
                 JOIN notification_preferences p ON p.user_id = u.id) AS zones,
              (SELECT count(*)::int FROM cohorts) AS cohorts,
              (SELECT count(*)::int FROM study_groups) AS "studyGroups",
              (SELECT count(*)::int FROM group_members) AS "groupMembers",
              (SELECT count(*)::int FROM meetings
                WHERE starts_at > $1 AND starts_at <= $1::timestamptz + interval '24 hours') AS "meetingsInNext24h",
              (SELECT count(*)::int FROM cohort_announcements
                WHERE published_at > $2 AND published_at <= $1) AS "announcementsInWindow",
              (SELECT count(*)::int FROM discussion_posts
                WHERE created_at > $2 AND created_at <= $1 AND deleted_at IS NULL) AS "postsInWindow",
              (SELECT count(*)::int FROM cohort_members WHERE role = 'learner' AND status_changed_at > $2)
                + (SELECT count(*)::int FROM group_members WHERE joined_at > $2) AS "joinedInWindow"`,
      [T, since],
    )
  ).rows;
  const { rows: locales } = await client.query<{ locale: string; n: number }>(
    `SELECT u.locale, count(*)::int AS n FROM users u JOIN notification_preferences p ON p.user_id = u.id
      GROUP BY u.locale ORDER BY u.locale`,
  );
  return { ...facts!, locales: Object.fromEntries(locales.map((l) => [l.locale, l.n])) };
}
