import { useMutation, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { api, problemOf, unwrap } from '../api/client';
import { useMe, useSignedIn, type OwnProfile } from '../api/me';
import { fieldError } from '../api/problem';
import { Field, SelectField, TextAreaField } from '../components/field';
import {
  COHORT_CAPACITY_MAX,
  COHORT_DESCRIPTION_MAX,
  COHORT_TITLE_MAX,
  useCourseVersion,
} from '../components/cohort/cohort-data';
import { TimeZoneField, isKnownTimeZone } from '../components/time-zone-field';
import { useI18n } from '../i18n/i18n';

type EnrollmentMode = 'open' | 'approval' | 'invite';
type DeadlineMode = 'fixed' | 'learner-local';

/**
 * Start a cohort of a published course version: the courses I wrote are offered, and a course's page can send its
 * version here (`?courseVersionId=`). Every module keeps one a week unless changed later.
 */
export function CohortNewPage() {
  const { t } = useI18n();
  const signedIn = useSignedIn();
  const me = useMe();
  if (!signedIn) return <Navigate to="/login?next=/cohorts/new" replace />;
  if (!me) return <p>{t('loading')}</p>;
  return <NewCohortForm me={me} />;
}

function NewCohortForm({ me }: { me: OwnProfile }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const given = params.get('courseVersionId') ?? undefined;
  const mine = useQuery({
    queryKey: ['courses-mine'],
    queryFn: async () => unwrap(await api.GET('/api/v1/courses/mine', { params: { query: { limit: 100 } } })),
  });
  const givenVersion = useCourseVersion(given);
  const [form, setForm] = useState({
    courseVersionId: given ?? '',
    title: '',
    description: '',
    startDate: '',
    timeZone: me.timeZone,
    capacity: '30',
    enrollmentMode: 'open' as EnrollmentMode,
    deadlineMode: 'fixed' as DeadlineMode,
  });
  const [local, setLocal] = useState<Record<string, string>>({});
  const create = useMutation({
    mutationFn: async () =>
      unwrap(
        await api.POST('/api/v1/cohorts', {
          body: {
            courseVersionId: form.courseVersionId,
            title: form.title.trim(),
            ...(form.description.trim() ? { description: form.description.trim() } : {}),
            startDate: form.startDate,
            timeZone: form.timeZone.trim(),
            capacity: Number(form.capacity),
            enrollmentMode: form.enrollmentMode,
            deadlineMode: form.deadlineMode,
            // The API's defaults (every module, no attendance rule); facilitators relax them later if they wish.
            completionModulePercent: 100,
            completionAttendancePercent: 0,
          },
        }),
      ),
    onSuccess: (cohort) => navigate(`/cohorts/${cohort.id}`),
  });

  const problem = problemOf(create.error);
  const errorOf = (field: string) => local[field] ?? fieldError(problem, field);
  const versions = [
    ...(givenVersion.data
      ? [{ id: givenVersion.data.id, label: `${givenVersion.data.title} (v${givenVersion.data.number})` }]
      : []),
    ...(mine.data?.items ?? []).flatMap((course) =>
      course.latestVersion && course.latestVersion.id !== given
        ? [{ id: course.latestVersion.id, label: `${course.title} (v${course.latestVersion.number})` }]
        : [],
    ),
  ];
  const set = (field: keyof typeof form) => (value: string) => setForm({ ...form, [field]: value });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (!form.courseVersionId) found.courseVersionId = t('cohort.new.chooseCourse');
    if (!form.title.trim()) found.title = t('cohort.required');
    if (!/^\d{4}-\d{2}-\d{2}$/.test(form.startDate)) found.startDate = t('cohort.new.dateNeeded');
    if (!isKnownTimeZone(form.timeZone.trim())) found.timeZone = t('cohort.new.zoneUnknown');
    const capacity = Number(form.capacity);
    if (!Number.isInteger(capacity) || capacity < 1 || capacity > COHORT_CAPACITY_MAX) {
      found.capacity = t('cohort.new.capacityRange', { max: COHORT_CAPACITY_MAX });
    }
    setLocal(found);
    if (Object.keys(found).length === 0) create.mutate();
  };

  return (
    <section>
      <h1>{t('cohort.new.title')}</h1>
      <form onSubmit={submit} noValidate>
        <SelectField
          label={t('cohort.new.course')}
          value={form.courseVersionId}
          error={errorOf('courseVersionId')}
          onChange={(e) => set('courseVersionId')(e.target.value)}
        >
          <option value="">{t('cohort.new.chooseCourse')}</option>
          {versions.map((v) => (
            <option key={v.id} value={v.id}>
              {v.label}
            </option>
          ))}
        </SelectField>
        {mine.data && versions.length === 0 && <p className="hint">{t('cohort.new.noCourse')}</p>}
        <Field
          label={t('cohort.new.name')}
          value={form.title}
          maxLength={COHORT_TITLE_MAX}
          required
          error={errorOf('title')}
          onChange={(e) => set('title')(e.target.value)}
        />
        <TextAreaField
          label={t('cohort.new.description')}
          value={form.description}
          maxLength={COHORT_DESCRIPTION_MAX}
          error={errorOf('description')}
          onChange={(e) => set('description')(e.target.value)}
        />
        <Field
          label={t('cohort.new.start')}
          type="date"
          value={form.startDate}
          required
          error={errorOf('startDate')}
          onChange={(e) => set('startDate')(e.target.value)}
        />
        <TimeZoneField
          label={t('cohort.new.zone')}
          value={form.timeZone}
          saved={me.timeZone}
          error={errorOf('timeZone')}
          onChange={set('timeZone')}
        />
        <Field
          label={t('cohort.new.capacity')}
          type="number"
          min={1}
          max={COHORT_CAPACITY_MAX}
          value={form.capacity}
          required
          error={errorOf('capacity')}
          onChange={(e) => set('capacity')(e.target.value)}
        />
        <SelectField
          label={t('cohort.new.enrollment')}
          value={form.enrollmentMode}
          error={errorOf('enrollmentMode')}
          onChange={(e) => set('enrollmentMode')(e.target.value)}
        >
          {(['open', 'approval', 'invite'] as const).map((mode) => (
            <option key={mode} value={mode}>
              {t(`cohort.mode.${mode}`)}
            </option>
          ))}
        </SelectField>
        <SelectField
          label={t('cohort.new.deadlines')}
          value={form.deadlineMode}
          error={errorOf('deadlineMode')}
          onChange={(e) => set('deadlineMode')(e.target.value)}
        >
          {(['fixed', 'learner-local'] as const).map((mode) => (
            <option key={mode} value={mode}>
              {t(`cohort.deadlineMode.${mode}`)}
            </option>
          ))}
        </SelectField>
        <p className="hint">{t('cohort.new.weekly')}</p>
        <button type="submit" disabled={create.isPending}>
          {t('cohort.new.submit')}
        </button>
        {problem && !problem.errors?.length && <p role="alert">{problem.detail ?? t('error.generic')}</p>}
      </form>
    </section>
  );
}
