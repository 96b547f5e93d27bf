import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { api, problemOf, unwrap } from '../../api/client';
import type { OwnProfile } from '../../api/me';
import { fieldError } from '../../api/problem';
import { useI18n } from '../../i18n/i18n';
import { Field, TextAreaField } from '../field';
import { Instant } from '../instant';
import { POST_BODY_MAX, POST_TITLE_MAX } from './cohort-data';

/**
 * Threads (pinned first, then the liveliest) and starting one: the cohort-wide ones, or one study group's (`groupId`,
 * shown inside the group's part of the page, a heading level down).
 */
export function Discussions({ cohortId, me, groupId }: { cohortId: string; me: OwnProfile; groupId?: string }) {
  const { t } = useI18n();
  const threads = useQuery({
    queryKey: ['cohort-threads', cohortId, groupId ?? null],
    queryFn: async () =>
      unwrap(
        await api.GET('/api/v1/cohorts/{cohortId}/threads', {
          params: { path: { cohortId }, query: groupId ? { limit: 30, groupId } : { limit: 30 } },
        }),
      ),
  });
  const Heading = groupId ? 'h3' : 'h2';
  const ThreadHeading = groupId ? 'h4' : 'h3';
  const headingId = groupId ? `group-discussions-${groupId}` : 'cohort-discussions';
  return (
    <section aria-labelledby={headingId}>
      <Heading id={headingId}>{groupId ? t('cohort.discussions.groupTitle') : t('cohort.discussions.title')}</Heading>
      {threads.data?.items.length === 0 && <p>{t('cohort.discussions.none')}</p>}
      <ul className="results">
        {threads.data?.items.map((thread) => (
          <li key={thread.id} className="card">
            <ThreadHeading>
              <Link to={`/cohorts/${cohortId}/threads/${thread.id}`}>{thread.title}</Link>
            </ThreadHeading>
            <p className="meta">
              {thread.author.displayName} · {t('cohort.discussions.replies', { count: thread.replyCount })} ·{' '}
              <Instant utc={thread.lastActivityAt} viewerZone={me.timeZone} />
              {thread.pinned && <span className="tag"> {t('cohort.discussions.pinned')}</span>}
              {thread.locked && <span className="tag"> {t('cohort.discussions.locked')}</span>}
            </p>
          </li>
        ))}
      </ul>
      <NewThreadForm cohortId={cohortId} groupId={groupId} />
    </section>
  );
}

function NewThreadForm({ cohortId, groupId }: { cohortId: string; groupId?: string }) {
  const { t } = useI18n();
  const queries = useQueryClient();
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const [checked, setChecked] = useState(false);
  const start = useMutation({
    mutationFn: async () =>
      unwrap(
        await api.POST('/api/v1/cohorts/{cohortId}/threads', {
          params: { path: { cohortId } },
          body: { title: title.trim(), body, ...(groupId ? { groupId } : {}) },
        }),
      ),
    onSuccess: () => {
      setTitle('');
      setBody('');
      setChecked(false);
      void queries.invalidateQueries({ queryKey: ['cohort-threads', cohortId, groupId ?? null] });
    },
  });
  const problem = problemOf(start.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setChecked(true);
    if (title.trim() && body.trim()) start.mutate();
  };
  return (
    <form onSubmit={submit} noValidate>
      {groupId ? <h4>{t('cohort.discussions.startInGroup')}</h4> : <h3>{t('cohort.discussions.start')}</h3>}
      <Field
        label={t('cohort.discussions.subject')}
        value={title}
        maxLength={POST_TITLE_MAX}
        required
        error={checked && !title.trim() ? t('cohort.required') : fieldError(problem, 'title')}
        onChange={(e) => setTitle(e.target.value)}
      />
      <TextAreaField
        label={t('cohort.discussions.body')}
        value={body}
        maxLength={POST_BODY_MAX}
        required
        error={checked && !body.trim() ? t('cohort.required') : fieldError(problem, 'body')}
        onChange={(e) => setBody(e.target.value)}
      />
      <button type="submit" disabled={start.isPending}>
        {t('cohort.discussions.startSubmit')}
      </button>
      {start.isSuccess && <p role="status">{t('cohort.discussions.started')}</p>}
      {problem && !problem.errors?.length && <p role="alert">{problem.detail ?? t('error.generic')}</p>}
    </form>
  );
}

/** A reply box under a thread. */
export function ReplyForm({ cohortId, threadId }: { cohortId: string; threadId: string }) {
  const { t } = useI18n();
  const queries = useQueryClient();
  const [body, setBody] = useState('');
  const [checked, setChecked] = useState(false);
  const reply = useMutation({
    mutationFn: async () =>
      unwrap(
        await api.POST('/api/v1/cohorts/{cohortId}/threads/{threadId}/posts', {
          params: { path: { cohortId, threadId } },
          body: { body },
        }),
      ),
    onSuccess: () => {
      setBody('');
      setChecked(false);
      void queries.invalidateQueries({ queryKey: ['cohort-thread', cohortId, threadId] });
    },
  });
  const problem = problemOf(reply.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setChecked(true);
    if (body.trim()) reply.mutate();
  };
  return (
    <form onSubmit={submit} noValidate>
      <TextAreaField
        label={t('cohort.discussions.reply')}
        value={body}
        maxLength={POST_BODY_MAX}
        required
        error={checked && !body.trim() ? t('cohort.required') : fieldError(problem, 'body')}
        onChange={(e) => setBody(e.target.value)}
      />
      <button type="submit" disabled={reply.isPending}>
        {t('cohort.discussions.replySubmit')}
      </button>
      {problem && !problem.errors?.length && <p role="alert">{problem.detail ?? t('error.generic')}</p>}
    </form>
  );
}
