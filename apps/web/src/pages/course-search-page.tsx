import { useInfiniteQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { api, problemOf, unwrap } from '../api/client';
import { useMe } from '../api/me';
import { fieldError } from '../api/problem';
import { LicenseName } from '../components/course/course-content';
import {
  COURSE_LANGUAGES,
  COURSE_LIMITS,
  LICENSES,
  formatPublished,
  type CourseLicense,
} from '../components/course/course-rules';
import { Field, SelectField } from '../components/field';
import { useI18n } from '../i18n/i18n';
import { browserTimeZone } from '../time/zones';

interface Criteria {
  q: string;
  topic: string;
  language: string;
  license: CourseLicense | '';
}

const EMPTY: Criteria = { q: '', topic: '', language: '', license: '' };

/** Everyone's shelf of open courses: the newest version of each published course, by words, topic, language, license. */
export function CourseSearchPage() {
  const { t, language } = useI18n();
  const me = useMe();
  const zone = me?.timeZone ?? browserTimeZone();
  const [draft, setDraft] = useState<Criteria>(EMPTY);
  const [criteria, setCriteria] = useState<Criteria>(EMPTY);
  const results = useInfiniteQuery({
    queryKey: ['course-search', criteria],
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam }) =>
      unwrap(
        await api.GET('/api/v1/courses', {
          params: {
            query: {
              ...(criteria.q.trim() ? { q: criteria.q.trim() } : {}),
              ...(criteria.topic.trim() ? { topic: criteria.topic.trim() } : {}),
              ...(criteria.language ? { language: criteria.language } : {}),
              ...(criteria.license ? { license: criteria.license } : {}),
              ...(pageParam ? { cursor: pageParam } : {}),
            },
          },
        }),
      ),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const problem = problemOf(results.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setCriteria(draft);
  };
  const languageNames = new Intl.DisplayNames([language], { type: 'language' });
  const courses = results.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <section>
      <h1>{t('course.search.title')}</h1>
      <p>{t('course.search.intro')}</p>
      {me && (
        <p className="course-actions">
          <Link to="/courses/mine">{t('course.mine.title')}</Link>
          <Link to="/courses/mine#new-course">{t('course.new.title')}</Link>
        </p>
      )}
      <form className="search-form" role="search" onSubmit={submit} noValidate>
        <Field
          label={t('course.search.text')}
          type="search"
          name="q"
          value={draft.q}
          maxLength={COURSE_LIMITS.searchQueryLength}
          error={fieldError(problem, 'q')}
          onChange={(e) => setDraft({ ...draft, q: e.target.value })}
        />
        <Field
          label={t('course.topic')}
          name="topic"
          value={draft.topic}
          maxLength={COURSE_LIMITS.topicLength}
          error={fieldError(problem, 'topic')}
          onChange={(e) => setDraft({ ...draft, topic: e.target.value })}
        />
        <SelectField
          label={t('course.language')}
          name="language"
          value={draft.language}
          error={fieldError(problem, 'language')}
          onChange={(e) => setDraft({ ...draft, language: e.target.value })}
        >
          <option value="">{t('course.search.anyLanguage')}</option>
          {COURSE_LANGUAGES.map((tag) => (
            <option key={tag} value={tag}>
              {languageNames.of(tag) ?? tag}
            </option>
          ))}
        </SelectField>
        <SelectField
          label={t('course.license')}
          name="license"
          value={draft.license}
          error={fieldError(problem, 'license')}
          onChange={(e) => setDraft({ ...draft, license: e.target.value as CourseLicense | '' })}
        >
          <option value="">{t('course.search.anyLicense')}</option>
          {LICENSES.map((l) => (
            <option key={l} value={l}>
              {t(`course.license.${l}`)}
            </option>
          ))}
        </SelectField>
        <button type="submit">{t('course.search.submit')}</button>
      </form>

      {results.isPending && <p>{t('loading')}</p>}
      {problem && !problem.errors && <p role="alert">{problem.detail ?? t('error.generic')}</p>}
      {results.isSuccess && courses.length === 0 && <p role="status">{t('course.search.none')}</p>}
      <ul className="results" aria-label={t('course.search.results')}>
        {courses.map((c) => (
          <li key={c.courseId} className="card">
            <h2>
              <Link to={`/courses/${c.courseId}`}>{c.title}</Link>
            </h2>
            {c.summary && <p>{c.summary}</p>}
            <p className="meta">
              {t('course.byAuthor', { name: c.authorName })} · {languageNames.of(c.language) ?? c.language} ·{' '}
              <LicenseName license={c.license} />
            </p>
            {c.topics.length > 0 && (
              <p className="meta">
                {t('course.topics')}: {c.topics.join(', ')}
              </p>
            )}
            <p className="meta">
              {t('course.versionPublished', { number: c.number })}{' '}
              <time dateTime={c.publishedAt}>{formatPublished(c.publishedAt, zone, language)}</time>
              {c.forkedFromVersionId && <> · {t('course.isFork')}</>}
            </p>
          </li>
        ))}
      </ul>
      {results.hasNextPage && (
        <button type="button" className="secondary" onClick={() => void results.fetchNextPage()}>
          {t('course.search.more')}
        </button>
      )}
    </section>
  );
}
