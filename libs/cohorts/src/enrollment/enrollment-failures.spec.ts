import { QueryFailedError } from 'typeorm';
import { CohortsError } from '../cohorts.errors';
import { asEnrollmentError } from './enrollment-failures';

const refusal = (fields: { code: string; constraint?: string; table?: string }) =>
  new QueryFailedError('UPDATE cohorts ...', [], Object.assign(new Error('refused'), fields));

describe('asEnrollmentError', () => {
  it('turns the capacity CHECK into cohort_full and a duplicate member row into already_enrolled', () => {
    const full = asEnrollmentError(refusal({ code: '23514', constraint: 'cohorts_enrolled_count_check' }));
    expect(full).toBeInstanceOf(CohortsError);
    expect((full as CohortsError).code).toBe('cohort_full');
    const twice = asEnrollmentError(refusal({ code: '23505', constraint: 'PK_x', table: 'cohort_members' }));
    expect((twice as CohortsError).code).toBe('already_enrolled');
  });

  it('leaves every other error alone (a 500 that gets logged)', () => {
    const other = refusal({ code: '23514', constraint: 'cohorts_capacity_check' });
    expect(asEnrollmentError(other)).toBe(other);
    const unique = refusal({ code: '23505', constraint: 'UQ_x', table: 'cohorts' });
    expect(asEnrollmentError(unique)).toBe(unique);
    const plain = new Error('boom');
    expect(asEnrollmentError(plain)).toBe(plain);
  });
});
