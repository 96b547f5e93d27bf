import { useInfiniteQuery, useMutation, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { api, problemOf, unwrap } from '../api/client';
import { useMe } from '../api/me';
import { fieldError } from '../api/problem';
import { CourseModules, LicenseName, LicenseRules, SanitizedHtml } from '../components/course/course-content';
import {
  FORK_LICENSES,
  formatPublished,
  type CourseLicense,
  type CourseVersion,
} from '../components/course/course-rules';
import { SelectField } from '../components/field';
import { useI18n } from '../i18n/i18n';
import { browserTimeZone } from '../time/zones';

/**
 * An open course as everyone reads it: the newest version (/courses/:courseId) or one pinned version
 * (/course-versions/:versionId), with its license rules, versions and lineage; a signed-in reader may fork it.
 */
export function CoursePage() {
  const { courseId, versionId } = useParams();
  const { t } = useI18n();
  const version = useQuery({
    queryKey: ['course-version', courseId ?? null, versionId ?? null],
    queryFn: async () =>
      versionId
        ? unwrap(await api.GET('/api/v1/course-versions/{versionId}', { params: { path: { versionId } } }))
        : unwrap(await api.GET('/api/v1/courses/{courseId}', { params: { path: { courseId: courseId ?? '' } } })),
  });
  if (version.isPending) return <p>{t('loading')}</p>;
  if (!version.data) {
    const problem = problemOf(version.error);
    return (
      <p role="alert">{problem?.status === 404 ? t('course.notFound') : (problem?.detail ?? t('error.generic'))}</p>
    );
  }
  return <CourseVersionView version={version.data} />;
}

function CourseVersionView({ version }: { version: CourseVersion }) {
  const { t, language } = useI18n();
  const me = useMe();
  const zone = me?.timeZone ?? browserTimeZone();
  const languageNames = new Intl.DisplayNames([language], { type: 'language' });
  return (
    <article className="course">
      <h1>{version.title}</h1>
      {version.summary && <p className="summary">{version.summary}</p>}
      <dl className="course-facts">
        <dt>{t('course.author')}</dt>
        <dd>{version.authorName}</dd>
        <dt>{t('course.version')}</dt>
        <dd>
          {t('course.versionNumber', { number: version.number })},{' '}
          <span className="published">
            {t('course.publishedOn')}{' '}
            <time dateTime={version.publishedAt}>{formatPublished(version.publishedAt, zone, language)}</time>
          </span>
        </dd>
        <dt>{t('course.language')}</dt>
        <dd>{languageNames.of(version.language) ?? version.language}</dd>
        {version.topics.length > 0 && (
          <>
            <dt>{t('course.topics')}</dt>
            <dd>{version.topics.join(', ')}</dd>
          </>
        )}
        <dt>{t('course.license')}</dt>
        <dd>
          <LicenseName license={version.license} />
        </dd>
      </dl>
      {version.notes && (
        <section className="version-notes">
          <h2>{t('course.notes', { number: version.number })}</h2>
          <p>{version.notes}</p>
        </section>
      )}
      {version.number < version.latestVersionNumber && (
        <p role="note" className="superseded">
          {t('course.superseded', { latest: version.latestVersionNumber })}{' '}
          <Link to={`/courses/${version.courseId}`}>{t('course.readLatest')}</Link>
        </p>
      )}
      {me?.id === version.authorId && (
        <p>
          <Link className="button" to={`/courses/${version.courseId}/edit`}>
            {t('course.editDraft')}
          </Link>
        </p>
      )}
      {version.attributions.length > 0 && (
        <section>
          <h2>{t('course.attribution')}</h2>
          <ul>
            {version.attributions.map((a) => (
              <li key={a.versionId}>
                {t('course.attributionLine', { title: a.title, name: a.authorName })} (
                <LicenseName license={a.license} />){' '}
                <Link to={`/course-versions/${a.versionId}`}>{t('course.source')}</Link>
              </li>
            ))}
          </ul>
        </section>
      )}
      {version.descriptionHtml && (
        <section>
          <h2>{t('course.about')}</h2>
          <SanitizedHtml html={version.descriptionHtml} />
        </section>
      )}
      <section>
        <h2>{t('course.modules')}</h2>
        <CourseModules modules={version.modules} />
      </section>
      <section>
        <h2>{t('course.licenseRules')}</h2>
        <LicenseRules license={version.license} />
        <ForkForm version={version} />
      </section>
      <Versions courseId={version.courseId} current={version.id} zone={zone} />
      <Lineage courseId={version.courseId} zone={zone} />
    </article>
  );
}

function ForkForm({ version }: { version: CourseVersion }) {
  const { t } = useI18n();
  const me = useMe();
  const navigate = useNavigate();
  const location = useLocation();
  const allowed = FORK_LICENSES[version.license];
  const [license, setLicense] = useState<CourseLicense>(version.license);
  const fork = useMutation({
    mutationFn: async () =>
      unwrap(
        await api.POST('/api/v1/course-versions/{versionId}/forks', {
          params: { path: { versionId: version.id } },
          body: { license },
        }),
      ),
    onSuccess: (draft) => void navigate(`/courses/${draft.id}/edit`),
  });
  if (allowed.length === 0) return null;
  if (!me) {
    return (
      <p>
        <Link to={`/login?next=${encodeURIComponent(location.pathname)}`}>{t('course.fork.logIn')}</Link>
      </p>
    );
  }
  const problem = problemOf(fork.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    fork.mutate();
  };
  return (
    <form onSubmit={submit} noValidate className="fork-form">
      <h3>{t('course.fork.title')}</h3>
      <p>{t('course.fork.intro', { number: version.number })}</p>
      <SelectField
        label={t('course.fork.license')}
        value={license}
        error={fieldError(problem, 'license')}
        onChange={(e) => setLicense(e.target.value as CourseLicense)}
      >
        {allowed.map((l) => (
          <option key={l} value={l}>
            {t(`course.license.${l}`)}
          </option>
        ))}
      </SelectField>
      {problem && !fieldError(problem, 'license') && <p role="alert">{problem.detail ?? t('error.generic')}</p>}
      <button type="submit" disabled={fork.isPending}>
        {t('course.fork.submit')}
      </button>
    </form>
  );
}

function Versions({ courseId, current, zone }: { courseId: string; current: string; zone: string }) {
  const { t, language } = useI18n();
  const versions = useInfiniteQuery({
    queryKey: ['course-versions', courseId],
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam }) =>
      unwrap(
        await api.GET('/api/v1/courses/{courseId}/versions', {
          params: { path: { courseId }, query: pageParam ? { cursor: pageParam } : {} },
        }),
      ),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  return (
    <section>
      <h2>{t('course.versions')}</h2>
      {versions.isPending && <p>{t('loading')}</p>}
      <ul className="versions">
        {versions.data?.pages
          .flatMap((p) => p.items)
          .map((v) => (
            <li key={v.id}>
              {v.id === current ? (
                <strong aria-current="page">{t('course.versionNumber', { number: v.number })}</strong>
              ) : (
                <Link to={`/course-versions/${v.id}`}>{t('course.versionNumber', { number: v.number })}</Link>
              )}{' '}
              · {v.title} · <time dateTime={v.publishedAt}>{formatPublished(v.publishedAt, zone, language)}</time>
              {v.notes && <p className="version-note">{v.notes}</p>}
            </li>
          ))}
      </ul>
      {versions.hasNextPage && (
        <button type="button" className="secondary" onClick={() => void versions.fetchNextPage()}>
          {t('course.search.more')}
        </button>
      )}
    </section>
  );
}

function Lineage({ courseId, zone }: { courseId: string; zone: string }) {
  const { t, language } = useI18n();
  const lineage = useQuery({
    queryKey: ['course-lineage', courseId],
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/courses/{courseId}/lineage', { params: { path: { courseId } } })),
  });
  const data = lineage.data;
  return (
    <section className="lineage">
      <h2>{t('course.lineage')}</h2>
      {lineage.isPending && <p>{t('loading')}</p>}
      {data && (
        <>
          <h3>{t('course.forkedFrom')}</h3>
          {data.ancestors.length === 0 ? (
            <p>{t('course.original')}</p>
          ) : (
            <ol className="ancestors">
              {data.ancestors.map((a) => (
                <li key={a.versionId}>
                  <Link to={`/course-versions/${a.versionId}`}>
                    {t('course.titleVersion', { title: a.title, number: a.versionNumber })}
                  </Link>{' '}
                  {t('course.byAuthor', { name: a.authorName })} · <LicenseName license={a.license} /> ·{' '}
                  <time dateTime={a.publishedAt}>{formatPublished(a.publishedAt, zone, language)}</time>
                </li>
              ))}
            </ol>
          )}
          <h3>{t('course.forks', { count: data.forkCount })}</h3>
          {data.forks.length === 0 ? (
            <p>{t('course.noForks')}</p>
          ) : (
            <ul className="forks">
              {data.forks.map((f) => (
                <li key={f.courseId}>
                  <Link to={`/courses/${f.courseId}`}>{f.title}</Link> {t('course.byAuthor', { name: f.authorName })} ·{' '}
                  <LicenseName license={f.license} /> · {t('course.forkOf', { number: f.forkedFromVersionNumber })}
                  {f.descendants > 0 && <> · {t('course.descendants', { count: f.descendants })}</>}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}
