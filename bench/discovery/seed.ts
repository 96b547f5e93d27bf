import type { Client } from 'pg';

/**
 * Set-based seed of the discovery benchmark: every table filled by a few `INSERT ... SELECT generate_series`
 * statements, with a fixed random seed, so 100k groups and 1M meetings take seconds and each run sees the same
 * data. The spread is what discovery has to cope with: a few big languages and many small ones, zones with
 * odd offsets and DST (Kathmandu, La Paz, Lord Howe, Tonga...), popular and rare topics, full and open groups,
 * online and in-person groups around real cities, weekly and twice-weekly meetings at local hours people choose,
 * groups that have not started, are running, or have finished (no upcoming meeting, empty slots), and a share
 * of private groups discovery must never show.
 */

export interface SeedSize {
  groups: number;
  /** Every group gets this many meetings (weekly, or twice a week over half as many weeks). */
  meetingsPerGroup: number;
  facilitators: number;
  courses: number;
}

export interface Place {
  language: string;
  city: string;
  country: string;
  zone: string;
  latitude: number;
  longitude: number;
}

/** Where groups are, by language (online groups take one of these zones too). */
export const PLACES: Place[] = [
  ['en', 'New York', 'US', 'America/New_York', 40.71, -74.0],
  ['en', 'London', 'GB', 'Europe/London', 51.51, -0.13],
  ['en', 'Nairobi', 'KE', 'Africa/Nairobi', -1.29, 36.82],
  ['en', 'Lagos', 'NG', 'Africa/Lagos', 6.52, 3.38],
  ['en', 'Manila', 'PH', 'Asia/Manila', 14.6, 120.98],
  ['en', 'Sydney', 'AU', 'Australia/Sydney', -33.87, 151.21],
  ['en', 'Lord Howe Island', 'AU', 'Australia/Lord_Howe', -31.55, 159.08],
  ['en', "Nuku'alofa", 'TO', 'Pacific/Tongatapu', -21.14, -175.2],
  ['en', 'Kathmandu', 'NP', 'Asia/Kathmandu', 27.72, 85.32],
  ['en', 'Toronto', 'CA', 'America/Toronto', 43.65, -79.38],
  ['es', 'La Paz', 'BO', 'America/La_Paz', -16.5, -68.15],
  ['es', 'Cochabamba', 'BO', 'America/La_Paz', -17.39, -66.16],
  ['es', 'Mexico City', 'MX', 'America/Mexico_City', 19.43, -99.13],
  ['es', 'Madrid', 'ES', 'Europe/Madrid', 40.42, -3.7],
  ['es', 'Bogotá', 'CO', 'America/Bogota', 4.71, -74.07],
  ['es', 'Lima', 'PE', 'America/Lima', -12.05, -77.04],
  ['es', 'Buenos Aires', 'AR', 'America/Argentina/Buenos_Aires', -34.6, -58.38],
  ['fr', 'Paris', 'FR', 'Europe/Paris', 48.86, 2.35],
  ['fr', 'Lyon', 'FR', 'Europe/Paris', 45.76, 4.84],
  ['fr', 'Kigali', 'RW', 'Africa/Kigali', -1.95, 30.06],
  ['fr', 'Dakar', 'SN', 'Africa/Dakar', 14.72, -17.47],
  ['fr', 'Montréal', 'CA', 'America/Toronto', 45.5, -73.57],
  ['fr', 'Abidjan', 'CI', 'Africa/Abidjan', 5.36, -4.01],
  ['pt', 'São Paulo', 'BR', 'America/Sao_Paulo', -23.55, -46.63],
  ['pt', 'Lisbon', 'PT', 'Europe/Lisbon', 38.72, -9.14],
  ['pt', 'Maputo', 'MZ', 'Africa/Maputo', -25.97, 32.57],
  ['sw', 'Nairobi', 'KE', 'Africa/Nairobi', -1.29, 36.82],
  ['sw', 'Dar es Salaam', 'TZ', 'Africa/Dar_es_Salaam', -6.79, 39.21],
  ['sw', 'Mombasa', 'KE', 'Africa/Nairobi', -4.04, 39.67],
  ['rw', 'Kigali', 'RW', 'Africa/Kigali', -1.95, 30.06],
  ['rw', 'Huye', 'RW', 'Africa/Kigali', -2.6, 29.74],
  ['rw', 'Musanze', 'RW', 'Africa/Kigali', -1.5, 29.63],
  ['ne', 'Kathmandu', 'NP', 'Asia/Kathmandu', 27.72, 85.32],
  ['ne', 'Pokhara', 'NP', 'Asia/Kathmandu', 28.21, 83.99],
  ['hi', 'Delhi', 'IN', 'Asia/Kolkata', 28.61, 77.21],
  ['hi', 'Mumbai', 'IN', 'Asia/Kolkata', 19.08, 72.88],
  ['ar', 'Cairo', 'EG', 'Africa/Cairo', 30.04, 31.24],
  ['ar', 'Casablanca', 'MA', 'Africa/Casablanca', 33.57, -7.59],
  ['de', 'Berlin', 'DE', 'Europe/Berlin', 52.52, 13.4],
  ['de', 'Vienna', 'AT', 'Europe/Vienna', 48.21, 16.37],
].map(([language, city, country, zone, latitude, longitude]) => ({
  language,
  city,
  country,
  zone,
  latitude,
  longitude,
})) as Place[];

/** Share of groups per language: a few big ones, a long tail. */
export const LANGUAGE_SHARES: [string, number][] = [
  ['en', 0.34],
  ['es', 0.2],
  ['fr', 0.12],
  ['pt', 0.08],
  ['sw', 0.05],
  ['rw', 0.04],
  ['ne', 0.04],
  ['hi', 0.05],
  ['ar', 0.04],
  ['de', 0.04],
];

/** Free topics, most popular first (picked with a skew towards the head). */
export const TOPICS = [
  'biogas',
  'python',
  'solar power',
  'permaculture',
  'statistics',
  'web development',
  'public health',
  'spanish',
  'machine learning',
  'creative writing',
  'first aid',
  'beekeeping',
  'composting',
  'water filtration',
  'rainwater harvesting',
  'bicycle repair',
  'electronics',
  'arduino',
  'photography',
  'poetry',
  'philosophy',
  'economics',
  'accounting',
  'entrepreneurship',
  'carpentry',
  'sewing',
  'cooking',
  'nutrition',
  'guitar',
  'music theory',
  'chess',
  'astronomy',
  'climate science',
  'ecology',
  'birdwatching',
  'gardening',
  'history',
  'sociology',
  'psychology',
  'mindfulness',
  'public speaking',
  'calculus',
  'linear algebra',
  'physics',
  'chemistry',
  'biology',
  'genetics',
  'open source',
  'linux',
  'databases',
  'cybersecurity',
  'graphic design',
  'video editing',
  'sign language',
  'kinyarwanda',
  'nepali',
  'french',
  'data journalism',
  'javascript',
  'agroforestry',
];

const SENTENCES: Record<string, string[]> = {
  en: [
    'We meet every week to learn %1 together, at our own pace.',
    'Bring your questions about %1 and your notes from the last session.',
    'No experience with %1 needed: beginners are welcome.',
    'We follow an openly licensed course and take turns facilitating.',
    'Between meetings we share resources about %2 in our forum.',
    'This circle started in a public library and moved online.',
    'Each session has a short reading, a discussion and a hands-on exercise.',
    'We also look at how %1 connects with %2.',
    'Cameras optional, kindness required.',
    'Materials are free; you only need a notebook and curiosity.',
    'Our facilitator is a peer, not a teacher: everyone contributes.',
    'We finish with a small project about %1 you can show to others.',
  ],
  es: [
    'Nos reunimos cada semana para aprender %1 juntos.',
    'Traé tus preguntas sobre %1 y tus apuntes.',
    'No hace falta experiencia previa: principiantes bienvenidos.',
    'Seguimos un curso con licencia abierta y nos turnamos para facilitar.',
    'Entre reuniones compartimos recursos sobre %2.',
    'Cada sesión tiene una lectura corta, una conversación y un ejercicio práctico.',
    'Terminamos con un pequeño proyecto de %1 para mostrar a otros.',
  ],
  fr: [
    'Nous nous retrouvons chaque semaine pour apprendre %1 ensemble.',
    'Apportez vos questions sur %1 et vos notes.',
    'Aucune expérience requise : les débutants sont les bienvenus.',
    'Nous suivons un cours sous licence libre et animons à tour de rôle.',
    'Entre les séances, nous partageons des ressources sur %2.',
    'Chaque séance comprend une courte lecture, une discussion et un exercice pratique.',
  ],
};

const GREETINGS: Record<string, string> = {
  pt: 'Bem-vindos!',
  sw: 'Karibu!',
  rw: 'Murakaza neza!',
  ne: 'नमस्ते! हामी सँगै सिक्छौं।',
  hi: 'नमस्ते! हम साथ में सीखते हैं।',
  ar: 'مرحبا! نتعلم معا.',
  de: 'Willkommen! Wir lernen gemeinsam.',
};

const NAME_PREFIXES = [
  'Evening',
  'Weekend',
  'Beginners',
  'Advanced',
  'Community',
  'Open',
  'Friendly',
  'Slow',
  'Intensive',
  'Neighbourhood',
  'Library',
  'Online',
  'Sunrise',
  'Lunchtime',
  'Night owl',
];
const NAME_SUFFIXES = ['circle', 'study group', 'builders', 'club', 'learners', 'reading group', 'lab', 'collective'];

const sqlText = (s: string): string => `'${s.replace(/'/g, "''")}'`;
const sqlTextArray = (items: string[]): string => `ARRAY[${items.map(sqlText).join(', ')}]::text[]`;

/** Runs the seed inside `client`'s database (created from the migrations, nothing else in it). */
export async function seedDiscovery(client: Client, size: SeedSize, log: (line: string) => void): Promise<void> {
  const step = async (what: string, sql: string): Promise<void> => {
    const started = Date.now();
    const result = await client.query(sql);
    const rows = Array.isArray(result) ? '' : ` (${result.rowCount ?? 0} rows)`;
    log(`  ${what}${rows}: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  };

  await client.query(`SELECT setseed(0.4242)`);
  await step(
    'facilitators',
    `INSERT INTO users (email, display_name, time_zone, email_verified_at)
     SELECT 'facilitator-' || i || '@bench.invalid', 'Facilitator ' || i, 'UTC', now()
       FROM generate_series(1, ${size.facilitators}) i`,
  );
  await client.query(`CREATE TEMP TABLE bench_facilitators AS
    SELECT row_number() OVER (ORDER BY id) AS n, id FROM users WHERE email LIKE 'facilitator-%'`);

  // Courses some groups run (the rest have a free topic).
  await step(
    'courses',
    `INSERT INTO courses (id, author_id, draft, latest_version_number)
     SELECT md5('course' || i)::uuid, (SELECT id FROM bench_facilitators WHERE n = 1 + i % ${size.facilitators}),
            '{}'::jsonb, 1
       FROM generate_series(1, ${size.courses}) i`,
  );
  await step(
    'course versions',
    `INSERT INTO course_versions (id, course_id, number, content, title, language, topics, license, published_by, published_at)
     SELECT md5('version' || i)::uuid, md5('course' || i)::uuid, 1, '{}'::jsonb,
            initcap(t.topic) || ' for everyone, part ' || (1 + i % 3),
            (${sqlTextArray(LANGUAGE_SHARES.map(([l]) => l))})[1 + i % ${LANGUAGE_SHARES.length}],
            ARRAY[t.topic, (${sqlTextArray(TOPICS)})[1 + (i * 7) % ${TOPICS.length}]],
            'CC-BY-SA-4.0', (SELECT id FROM bench_facilitators WHERE n = 1 + i % ${size.facilitators}), now() - interval '90 days'
       FROM generate_series(1, ${size.courses}) i,
            LATERAL (SELECT (${sqlTextArray(TOPICS)})[1 + i % ${TOPICS.length}] AS topic) t`,
  );
  await client.query(`UPDATE courses c SET latest_version_id = v.id FROM course_versions v WHERE v.course_id = c.id`);

  const places = PLACES.map(
    (p, i) =>
      `(${i + 1}, ${sqlText(p.language)}, ${sqlText(p.city)}, ${sqlText(p.country)}, ${sqlText(p.zone)}, ${p.latitude}, ${p.longitude})`,
  ).join(', ');
  await client.query(`CREATE TEMP TABLE bench_places (n int, language text, city text, country text, zone text,
    latitude float8, longitude float8)`);
  await client.query(`INSERT INTO bench_places VALUES ${places}`);

  let cumulative = 0;
  const languageCase = LANGUAGE_SHARES.map(([language, share]) => {
    cumulative += share;
    return `WHEN r_lang < ${cumulative.toFixed(4)} THEN ${sqlText(language)}`;
  }).join(' ');
  const sentenceRows = Object.entries(SENTENCES)
    .map(([language, list]) => `(${sqlText(language)}, ${sqlTextArray(list)})`)
    .join(', ');
  const greetingRows = Object.entries(GREETINGS)
    .map(([language, text]) => `(${sqlText(language)}, ${sqlText(text)})`)
    .join(', ');

  // One row per group with every random choice made once; meetings and slots are derived from it.
  await step(
    'group plans',
    `CREATE TEMP TABLE bench_groups AS
     WITH base AS (
       SELECT i, random() AS r_lang, random() AS r_place, random() AS r_topic, random() AS r_topic2,
              random() AS r_mode, random() AS r_cap, random() AS r_full, random() AS r_fill, random() AS r_vis,
              random() AS r_day, random() AS r_slot, random() AS r_hour, random() AS r_min, random() AS r_dur,
              random() AS r_start, random() AS r_twice, random() AS r_course, random() AS r_jitter1,
              random() AS r_jitter2, random() AS r_prefix, random() AS r_suffix, random() AS r_open,
              3 + floor(random() * 4)::int AS sentences
         FROM generate_series(1, ${size.groups}) i
     ), chosen AS (
       SELECT b.*, CASE ${languageCase} ELSE 'en' END AS language,
              (${sqlTextArray(TOPICS)})[1 + floor(${TOPICS.length} * r_topic * r_topic)::int] AS topic,
              (${sqlTextArray(TOPICS)})[1 + floor(${TOPICS.length} * r_topic2)::int] AS topic2,
              CASE WHEN r_day < 0.12 THEN 1 WHEN r_day < 0.30 THEN 2 WHEN r_day < 0.48 THEN 3 WHEN r_day < 0.65 THEN 4
                   WHEN r_day < 0.73 THEN 5 WHEN r_day < 0.90 THEN 6 ELSE 7 END AS weekday,
              (ARRAY[6, 8, 8, 10, 10, 12, 12, 15, 15, 20, 25, 30])[1 + floor(r_cap * 12)::int] AS capacity,
              CASE WHEN r_dur < 0.05 THEN 45 WHEN r_dur < 0.45 THEN 60 WHEN r_dur < 0.80 THEN 90 ELSE 120 END AS duration
         FROM base b
     )
     SELECT c.i, gen_random_uuid() AS id, c.language, c.topic, c.topic2, c.weekday, c.capacity, c.duration, c.sentences,
            p.city, p.country, p.zone, p.latitude + (c.r_jitter1 - 0.5) * 0.4 AS latitude,
            p.longitude + (c.r_jitter2 - 0.5) * 0.4 AS longitude,
            CASE WHEN c.r_mode < 0.7 THEN 'online' ELSE 'in-person' END AS mode,
            CASE WHEN c.r_full < 0.25 THEN c.capacity ELSE 1 + floor(c.r_fill * (c.capacity - 1))::int END AS member_count,
            CASE WHEN c.r_vis < 0.08 THEN 'private' ELSE 'public' END AS visibility,
            c.r_open < 0.92 AS signup_open,
            CASE WHEN c.r_course < 0.2 THEN md5('version' || (1 + floor(c.r_course * 5 * ${size.courses})::int))::uuid END
              AS course_version_id,
            (${sqlTextArray(NAME_PREFIXES)})[1 + floor(c.r_prefix * ${NAME_PREFIXES.length})::int] || ' ' || c.topic || ' ' ||
              (${sqlTextArray(NAME_SUFFIXES)})[1 + floor(c.r_suffix * ${NAME_SUFFIXES.length})::int] AS name,
            -- Local start: weekday mornings, lunchtimes or (mostly) evenings; weekends in the day.
            make_time(CASE WHEN c.weekday >= 6 THEN 9 + floor(c.r_hour * 8)::int
                           WHEN c.r_slot < 0.35 THEN 6 + floor(c.r_hour * 4)::int
                           WHEN c.r_slot < 0.45 THEN 12 + floor(c.r_hour * 2)::int
                           ELSE 17 + floor(c.r_hour * 5)::int END,
                      CASE WHEN c.r_min < 0.6 THEN 0 WHEN c.r_min < 0.9 THEN 30 WHEN c.r_min < 0.95 THEN 15 ELSE 45 END,
                      0) AS local_time,
            c.r_twice < 0.15 AS twice_weekly,
            -- First meeting between ten weeks ago and nineteen weeks ahead: finished, running and future groups.
            current_date - 70 + floor(c.r_start * 200)::int AS start_date,
            (SELECT id FROM bench_facilitators WHERE n = 1 + c.i % ${size.facilitators}) AS created_by
       FROM chosen c
       JOIN LATERAL (
         SELECT * FROM bench_places p WHERE p.language = c.language
          ORDER BY p.n OFFSET floor(c.r_place * (SELECT count(*) FROM bench_places q WHERE q.language = c.language))
          LIMIT 1
       ) p ON true`,
  );
  await client.query(`ALTER TABLE bench_groups ADD COLUMN first_date date`);
  await client.query(`UPDATE bench_groups
     SET first_date = start_date + ((weekday - extract(isodow FROM start_date)::int + 7) % 7)`);

  const perWeek = `CASE WHEN g.twice_weekly THEN 2 ELSE 1 END`;
  await step(
    'meeting plans',
    `CREATE TEMP TABLE bench_meetings AS
     SELECT g.id AS group_id, d.local_date, g.local_time, g.zone AS time_zone,
            (d.local_date + g.local_time) AT TIME ZONE g.zone AS starts_at, g.duration AS duration_minutes,
            CASE WHEN random() < 0.03 THEN 'cancelled' ELSE 'scheduled' END AS status
       FROM bench_groups g
       CROSS JOIN LATERAL generate_series(0, ${size.meetingsPerGroup} - 1) k
       CROSS JOIN LATERAL (SELECT g.first_date + (k / ${perWeek}) * 7 + (k % ${perWeek}) * 3 AS local_date) d`,
  );

  // What the meetings code maintains: the first scheduled meeting, and the UTC minutes of the week of the next
  // (up to) eight scheduled ones, split where they cross the end of the week.
  await step(
    'slots',
    `CREATE TEMP TABLE bench_slots AS
     WITH upcoming AS (
       SELECT group_id, starts_at, duration_minutes,
              row_number() OVER (PARTITION BY group_id ORDER BY starts_at) AS nth
         FROM bench_meetings WHERE status = 'scheduled' AND starts_at >= now()
     ), spans AS (
       SELECT group_id, duration_minutes AS d,
              (extract(isodow FROM starts_at AT TIME ZONE 'UTC')::int - 1) * 1440
                + extract(hour FROM starts_at AT TIME ZONE 'UTC')::int * 60
                + extract(minute FROM starts_at AT TIME ZONE 'UTC')::int AS s
         FROM upcoming WHERE nth <= 8
     ), pieces AS (
       SELECT group_id, int4range(s, least(s + d, 10080)) AS r FROM spans
       UNION ALL
       SELECT group_id, int4range(0, s + d - 10080) FROM spans WHERE s + d > 10080
     )
     SELECT group_id, range_agg(r) AS slots FROM pieces GROUP BY group_id`,
  );
  await step(
    'first meetings',
    `CREATE TEMP TABLE bench_first AS
     SELECT group_id, min(starts_at) AS first_meeting_at FROM bench_meetings WHERE status = 'scheduled' GROUP BY group_id`,
  );

  await step(
    'study groups',
    `INSERT INTO study_groups (id, name, description, course_version_id, topic, language, time_zone, mode, meeting_link,
       city, country, latitude, longitude, capacity, member_count, signup_open, visibility, invite_code, created_by,
       first_meeting_at, meeting_slots)
     SELECT g.id, g.name,
            coalesce((SELECT greeting || ' ' FROM (VALUES ${greetingRows}) gr(language, greeting)
                       WHERE gr.language = g.language), '') ||
            (SELECT string_agg(replace(replace(
                      s.list[1 + floor(random() * array_length(s.list, 1))::int], '%1', g.topic), '%2', g.topic2), ' ')
               FROM generate_series(1, g.sentences) k,
                    (SELECT coalesce((SELECT list FROM (VALUES ${sentenceRows}) x(language, list)
                                       WHERE x.language = g.language),
                                     ${sqlTextArray(SENTENCES.en ?? [])}) AS list) s),
            g.course_version_id, CASE WHEN g.course_version_id IS NULL THEN g.topic END, g.language, g.zone, g.mode,
            CASE WHEN g.mode = 'online' THEN 'https://meet.example.org/' || g.i END,
            CASE WHEN g.mode = 'in-person' THEN g.city END, CASE WHEN g.mode = 'in-person' THEN g.country END,
            CASE WHEN g.mode = 'in-person' THEN g.latitude END, CASE WHEN g.mode = 'in-person' THEN g.longitude END,
            g.capacity, g.member_count, g.signup_open, g.visibility,
            CASE WHEN g.visibility = 'private' THEN 'bench-invite-' || g.i END, g.created_by,
            f.first_meeting_at, coalesce(s.slots, '{}')
       FROM bench_groups g
       LEFT JOIN bench_slots s ON s.group_id = g.id
       LEFT JOIN bench_first f ON f.group_id = g.id`,
  );
  await step(
    'meetings',
    `INSERT INTO meetings (group_id, local_date, local_time, time_zone, starts_at, duration_minutes, status, from_schedule)
     SELECT group_id, local_date, local_time, time_zone, starts_at, duration_minutes, status, true FROM bench_meetings`,
  );
  await step('vacuum analyze', `VACUUM (ANALYZE) study_groups, meetings, course_versions, users`);
  // Write the seed's dirty pages out now: a checkpoint flushing hundreds of megabytes in the middle of the
  // measured window would be the bulk load's cost, not the search's.
  await step('checkpoint', `CHECKPOINT`);
}
