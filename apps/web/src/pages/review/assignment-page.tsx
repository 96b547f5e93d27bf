import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type ChangeEvent, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { api, problemOf, unwrap } from '../../api/client';
import { useMe } from '../../api/me';
import { fieldError } from '../../api/problem';
import { TextAreaField } from '../../components/field';
import { Instant } from '../../components/instant';
import { useI18n } from '../../i18n/i18n';
import { browserTimeZone } from '../../time/zones';
import {
  REVIEW_LIMITS,
  assignmentPath,
  reviewPaths,
  useCohortCourse,
  useMyPeerReview,
  type Schemas,
} from './review-data';
import { ApiHtml, AssignmentNav, CohortInstant, RubricList } from './review-parts';
import { MyResults } from './my-results';
import { MyStanding } from './my-standing';

type MySubmission = Schemas['MySubmissionDto'];
type Attachment = Schemas['AttachmentDto'];

/** My submission of one assignment, keyed for every page that changes it. */
export const mySubmissionKey = (cohortId: string, assignmentId: string) => [
  'review-submission',
  cohortId,
  assignmentId,
];

export function useMySubmission(cohortId: string, assignmentId: string, enabled: boolean) {
  return useQuery({
    queryKey: mySubmissionKey(cohortId, assignmentId),
    enabled,
    queryFn: async (): Promise<MySubmission | null> => {
      const result = await api.GET('/api/v1/cohorts/{cohortId}/assignments/{assignmentId}/submissions/mine', {
        params: assignmentPath(cohortId, assignmentId),
      });
      // Nothing submitted yet is an answer, not an error.
      if (result.response.status === 404) return null;
      return unwrap(result);
    },
  });
}

/** A learner's assignment: instructions and rubric, my due date and review window, my work and its versions. */
export function AssignmentPage() {
  const params = useParams();
  const cohortId = params.cohortId ?? '';
  const assignmentId = params.assignmentId ?? '';
  const { t } = useI18n();
  const me = useMe();
  const course = useCohortCourse(cohortId, me !== null);
  const mine = useMyPeerReview(cohortId, me !== null);
  // Facilitators read the assignment here; their work is the review queue, not a submission.
  const submission = useMySubmission(cohortId, assignmentId, me !== null && course.data?.facilitates === false);

  if (!me) {
    return (
      <p>
        <Link to={`/login?next=${reviewPaths.assignment(cohortId, assignmentId)}`}>{t('review.logIn')}</Link>
      </p>
    );
  }
  if (course.isPending || mine.isPending || (course.data?.facilitates === false && submission.isPending))
    return <p>{t('loading')}</p>;
  const found = course.data?.assignments.find((a) => a.assignment.id === assignmentId);
  if (!course.data || !found) {
    return <p role="alert">{problemOf(course.error ?? submission.error)?.detail ?? t('error.notFound')}</p>;
  }
  const { cohort, facilitates } = course.data;
  const { assignment } = found;
  const own = mine.data?.find((p) => p.assignmentId === assignmentId);
  const zone = me.timeZone || browserTimeZone();
  const when = (utc: string) => <CohortInstant utc={utc} viewerZone={zone} cohortZone={cohort.timeZone} />;
  const work = submission.data ?? null;
  const dueAt = work?.dueAt ?? own?.dueAt;
  const pastDue = own?.nextAction === 'missed';

  return (
    <article className="review">
      <h1>{assignment.title}</h1>
      <p className="meta">{cohort.title}</p>
      <AssignmentNav cohortId={cohortId} assignmentId={assignmentId} facilitates={facilitates} />
      <dl className="review-dates">
        {dueAt && (
          <div className="due-at">
            <dt>{t('review.dueAt')}</dt>
            <dd>{when(dueAt)}</dd>
          </div>
        )}
        {work && (
          <div className="window">
            <dt>{t('review.window')}</dt>
            <dd>
              {when(work.dueAt)} – {when(work.reviewClosesAt)}
            </dd>
          </div>
        )}
      </dl>
      <section>
        <h2>{t('review.instructions')}</h2>
        <ApiHtml html={assignment.instructionsHtml} />
        <p className="meta">
          {t('review.settings', {
            k: assignment.review.reviewsPerSubmission,
            m: assignment.review.reviewsPerLearner,
          })}{' '}
          {t(`review.anonymity.${assignment.review.anonymity}`)}
        </p>
      </section>
      <section>
        <h2>{t('review.rubric')}</h2>
        <RubricList assignment={assignment} />
      </section>
      {!facilitates && (
        <section>
          <h2>{t('review.work.title')}</h2>
          {work ? <Versions cohortId={cohortId} assignmentId={assignmentId} work={work} zone={zone} /> : null}
          {!work && <p>{t('review.work.none')}</p>}
          {own?.nextAction === 'notOpen' ? (
            <p>{t('review.work.notOpen')}</p>
          ) : (
            <WorkForm cohortId={cohortId} assignmentId={assignmentId} resubmit={work !== null} pastDue={pastDue} />
          )}
        </section>
      )}
      {work && (
        <section>
          <h2>{t('review.progress.title')}</h2>
          <p className="reviews-given">
            {t('review.progress.given', { given: work.reviewsGiven, needed: work.reviewsToGive })}
          </p>
          <p>{t('review.progress.received', { received: work.reviewsReceived, needed: work.reviewsNeeded })}</p>
          <p>
            <Link to={reviewPaths.review(cohortId, assignmentId)}>{t('review.progress.start')}</Link>
          </p>
        </section>
      )}
      {work && <MyStanding cohortId={cohortId} assignmentId={assignmentId} />}
      {work && (
        <MyResults cohortId={cohortId} assignmentId={assignmentId} assignment={assignment} work={work} zone={zone} />
      )}
    </article>
  );
}

function Versions({
  cohortId,
  assignmentId,
  work,
  zone,
}: {
  cohortId: string;
  assignmentId: string;
  work: MySubmission;
  zone: string;
}) {
  const { t } = useI18n();
  const versions = [...work.versions].sort((a, b) => b.version - a.version);
  return (
    <>
      <h3>{t('review.versions')}</h3>
      <ul className="results versions">
        {versions.map((v) => (
          <li key={v.id} className="card">
            <h4>
              {t('review.version', { version: v.version })}
              {v.late && <span className="tag late"> {t('review.late')}</span>}
            </h4>
            <p className="meta">
              {t('review.submittedAt')}: <Instant utc={v.submittedAt} viewerZone={zone} />
            </p>
            <ApiHtml html={v.bodyHtml} />
            <WorkLinks links={v.links} />
            <AttachmentList cohortId={cohortId} assignmentId={assignmentId} attachments={v.attachments} />
          </li>
        ))}
      </ul>
    </>
  );
}

export function WorkLinks({ links }: { links: string[] }) {
  if (links.length === 0) return null;
  return (
    <ul className="links">
      {links.map((link) => (
        <li key={link}>
          <a href={link} rel="noopener noreferrer nofollow" target="_blank">
            {link}
          </a>
        </li>
      ))}
    </ul>
  );
}

/** Files are served only to those allowed to see the work, so they are fetched with the session, then saved. */
export function AttachmentList({
  cohortId,
  assignmentId,
  attachments,
}: {
  cohortId: string;
  assignmentId: string;
  attachments: Attachment[];
}) {
  const { t } = useI18n();
  const download = useMutation({
    mutationFn: async (attachment: Attachment) => {
      const data = unwrap(
        await api.GET('/api/v1/cohorts/{cohortId}/assignments/{assignmentId}/attachments/{attachmentId}', {
          params: { path: { cohortId, assignmentId, attachmentId: attachment.id } },
          parseAs: 'blob',
        }),
      );
      const url = URL.createObjectURL(new Blob([data], { type: attachment.contentType }));
      const link = document.createElement('a');
      link.href = url;
      link.download = attachment.fileName;
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    },
  });
  if (attachments.length === 0) return null;
  return (
    <>
      {download.isError && <p role="alert">{problemOf(download.error)?.detail ?? t('error.generic')}</p>}
      <ul className="attachments">
        {attachments.map((a) => (
          <li key={a.id}>
            <button type="button" className="link" onClick={() => download.mutate(a)}>
              {t('review.attachment', { name: a.fileName })}
            </button>{' '}
            <span className="meta">({Math.ceil(a.sizeBytes / 1024)} KB)</span>
          </li>
        ))}
      </ul>
    </>
  );
}

const LINK = /^https?:\/\/\S+$/i;

function WorkForm({
  cohortId,
  assignmentId,
  resubmit,
  pastDue,
}: {
  cohortId: string;
  assignmentId: string;
  resubmit: boolean;
  /** Past my due date with nothing submitted (the API's word, by its clock, not the browser's). */
  pastDue: boolean;
}) {
  const { t } = useI18n();
  const queries = useQueryClient();
  const [body, setBody] = useState('');
  const [links, setLinks] = useState('');
  const [files, setFiles] = useState<Attachment[]>([]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [done, setDone] = useState<Schemas['SubmittedVersionDto'] | null>(null);

  const upload = useMutation({
    mutationFn: async (file: File) =>
      unwrap(
        await api.POST('/api/v1/cohorts/{cohortId}/assignments/{assignmentId}/attachments', {
          params: assignmentPath(cohortId, assignmentId),
          body: { file: file as unknown as string },
          bodySerializer: (b: { file: string }) => {
            const form = new FormData();
            form.append('file', b.file as unknown as Blob);
            return form;
          },
        }),
      ),
    onSuccess: (attachment) => setFiles((list) => [...list, attachment]),
  });

  const submit = useMutation({
    mutationFn: async (input: Schemas['SubmissionInputDto']) =>
      unwrap(
        await api.POST('/api/v1/cohorts/{cohortId}/assignments/{assignmentId}/submissions', {
          params: assignmentPath(cohortId, assignmentId),
          body: input,
        }),
      ),
    onSuccess: async (version) => {
      setDone(version);
      setBody('');
      setLinks('');
      setFiles([]);
      await Promise.all([
        queries.invalidateQueries({ queryKey: mySubmissionKey(cohortId, assignmentId) }),
        queries.invalidateQueries({ queryKey: ['review-me', cohortId] }),
      ]);
    },
  });

  const onFiles = (event: ChangeEvent<HTMLInputElement>) => {
    for (const file of Array.from(event.target.files ?? [])) upload.mutate(file);
    event.target.value = '';
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setDone(null);
    const list = links
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean);
    const found: Record<string, string> = {};
    if (!body.trim()) found.body = t('review.work.required');
    else if (body.length > REVIEW_LIMITS.bodyMaxLength)
      found.body = t('review.tooLong', { max: REVIEW_LIMITS.bodyMaxLength });
    if (list.length > REVIEW_LIMITS.linksMax)
      found.links = t('review.work.tooManyLinks', { max: REVIEW_LIMITS.linksMax });
    else if (list.some((l) => !LINK.test(l) || l.length > REVIEW_LIMITS.linkMaxLength))
      found.links = t('review.work.badLink');
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    submit.mutate({ body, links: list, attachmentIds: files.map((f) => f.id) });
  };

  const problem = problemOf(submit.error);
  const uploadProblem = problemOf(upload.error);
  const closed = problem?.code === 'resubmission_closed' || problem?.code === 'late_submission_refused';
  return (
    <form onSubmit={onSubmit} noValidate className="work-form">
      <h3>{resubmit ? t('review.work.resubmit') : t('review.work.submit')}</h3>
      {pastDue && <p className="hint">{t('review.work.lateHint')}</p>}
      <p className="hint">{t('review.work.markdownHint')}</p>
      <TextAreaField
        label={t('review.work.body')}
        value={body}
        rows={8}
        maxLength={REVIEW_LIMITS.bodyMaxLength}
        onChange={(e) => setBody(e.target.value)}
        error={errors.body ?? fieldError(problem, 'body')}
      />
      <TextAreaField
        label={t('review.work.links')}
        value={links}
        rows={3}
        onChange={(e) => setLinks(e.target.value)}
        error={errors.links ?? fieldError(problem, 'links')}
      />
      <div className="field">
        <label htmlFor="review-files">{t('review.work.files')}</label>
        <input
          id="review-files"
          type="file"
          multiple
          onChange={onFiles}
          aria-invalid={uploadProblem ? true : undefined}
          aria-describedby={uploadProblem ? 'review-files-error' : undefined}
        />
        {uploadProblem && (
          <p id="review-files-error" className="field-error" role="alert">
            {fieldError(uploadProblem, 'file') ?? uploadProblem.detail ?? t('error.generic')}
          </p>
        )}
        {upload.isPending && <p role="status">{t('review.uploading')}</p>}
        {files.length > 0 && (
          <ul className="attachments">
            {files.map((f) => (
              <li key={f.id}>
                {t('review.uploaded', { name: f.fileName })}{' '}
                <button
                  type="button"
                  className="link"
                  onClick={() => setFiles((list) => list.filter((x) => x.id !== f.id))}
                >
                  {t('review.removeFile', { name: f.fileName })}
                </button>
              </li>
            ))}
          </ul>
        )}
        {fieldError(problem, 'attachmentIds') && (
          <p className="field-error" role="alert">
            {fieldError(problem, 'attachmentIds')}
          </p>
        )}
      </div>
      <button type="submit" disabled={submit.isPending || upload.isPending}>
        {resubmit ? t('review.work.resubmit') : t('review.work.submit')}
      </button>
      {done && (
        <p role="status" className="submitted">
          {done.late
            ? t('review.work.submittedLate', { version: done.version })
            : t('review.work.submitted', { version: done.version })}
        </p>
      )}
      {problem && !problem.errors?.length && (
        <p role="alert">{closed ? t('review.work.closed') : (problem.detail ?? t('error.generic'))}</p>
      )}
    </form>
  );
}
