import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link, Navigate, useLocation, useNavigate, useSearchParams } from 'react-router';
import { api, problemOf, unwrap } from '../api/client';
import { useSignedIn } from '../api/me';
import { fieldError } from '../api/problem';
import { Field } from '../components/field';
import { formatLocalDate } from '../components/cohort/cohort-time';
import { useI18n } from '../i18n/i18n';

/**
 * An invite link's landing page (/cohorts/:cohortId/join?code=..., as the API writes its links) and the "join by
 * code" page (/cohorts/join): the cohort behind the code, then enroll with it (it skips approval).
 */
export function CohortJoinPage() {
  const { t, language } = useI18n();
  const signedIn = useSignedIn();
  const here = useLocation();
  const navigate = useNavigate();
  const queries = useQueryClient();
  const [params] = useSearchParams();
  const [code, setCode] = useState(params.get('code') ?? '');
  const [missing, setMissing] = useState(false);
  const lookUp = useMutation({
    mutationFn: async (inviteCode: string) =>
      unwrap(await api.POST('/api/v1/cohorts/invitation', { body: { inviteCode } })),
  });
  const enroll = useMutation({
    mutationFn: async ({ cohortId, inviteCode }: { cohortId: string; inviteCode: string }) =>
      unwrap(
        await api.POST('/api/v1/cohorts/{cohortId}/enrollment', {
          params: { path: { cohortId } },
          body: { inviteCode },
        }),
      ),
    onSuccess: (enrollment) => {
      void queries.invalidateQueries({ queryKey: ['my-cohorts'] });
      void queries.invalidateQueries({ queryKey: ['cohort', enrollment.cohortId] });
      void navigate(`/cohorts/${enrollment.cohortId}`);
    },
  });
  // A link's code is looked up at once, once.
  const looked = useRef(false);
  useEffect(() => {
    const fromLink = params.get('code');
    if (signedIn && fromLink && !looked.current) {
      looked.current = true;
      lookUp.mutate(fromLink);
    }
  }, [signedIn, params, lookUp]);

  if (!signedIn) return <Navigate to={`/login?next=${encodeURIComponent(here.pathname + here.search)}`} replace />;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = code.trim();
    setMissing(trimmed === '');
    if (trimmed) lookUp.mutate(trimmed);
  };
  const problem = problemOf(lookUp.error);
  const found = lookUp.data;
  return (
    <section>
      <h1>{t('cohort.join.title')}</h1>
      <form onSubmit={submit} noValidate>
        <Field
          label={t('cohort.inviteCode')}
          value={code}
          maxLength={64}
          required
          error={
            missing
              ? t('cohort.inviteCodeRequired')
              : (fieldError(problem, 'inviteCode') ?? (problem ? t('cohort.join.unknownCode') : undefined))
          }
          onChange={(e) => setCode(e.target.value)}
        />
        <button type="submit" className="secondary" disabled={lookUp.isPending}>
          {t('cohort.join.lookUp')}
        </button>
      </form>
      {found && (
        <div className="card">
          <h2>{found.title}</h2>
          <p className="meta">
            {found.courseTitle} · {t('cohort.starts')} {formatLocalDate(found.startDate, language)} ({found.timeZone}) ·{' '}
            {found.facilitators.map((f) => f.displayName).join(', ')}
          </p>
          {found.description && <p className="description">{found.description}</p>}
          {found.membership?.status === 'active' ? (
            <p>
              <Link to={`/cohorts/${found.cohortId}`}>{t('cohort.join.already')}</Link>
            </p>
          ) : (
            <button
              type="button"
              disabled={enroll.isPending || found.seatsLeft === 0}
              onClick={() => enroll.mutate({ cohortId: found.cohortId, inviteCode: code.trim() })}
            >
              {t('cohort.enroll')}
            </button>
          )}
          {found.seatsLeft === 0 && <p>{t('cohort.full')}</p>}
          {enroll.isError && <p role="alert">{problemOf(enroll.error)?.detail ?? t('error.generic')}</p>}
        </div>
      )}
    </section>
  );
}
