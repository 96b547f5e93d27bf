import { useInfiniteQuery, useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { api, problemOf, unwrap } from '../api/client';
import { useMe } from '../api/me';
import { fieldError } from '../api/problem';
import { LicenseName } from '../components/course/course-content';
import {
  COURSE_LANGUAGES,
  COURSE_LIMITS,
  LICENSES,
  canonicalLanguage,
  type CourseLicense,
} from '../components/course/course-rules';
import { Field, SelectField } from '../components/field';
import { useI18n } from '../i18n/i18n';

/** An author's own courses, drafts included, and the start of a new one. */
export function CourseMinePage() {
  const { t, language } = useI18n();
  const me = useMe();
  const mine = useInfiniteQuery({
    queryKey: ['my-courses'],
    enabled: me !== null,
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam }) =>
      unwrap(await api.GET('/api/v1/courses/mine', { params: { query: pageParam ? { cursor: pageParam } : {} } })),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  if (!me) {
    return (
      <p>
        <Link to="/login?next=/courses/mine">{t('course.mine.logIn')}</Link>
      </p>
    );
  }
  const languageNames = new Intl.DisplayNames([language], { type: 'language' });
  const courses = mine.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <section>
      <h1>{t('course.mine.title')}</h1>
      {mine.isPending && <p>{t('loading')}</p>}
      {mine.isSuccess && courses.length === 0 && <p>{t('course.mine.none')}</p>}
      <ul className="results">
        {courses.map((c) => (
          <li key={c.id} className="card">
            <h2>{c.title}</h2>
            <p className="meta">
              {languageNames.of(c.language) ?? c.language} · <LicenseName license={c.license} />
            </p>
            <p className="course-state">
              {c.latestVersion
                ? t('course.mine.published', { number: c.latestVersion.number })
                : t('course.mine.neverPublished')}
              {c.latestVersion && c.hasUnpublishedChanges && <> · {t('course.mine.changes')}</>}
            </p>
            <p className="course-actions">
              <Link to={`/courses/${c.id}/edit`} aria-label={t('course.mine.editNamed', { title: c.title })}>
                {t('course.mine.edit')}
              </Link>
              {c.latestVersion && (
                <Link to={`/courses/${c.id}`} aria-label={t('course.mine.readNamed', { title: c.title })}>
                  {t('course.mine.read')}
                </Link>
              )}
            </p>
          </li>
        ))}
      </ul>
      {mine.hasNextPage && (
        <button type="button" className="secondary" onClick={() => void mine.fetchNextPage()}>
          {t('course.search.more')}
        </button>
      )}
      <NewCourseForm />
    </section>
  );
}

function NewCourseForm() {
  const { t, language } = useI18n();
  const navigate = useNavigate();
  const [form, setForm] = useState<{ title: string; language: string; license: CourseLicense }>({
    title: '',
    language,
    license: 'CC-BY-SA-4.0',
  });
  const [checked, setChecked] = useState(false);
  const create = useMutation({
    mutationFn: async () => unwrap(await api.POST('/api/v1/courses', { body: { ...form, title: form.title.trim() } })),
    onSuccess: (course) => void navigate(`/courses/${course.id}/edit`),
  });
  const problem = problemOf(create.error);
  const titleError = checked && form.title.trim() === '' ? t('course.error.required') : undefined;
  const languageError = canonicalLanguage(form.language) === null ? t('course.error.language') : undefined;
  const languageNames = new Intl.DisplayNames([language], { type: 'language' });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setChecked(true);
    if (form.title.trim() === '' || languageError) return;
    create.mutate();
  };
  return (
    <form id="new-course" onSubmit={submit} noValidate>
      <h2>{t('course.new.title')}</h2>
      <p>{t('course.new.intro')}</p>
      <Field
        label={t('course.title')}
        name="title"
        value={form.title}
        maxLength={COURSE_LIMITS.titleLength}
        required
        error={titleError ?? fieldError(problem, 'title')}
        onChange={(e) => setForm({ ...form, title: e.target.value })}
      />
      <SelectField
        label={t('course.language')}
        name="language"
        value={form.language}
        error={fieldError(problem, 'language')}
        onChange={(e) => setForm({ ...form, language: e.target.value })}
      >
        {COURSE_LANGUAGES.map((tag) => (
          <option key={tag} value={tag}>
            {languageNames.of(tag) ?? tag}
          </option>
        ))}
      </SelectField>
      <SelectField
        label={t('course.license')}
        name="license"
        value={form.license}
        error={fieldError(problem, 'license')}
        onChange={(e) => setForm({ ...form, license: e.target.value as CourseLicense })}
      >
        {LICENSES.map((l) => (
          <option key={l} value={l}>
            {t(`course.license.${l}`)}
          </option>
        ))}
      </SelectField>
      {problem && !problem.errors && <p role="alert">{problem.detail ?? t('error.generic')}</p>}
      <button type="submit" disabled={create.isPending}>
        {t('course.new.submit')}
      </button>
    </form>
  );
}
