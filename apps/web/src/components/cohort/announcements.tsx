import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, problemOf, unwrap } from '../../api/client';
import type { OwnProfile } from '../../api/me';
import { fieldError } from '../../api/problem';
import { useI18n } from '../../i18n/i18n';
import { Field, TextAreaField } from '../field';
import { Instant } from '../instant';
import { POST_BODY_MAX, POST_TITLE_MAX } from './cohort-data';

/** The cohort's announcements, newest first; facilitators post one (it is emailed to everyone too). */
export function Announcements({
  cohortId,
  me,
  facilitates,
}: {
  cohortId: string;
  me: OwnProfile;
  facilitates: boolean;
}) {
  const { t } = useI18n();
  const list = useQuery({
    queryKey: ['cohort-announcements', cohortId],
    queryFn: async () =>
      unwrap(
        await api.GET('/api/v1/cohorts/{cohortId}/announcements', {
          params: { path: { cohortId }, query: { limit: 20 } },
        }),
      ),
  });
  return (
    <section aria-labelledby="cohort-announcements">
      <h2 id="cohort-announcements">{t('cohort.announcements.title')}</h2>
      {facilitates && <AnnouncementForm cohortId={cohortId} />}
      {list.data?.items.length === 0 && <p>{t('cohort.announcements.none')}</p>}
      <ul className="results">
        {list.data?.items.map((a) => (
          <li key={a.id} className="card">
            <h3>{a.title}</h3>
            <p className="meta">
              {a.author.displayName} · <Instant utc={a.publishedAt} viewerZone={me.timeZone} />
            </p>
            {/* Sanitized HTML from the API. */}
            <div className="post-body" dangerouslySetInnerHTML={{ __html: a.bodyHtml }} />
          </li>
        ))}
      </ul>
    </section>
  );
}

function AnnouncementForm({ cohortId }: { cohortId: string }) {
  const { t } = useI18n();
  const queries = useQueryClient();
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const [checked, setChecked] = useState(false);
  const post = useMutation({
    mutationFn: async () =>
      unwrap(
        await api.POST('/api/v1/cohorts/{cohortId}/announcements', {
          params: { path: { cohortId } },
          body: { title: title.trim(), body },
        }),
      ),
    onSuccess: () => {
      setTitle('');
      setBody('');
      setChecked(false);
      void queries.invalidateQueries({ queryKey: ['cohort-announcements', cohortId] });
    },
  });
  const problem = problemOf(post.error);
  const titleError = checked && !title.trim() ? t('cohort.required') : fieldError(problem, 'title');
  const bodyError = checked && !body.trim() ? t('cohort.required') : fieldError(problem, 'body');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setChecked(true);
    if (title.trim() && body.trim()) post.mutate();
  };
  return (
    <form onSubmit={submit} noValidate>
      <Field
        label={t('cohort.announcements.subject')}
        value={title}
        maxLength={POST_TITLE_MAX}
        required
        error={titleError}
        onChange={(e) => setTitle(e.target.value)}
      />
      <TextAreaField
        label={t('cohort.announcements.body')}
        value={body}
        maxLength={POST_BODY_MAX}
        required
        error={bodyError}
        onChange={(e) => setBody(e.target.value)}
      />
      <button type="submit" disabled={post.isPending}>
        {t('cohort.announcements.post')}
      </button>
      {post.isSuccess && <p role="status">{t('cohort.announcements.sent', { count: post.data.recipientCount })}</p>}
      {problem && !problem.errors?.length && <p role="alert">{problem.detail ?? t('error.generic')}</p>}
    </form>
  );
}
