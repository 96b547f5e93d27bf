import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { api, problemOf, unwrap } from '../api/client';
import { useMe, useSignedIn } from '../api/me';
import { ReplyForm } from '../components/cohort/discussions';
import { Instant } from '../components/instant';
import { useI18n } from '../i18n/i18n';

/** One discussion thread of a cohort: its posts, oldest first, and a reply. */
export function CohortThreadPage() {
  const { cohortId = '', threadId = '' } = useParams();
  const { t } = useI18n();
  const signedIn = useSignedIn();
  const me = useMe();
  const thread = useQuery({
    queryKey: ['cohort-thread', cohortId, threadId],
    enabled: me !== null,
    queryFn: async () =>
      unwrap(
        await api.GET('/api/v1/cohorts/{cohortId}/threads/{threadId}', {
          params: { path: { cohortId, threadId }, query: { limit: 100 } },
        }),
      ),
  });
  if (!signedIn) {
    return (
      <p>
        <Link to={`/login?next=${encodeURIComponent(`/cohorts/${cohortId}/threads/${threadId}`)}`}>
          {t('cohort.logIn')}
        </Link>
      </p>
    );
  }
  if (!me) return <p>{t('loading')}</p>;
  if (thread.isPending) return <p>{t('loading')}</p>;
  if (thread.isError) return <p role="alert">{problemOf(thread.error)?.detail ?? t('error.notFound')}</p>;
  const { thread: th, posts } = thread.data;
  return (
    <article>
      <p>
        <Link to={`/cohorts/${cohortId}`}>{t('cohort.back')}</Link>
      </p>
      <h1>{th.title}</h1>
      <ol className="results posts">
        {posts.items.map((post) => (
          <li key={post.id} className="card">
            <p className="meta">
              {post.deleted ? t('cohort.discussions.deleted') : post.author?.displayName} ·{' '}
              <Instant utc={post.createdAt} viewerZone={me.timeZone} />
            </p>
            {post.bodyHtml !== null && (
              // Sanitized HTML from the API.
              <div className="post-body" dangerouslySetInnerHTML={{ __html: post.bodyHtml }} />
            )}
          </li>
        ))}
      </ol>
      {th.locked ? <p>{t('cohort.discussions.locked')}</p> : <ReplyForm cohortId={cohortId} threadId={threadId} />}
    </article>
  );
}
