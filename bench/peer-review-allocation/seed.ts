import type { Client } from 'pg';
import { WEIGHTED_ZONES } from '../support/learner-zones';

/** A seeded person and the session (refresh-token family) their minted access tokens name. */
export interface SeededPerson {
  userId: string;
  sessionId: string;
}

export interface SeededLearner extends SeededPerson {
  timeZone: string;
}

/**
 * A verified account with a live session. The benchmark mints access tokens for it (it gives the API its JWT
 * secret) instead of logging 20,000 people in: scrypt would cost minutes and measure nothing about peer review.
 */
export async function seedFacilitator(client: Client): Promise<SeededPerson> {
  const { rows } = await client.query<SeededPerson>(
    `WITH person AS (
       INSERT INTO users (email, display_name, time_zone, email_verified_at)
       VALUES ('facilitator@bench.invalid', 'Facilitator', 'UTC', now()) RETURNING id)
     INSERT INTO refresh_tokens (user_id, family_id, token_hash, expires_at)
     SELECT id, gen_random_uuid(), sha256(convert_to(gen_random_uuid()::text, 'UTF8')), now() + interval '30 days'
       FROM person
     RETURNING user_id AS "userId", family_id AS "sessionId"`,
  );
  return rows[0]!;
}

/**
 * `learners` verified learners enrolled in the cohort (active), in zones weighted as bench/grouping weights them,
 * each with a live session. One statement per table, `setseed` fixed by the caller.
 */
export async function seedLearners(client: Client, cohortId: string, learners: number): Promise<SeededLearner[]> {
  const { rows } = await client.query<SeededLearner>(
    `WITH people AS (
       INSERT INTO users (email, display_name, time_zone, email_verified_at)
       SELECT 'learner-' || i || '-' || $1::text || '@bench.invalid', 'Learner ' || i,
              ($3::text[])[1 + floor(random() * array_length($3::text[], 1))::int], now()
         FROM generate_series(1, $2) i
       RETURNING id, time_zone),
     enrolled AS (
       INSERT INTO cohort_members (cohort_id, user_id, role, status, requested_at, status_changed_at)
       SELECT $1::uuid, id, 'learner', 'active', now(), now() FROM people),
     sessions AS (
       INSERT INTO refresh_tokens (user_id, family_id, token_hash, expires_at)
       SELECT id, gen_random_uuid(), sha256(convert_to(gen_random_uuid()::text, 'UTF8')), now() + interval '30 days'
         FROM people
       RETURNING user_id, family_id)
     SELECT p.id AS "userId", s.family_id AS "sessionId", p.time_zone AS "timeZone"
       FROM people p JOIN sessions s ON s.user_id = p.id`,
    [cohortId, learners, WEIGHTED_ZONES],
  );
  await client.query('UPDATE cohorts SET enrolled_count = enrolled_count + $2 WHERE id = $1', [cohortId, learners]);
  return rows;
}

/** `localTime` on `localDate` in each zone, as PostgreSQL's zone rules give it (the cohorts' local-time rule). */
export async function localInstants(
  client: Client,
  localDate: string,
  localTime: string,
  zones: string[],
): Promise<Map<string, number>> {
  const { rows } = await client.query<{ zone: string; at: Date }>(
    `SELECT zone, ($1::date + $2::time) AT TIME ZONE zone AS at FROM unnest($3::text[]) zone`,
    [localDate, localTime, [...new Set(zones)]],
  );
  return new Map(rows.map((row) => [row.zone, row.at.getTime()]));
}
