import { QueryFailedError } from 'typeorm';
import { CohortsError, CohortsErrorCode } from '../cohorts.errors';

interface PgError {
  code?: string;
  constraint?: string;
  table?: string;
}

/**
 * Turns a refusal by the database into the rule it enforces. The cohort's row lock makes these unreachable in
 * practice; if a writer ever skipped the lock, the CHECK and the primary key still hold, and the person gets the
 * same 409 as the locked path would give, never a 500. Only for flows that add learners: there the count's CHECK
 * can only fail at the top.
 */
export function asEnrollmentError(error: unknown): unknown {
  if (!(error instanceof QueryFailedError)) return error;
  const pg = error.driverError as PgError;
  if (pg.code === '23514' && pg.constraint === 'cohorts_enrolled_count_check') {
    return new CohortsError(CohortsErrorCode.CohortFull);
  }
  if (pg.code === '23505' && pg.table === 'cohort_members') {
    return new CohortsError(CohortsErrorCode.AlreadyEnrolled);
  }
  return error;
}
