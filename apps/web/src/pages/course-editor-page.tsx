import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { api, problemOf, unwrap } from '../api/client';
import { fieldError } from '../api/problem';
import { useMe } from '../api/me';
import { LicenseRules } from '../components/course/course-content';
import {
  COURSE_LANGUAGES,
  COURSE_LIMITS as L,
  FORK_LICENSES,
  LICENSES,
  formatPublished,
  type CourseDraft,
  type CourseLicense,
} from '../components/course/course-rules';
import { fromDraft, newModule, toBody, validateDraft, type DraftForm } from '../components/course/draft-form';
import { MarkdownField, ModuleEditor } from '../components/course/module-editor';
import { Field, SelectField, TextAreaField } from '../components/field';
import { useI18n } from '../i18n/i18n';

/** A valid draft is saved this long after the author stops typing, which also refreshes the previews. */
const AUTOSAVE_MS = 1_000;

/** The author's editor: the course's draft, saved as it is written, and published as numbered versions. */
export function CourseEditorPage() {
  const { courseId = '' } = useParams();
  const { t } = useI18n();
  const me = useMe();
  const draft = useQuery({
    queryKey: ['course-draft', courseId],
    enabled: me !== null,
    // The editor owns the form once loaded: refetching would not change it, and must not reset it.
    staleTime: Infinity,
    queryFn: async () => unwrap(await api.GET('/api/v1/courses/{courseId}/draft', { params: { path: { courseId } } })),
  });
  if (!me) {
    return (
      <p>
        <Link to={`/login?next=/courses/${courseId}/edit`}>{t('course.mine.logIn')}</Link>
      </p>
    );
  }
  if (draft.isPending) return <p>{t('loading')}</p>;
  if (!draft.data) {
    const problem = problemOf(draft.error);
    return (
      <p role="alert">{problem?.status === 404 ? t('course.notFound') : (problem?.detail ?? t('error.generic'))}</p>
    );
  }
  return <Editor key={draft.data.id} initial={draft.data} zone={me.timeZone} />;
}

function Editor({ initial, zone }: { initial: CourseDraft; zone: string }) {
  const { t, language } = useI18n();
  const queries = useQueryClient();
  const [form, setForm] = useState<DraftForm>(() => fromDraft(initial));
  const [saved, setSaved] = useState<CourseDraft>(initial);
  // The body last sent successfully, and one the API refused: neither is sent again by itself.
  const [savedJson, setSavedJson] = useState(() => JSON.stringify(toBody(fromDraft(initial))));
  const [refusedJson, setRefusedJson] = useState<string | null>(null);
  const [attempted, setAttempted] = useState(false);
  const [notes, setNotes] = useState('');

  const body = useMemo(() => toBody(form), [form]);
  const bodyJson = JSON.stringify(body);
  const localErrors = useMemo(() => validateDraft(form, t), [form, t]);
  const valid = Object.keys(localErrors).length === 0;
  const dirty = bodyJson !== savedJson;

  const save = useMutation({
    mutationFn: async (json: string) => {
      const next = unwrap(
        await api.PATCH('/api/v1/courses/{courseId}/draft', {
          params: { path: { courseId: initial.id } },
          body: JSON.parse(json) as typeof body,
        }),
      );
      return { next, json };
    },
    onSuccess: ({ next, json }) => {
      setSaved(next);
      setSavedJson(json);
      setRefusedJson(null);
      queries.setQueryData(['course-draft', initial.id], next);
      void queries.invalidateQueries({ queryKey: ['my-courses'] });
    },
    onError: (_, json) => setRefusedJson(json),
  });
  const publish = useMutation({
    mutationFn: async () => {
      if (dirty) await save.mutateAsync(bodyJson);
      return unwrap(
        await api.POST('/api/v1/courses/{courseId}/publish', {
          params: { path: { courseId: initial.id } },
          body: notes.trim() ? { notes: notes.trim() } : {},
        }),
      );
    },
    onSuccess: (version) => {
      setNotes('');
      // Functional updates: a save made just before publishing has changed the draft since this render.
      const published = (d: CourseDraft): CourseDraft => ({
        ...d,
        latestVersion: { id: version.id, number: version.number, publishedAt: version.publishedAt },
        hasUnpublishedChanges: false,
      });
      setSaved(published);
      queries.setQueryData<CourseDraft>(['course-draft', initial.id], (d) => d && published(d));
      void queries.invalidateQueries({ queryKey: ['my-courses'] });
      void queries.invalidateQueries({ queryKey: ['course-version'] });
      void queries.invalidateQueries({ queryKey: ['course-versions', initial.id] });
      void queries.invalidateQueries({ queryKey: ['course-search'] });
    },
  });

  const { mutate: saveNow, isPending: saving } = save;
  useEffect(() => {
    if (!dirty || !valid || saving || bodyJson === refusedJson) return;
    const timer = setTimeout(() => saveNow(bodyJson), AUTOSAVE_MS);
    return () => clearTimeout(timer);
  }, [bodyJson, dirty, valid, saving, saveNow, refusedJson]);

  // Changes not yet saved (an invalid field holds them back): the browser asks before the page is left.
  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  const problem = problemOf(save.error) ?? problemOf(publish.error);
  const serverErrors = problem?.errors ?? [];
  const shown = (path: string) => attempted || path in localErrors;
  const errorAt = (path: string) =>
    (shown(path) ? localErrors[path] : undefined) ?? serverErrors.find((e) => e.field === path)?.message;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setAttempted(true);
    if (valid) save.mutate(bodyJson);
  };
  const doPublish = () => {
    setAttempted(true);
    if (valid) publish.mutate();
  };

  const sourceLicense = saved.attributions[0]?.license;
  const licenses: readonly CourseLicense[] = sourceLicense ? FORK_LICENSES[sourceLicense] : LICENSES;
  const languages: readonly string[] = COURSE_LANGUAGES.includes(form.language as (typeof COURSE_LANGUAGES)[number])
    ? COURSE_LANGUAGES
    : [form.language, ...COURSE_LANGUAGES];
  const languageNames = new Intl.DisplayNames([language], { type: 'language' });
  const setModule = (i: number, m: DraftForm['modules'][number]) =>
    setForm({ ...form, modules: form.modules.map((x, k) => (k === i ? m : x)) });
  const move = (i: number, delta: -1 | 1) => {
    const j = i + delta;
    if (j < 0 || j >= form.modules.length) return;
    const modules = [...form.modules];
    [modules[i], modules[j]] = [modules[j]!, modules[i]!];
    setForm({ ...form, modules });
  };
  const published = saved.latestVersion;

  return (
    <article className="course-editor">
      <h1>{t('course.edit.title', { title: saved.title })}</h1>
      <p className="course-state">
        {published ? (
          <>
            {t('course.mine.published', { number: published.number })},{' '}
            <time dateTime={published.publishedAt}>{formatPublished(published.publishedAt, zone, language)}</time>
            {' · '}
            <Link to={`/course-versions/${published.id}`}>
              {t('course.edit.readPublished', { number: published.number })}
            </Link>
          </>
        ) : (
          t('course.mine.neverPublished')
        )}
        {published && saved.hasUnpublishedChanges && <> · {t('course.mine.changes')}</>}
      </p>
      <p className="save-state" role="status">
        {save.isPending
          ? t('course.edit.saving')
          : !valid && dirty
            ? t('course.edit.notSavedInvalid')
            : dirty
              ? t('course.edit.unsaved')
              : t('course.edit.saved')}
      </p>
      {saved.forkedFrom && (
        <section>
          <h2>{t('course.edit.forkOf')}</h2>
          <p>
            <Link to={`/course-versions/${saved.forkedFrom.versionId}`}>
              {t('course.titleVersion', { title: saved.forkedFrom.title, number: saved.forkedFrom.number })}
            </Link>
          </p>
          {sourceLicense && <LicenseRules license={sourceLicense} />}
        </section>
      )}
      <form onSubmit={submit} noValidate>
        <fieldset>
          <legend>{t('course.edit.about')}</legend>
          <Field
            label={t('course.title')}
            value={form.title}
            maxLength={L.titleLength}
            error={errorAt('title')}
            onChange={(e) => setForm({ ...form, title: e.target.value })}
          />
          <TextAreaField
            label={t('course.summary')}
            value={form.summary}
            rows={2}
            maxLength={L.summaryLength}
            error={errorAt('summary')}
            onChange={(e) => setForm({ ...form, summary: e.target.value })}
          />
          <MarkdownField
            label={t('course.description')}
            value={form.description}
            maxLength={L.descriptionLength}
            error={errorAt('description')}
            html={{ source: saved.description, html: saved.descriptionHtml }}
            onChange={(description) => setForm({ ...form, description })}
          />
          <SelectField
            label={t('course.language')}
            value={form.language}
            error={errorAt('language')}
            onChange={(e) => setForm({ ...form, language: e.target.value })}
          >
            {languages.map((tag) => (
              <option key={tag} value={tag}>
                {languageNames.of(tag) ?? tag}
              </option>
            ))}
          </SelectField>
          <SelectField
            label={t('course.license')}
            value={form.license}
            error={errorAt('license')}
            onChange={(e) => setForm({ ...form, license: e.target.value as CourseLicense })}
          >
            {licenses.map((l) => (
              <option key={l} value={l}>
                {t(`course.license.${l}`)}
              </option>
            ))}
          </SelectField>
          <Field
            label={t('course.edit.topics')}
            value={form.topics}
            error={errorAt('topics')}
            onChange={(e) => setForm({ ...form, topics: e.target.value })}
          />
        </fieldset>

        <h2>{t('course.modules')}</h2>
        {errorAt('modules') && (
          <p className="field-error" role="alert">
            {errorAt('modules')}
          </p>
        )}
        {form.modules.map((m, i) => (
          <ModuleEditor
            key={m.id}
            number={i + 1}
            module={m}
            path={`modules.${i}`}
            saved={saved}
            errorAt={errorAt}
            onChange={(next) => setModule(i, next)}
            onMove={(delta) => move(i, delta)}
            onRemove={() => setForm({ ...form, modules: form.modules.filter((_, k) => k !== i) })}
          />
        ))}
        {form.modules.length < L.modules && (
          <button
            type="button"
            className="secondary"
            onClick={() => setForm({ ...form, modules: [...form.modules, newModule()] })}
          >
            {t('course.edit.addModule')}
          </button>
        )}

        {problem && (
          <div role="alert" className="problem">
            <p>{problem.detail ?? problem.title ?? t('error.generic')}</p>
            {serverErrors.length > 0 && (
              <ul>
                {serverErrors.map((e) => (
                  <li key={e.field}>{e.message}</li>
                ))}
              </ul>
            )}
          </div>
        )}
        {attempted && !valid && <p role="alert">{t('course.edit.fixFields')}</p>}
        <TextAreaField
          label={t('course.edit.notes')}
          value={notes}
          rows={3}
          maxLength={L.versionNotesLength}
          error={fieldError(problem, 'notes')}
          onChange={(e) => setNotes(e.target.value)}
        />
        <div className="course-actions editor-actions">
          <button type="submit" className="secondary" disabled={save.isPending}>
            {t('course.edit.save')}
          </button>
          <button type="button" onClick={doPublish} disabled={publish.isPending}>
            {published ? t('course.edit.publishNext', { number: published.number + 1 }) : t('course.edit.publish')}
          </button>
        </div>
        {publish.isSuccess && (
          <p role="status" className="published-now">
            {t('course.edit.publishedNow', { number: publish.data.number })}{' '}
            <Link to={`/course-versions/${publish.data.id}`}>
              {t('course.edit.readPublished', { number: publish.data.number })}
            </Link>
          </p>
        )}
      </form>
    </article>
  );
}
