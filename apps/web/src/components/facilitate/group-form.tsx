import { useMutation, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, problemOf, unwrap } from '../../api/client';
import { GROUP_LIMITS as L } from '../../api/group-limits';
import { fieldError } from '../../api/problem';
import type { components } from '../../api/schema';
import { useI18n } from '../../i18n/i18n';
import { Field, SelectField, TextAreaField } from '../field';
import { browserTimeZone } from '../../time/zones';
import { isKnownTimeZone, TimeZoneField } from '../time-zone-field';

type GroupDetail = components['schemas']['GroupDetailDto'];
type CreateBody = components['schemas']['CreateGroupDto'];
type UpdateBody = components['schemas']['UpdateGroupDto'];
type Question = { id?: string; prompt: string; required: boolean };

interface Draft {
  name: string;
  description: string;
  follows: 'topic' | 'course';
  topic: string;
  courseVersionId: string;
  language: string;
  timeZone: string;
  mode: 'online' | 'in-person';
  meetingLink: string;
  venue: string;
  city: string;
  country: string;
  capacity: string;
  signupOpen: boolean;
  visibility: 'public' | 'private';
  questions: Question[];
}

function draftOf(group: GroupDetail | undefined, language: string, zone: string): Draft {
  return {
    name: group?.name ?? '',
    description: group?.description ?? '',
    follows: group?.courseVersionId ? 'course' : 'topic',
    topic: group?.topic ?? '',
    courseVersionId: group?.courseVersionId ?? '',
    language: group?.language ?? language,
    timeZone: group?.timeZone ?? zone,
    mode: group?.mode ?? 'online',
    meetingLink: group?.forMembers?.meetingLink ?? '',
    venue: group?.place?.venue ?? '',
    city: group?.place?.city ?? '',
    country: group?.place?.country ?? '',
    capacity: String(group?.capacity ?? 12),
    signupOpen: group?.signupOpen ?? true,
    visibility: group?.visibility ?? 'public',
    questions: group?.signupQuestions.map((q) => ({ id: q.id, prompt: q.prompt, required: q.required })) ?? [],
  };
}

const URL_PATTERN = /^https?:\/\/\S+$/i;

/** The form's own checks, with the API's rules: what it would refuse, named by the same field. */
function check(d: Draft, t: ReturnType<typeof useI18n>['t']): Record<string, string> {
  const errors: Record<string, string> = {};
  const required = t('facilitate.required');
  const tooLong = (max: number) => t('facilitate.tooLong', { max });
  if (!d.name.trim()) errors.name = required;
  else if (d.name.length > L.nameLength) errors.name = tooLong(L.nameLength);
  if (d.description.length > L.descriptionLength) errors.description = tooLong(L.descriptionLength);
  if (d.follows === 'topic') {
    if (!d.topic.trim()) errors.topic = required;
    else if (d.topic.length > L.topicLength) errors.topic = tooLong(L.topicLength);
  } else if (!d.courseVersionId) errors.courseVersionId = t('facilitate.form.pickCourse');
  if (!/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(d.language.trim()))
    errors.language = t('facilitate.form.badLanguage');
  if (!isKnownTimeZone(d.timeZone.trim())) errors.timeZone = t('facilitate.form.badZone');
  if (d.mode === 'online') {
    if (d.meetingLink.trim() && !URL_PATTERN.test(d.meetingLink.trim())) errors.meetingLink = t('facilitate.badUrl');
  } else {
    if (!d.city.trim()) errors.city = required;
    if (!/^[A-Za-z]{2}$/.test(d.country.trim())) errors.country = t('facilitate.form.badCountry');
    if (d.venue.length > L.venueLength) errors.venue = tooLong(L.venueLength);
  }
  const capacity = Number(d.capacity);
  if (!Number.isInteger(capacity) || capacity < L.minCapacity || capacity > L.maxCapacity) {
    errors.capacity = t('facilitate.range', { min: L.minCapacity, max: L.maxCapacity });
  }
  d.questions.forEach((q, i) => {
    if (!q.prompt.trim()) errors[`signupQuestions.${i}`] = required;
    else if (q.prompt.length > L.promptLength) errors[`signupQuestions.${i}`] = tooLong(L.promptLength);
  });
  return errors;
}

function bodyOf(d: Draft): CreateBody {
  const online = d.mode === 'online';
  return {
    name: d.name.trim(),
    description: d.description.trim(),
    ...(d.follows === 'topic' ? { topic: d.topic.trim() } : { courseVersionId: d.courseVersionId }),
    language: d.language.trim(),
    timeZone: d.timeZone.trim(),
    mode: d.mode,
    ...(online && d.meetingLink.trim() ? { meetingLink: d.meetingLink.trim() } : {}),
    ...(!online
      ? {
          city: d.city.trim(),
          country: d.country.trim().toUpperCase(),
          ...(d.venue.trim() ? { venue: d.venue.trim() } : {}),
        }
      : {}),
    capacity: Number(d.capacity),
    signupOpen: d.signupOpen,
    visibility: d.visibility,
    signupQuestions: d.questions.map((q) => ({
      ...(q.id ? { id: q.id } : {}),
      prompt: q.prompt.trim(),
      required: q.required,
    })),
  };
}

/** An edit sends every field the form shows; an online group's empty link clears it. */
function changesOf(d: Draft): UpdateBody {
  const body: UpdateBody = bodyOf(d);
  if (d.mode === 'online' && !d.meetingLink.trim()) body.meetingLink = null;
  if (d.mode === 'in-person' && !d.venue.trim()) body.venue = null;
  return body;
}

/**
 * A group's description, as its facilitator writes it: new (`group` absent) or an edit. Checked here with the
 * API's rules first; what only the API can tell (a course version that does not exist) comes back by field.
 */
export function GroupForm({ group, onSaved }: { group?: GroupDetail; onSaved(group: GroupDetail): void }) {
  const { t, language } = useI18n();
  const [draft, setDraft] = useState<Draft>(() => draftOf(group, language, browserTimeZone()));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const save = useMutation({
    mutationFn: async (d: Draft) =>
      group
        ? unwrap(
            await api.PATCH('/api/v1/groups/{groupId}', {
              params: { path: { groupId: group.id } },
              body: changesOf(d),
            }),
          )
        : unwrap(await api.POST('/api/v1/groups', { body: bodyOf(d) })),
    onSuccess: onSaved,
  });
  const problem = problemOf(save.error);
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const errorOf = (field: string) => errors[field] ?? fieldError(problem, field);
  const named = new Set(Object.keys(bodyOf(draft)));
  const unplaced = problem && !problem.errors?.some((e) => named.has(e.field.split('.')[0]!));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = check(draft, t);
    setErrors(found);
    if (Object.keys(found).length === 0) save.mutate(draft);
  };
  const setQuestion = (i: number, change: Partial<Question>) =>
    set(
      'questions',
      draft.questions.map((q, j) => (j === i ? { ...q, ...change } : q)),
    );

  return (
    <form className="group-form" onSubmit={submit} noValidate>
      <Field
        label={t('facilitate.form.name')}
        name="name"
        value={draft.name}
        maxLength={L.nameLength}
        required
        error={errorOf('name')}
        onChange={(e) => set('name', e.target.value)}
      />
      <TextAreaField
        label={t('facilitate.form.description')}
        name="description"
        value={draft.description}
        maxLength={L.descriptionLength}
        error={errorOf('description')}
        onChange={(e) => set('description', e.target.value)}
      />
      <fieldset>
        <legend>{t('facilitate.form.follows')}</legend>
        <label className="check">
          <input
            type="radio"
            name="follows"
            checked={draft.follows === 'topic'}
            onChange={() => set('follows', 'topic')}
          />
          {t('facilitate.form.followsTopic')}
        </label>
        <label className="check">
          <input
            type="radio"
            name="follows"
            checked={draft.follows === 'course'}
            onChange={() => set('follows', 'course')}
          />
          {t('facilitate.form.followsCourse')}
        </label>
        {draft.follows === 'topic' ? (
          <Field
            label={t('facilitate.form.topic')}
            name="topic"
            value={draft.topic}
            maxLength={L.topicLength}
            error={errorOf('topic')}
            onChange={(e) => set('topic', e.target.value)}
          />
        ) : (
          <CoursePicker
            value={draft.courseVersionId}
            error={errorOf('courseVersionId')}
            onChange={(id) => set('courseVersionId', id)}
          />
        )}
      </fieldset>
      <Field
        label={t('facilitate.form.language')}
        name="language"
        value={draft.language}
        maxLength={35}
        error={errorOf('language')}
        onChange={(e) => set('language', e.target.value)}
      />
      <TimeZoneField
        label={t('facilitate.form.timeZone')}
        value={draft.timeZone}
        // The group's zone is where it meets, not where this device is: no "use this device's zone" offer.
        saved={browserTimeZone()}
        error={errorOf('timeZone')}
        onChange={(zone) => set('timeZone', zone)}
      />
      {group && <p className="hint">{t('facilitate.form.zoneMovesMeetings')}</p>}
      <fieldset>
        <legend>{t('facilitate.form.where')}</legend>
        <label className="check">
          <input type="radio" name="mode" checked={draft.mode === 'online'} onChange={() => set('mode', 'online')} />
          {t('facilitate.form.online')}
        </label>
        <label className="check">
          <input
            type="radio"
            name="mode"
            checked={draft.mode === 'in-person'}
            onChange={() => set('mode', 'in-person')}
          />
          {t('facilitate.form.inPerson')}
        </label>
        {draft.mode === 'online' ? (
          <Field
            label={t('facilitate.form.meetingLink')}
            name="meetingLink"
            type="url"
            value={draft.meetingLink}
            maxLength={L.meetingLinkLength}
            error={errorOf('meetingLink')}
            onChange={(e) => set('meetingLink', e.target.value)}
          />
        ) : (
          <>
            <Field
              label={t('facilitate.form.venue')}
              name="venue"
              value={draft.venue}
              maxLength={L.venueLength}
              error={errorOf('venue')}
              onChange={(e) => set('venue', e.target.value)}
            />
            <Field
              label={t('facilitate.form.city')}
              name="city"
              value={draft.city}
              maxLength={L.cityLength}
              error={errorOf('city')}
              onChange={(e) => set('city', e.target.value)}
            />
            <Field
              label={t('facilitate.form.country')}
              name="country"
              value={draft.country}
              maxLength={2}
              error={errorOf('country')}
              onChange={(e) => set('country', e.target.value)}
            />
          </>
        )}
      </fieldset>
      <Field
        label={t('facilitate.form.capacity')}
        name="capacity"
        type="number"
        inputMode="numeric"
        min={L.minCapacity}
        max={L.maxCapacity}
        value={draft.capacity}
        error={errorOf('capacity')}
        onChange={(e) => set('capacity', e.target.value)}
      />
      <SelectField
        label={t('facilitate.form.visibility')}
        name="visibility"
        value={draft.visibility}
        error={errorOf('visibility')}
        onChange={(e) => set('visibility', e.target.value as Draft['visibility'])}
      >
        <option value="public">{t('facilitate.form.public')}</option>
        <option value="private">{t('facilitate.form.private')}</option>
      </SelectField>
      <label className="check">
        <input type="checkbox" checked={draft.signupOpen} onChange={(e) => set('signupOpen', e.target.checked)} />
        {t('facilitate.form.signupOpen')}
      </label>
      <fieldset>
        <legend>{t('facilitate.form.questions')}</legend>
        <p className="hint">{t('facilitate.form.questionsHint')}</p>
        {draft.questions.map((q, i) => (
          <div className="question-row" key={q.id ?? `new-${i}`}>
            <Field
              label={t('facilitate.form.question', { n: i + 1 })}
              value={q.prompt}
              maxLength={L.promptLength}
              error={errorOf(`signupQuestions.${i}`)}
              onChange={(e) => setQuestion(i, { prompt: e.target.value })}
            />
            <label className="check">
              <input
                type="checkbox"
                checked={q.required}
                onChange={(e) => setQuestion(i, { required: e.target.checked })}
              />
              {t('facilitate.form.questionRequired', { n: i + 1 })}
            </label>
            <button
              type="button"
              className="secondary"
              onClick={() =>
                set(
                  'questions',
                  draft.questions.filter((_, j) => j !== i),
                )
              }
            >
              {t('facilitate.form.removeQuestion', { n: i + 1 })}
            </button>
          </div>
        ))}
        {draft.questions.length < L.signupQuestions && (
          <button
            type="button"
            className="secondary"
            onClick={() => set('questions', [...draft.questions, { prompt: '', required: false }])}
          >
            {t('facilitate.form.addQuestion')}
          </button>
        )}
      </fieldset>
      <button type="submit" disabled={save.isPending}>
        {group ? t('facilitate.form.save') : t('facilitate.form.create')}
      </button>
      {save.isSuccess && group && <p role="status">{t('facilitate.form.saved')}</p>}
      {unplaced && <p role="alert">{problem.errors?.[0]?.message ?? problem.detail ?? t('error.generic')}</p>}
    </form>
  );
}

/** A published course to follow: found by words, chosen from the newest versions. */
function CoursePicker({ value, error, onChange }: { value: string; error?: string; onChange(id: string): void }) {
  const { t } = useI18n();
  const [words, setWords] = useState('');
  const courses = useQuery({
    queryKey: ['facilitate-courses', words],
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/courses', { params: { query: { limit: 20, ...(words ? { q: words } : {}) } } })),
  });
  const items = courses.data?.items ?? [];
  return (
    <>
      <Field
        label={t('facilitate.form.findCourse')}
        type="search"
        value={words}
        onChange={(e) => setWords(e.target.value)}
      />
      <SelectField
        label={t('facilitate.form.course')}
        name="courseVersionId"
        value={value}
        error={error}
        onChange={(e) => onChange(e.target.value)}
      >
        <option value="">{t('facilitate.form.chooseCourse')}</option>
        {value && !items.some((c) => c.versionId === value) && <option value={value}>{value}</option>}
        {items.map((c) => (
          <option key={c.versionId} value={c.versionId}>
            {t('facilitate.form.courseOption', { title: c.title, number: c.number })}
          </option>
        ))}
      </SelectField>
    </>
  );
}
