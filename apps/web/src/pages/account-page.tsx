import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { Link, Navigate, useNavigate } from 'react-router';
import { changePassword } from '../api/auth';
import { api, problemOf, unwrap } from '../api/client';
import { useLogOut, useMe, useSignedIn, type OwnProfile } from '../api/me';
import { fieldError } from '../api/problem';
import { MAX_WINDOWS, slotsOf, windowsOf, type WeekSlots } from '../availability/week-slots';
import { Field, SelectField } from '../components/field';
import { TimeZoneField, isKnownTimeZone } from '../components/time-zone-field';
import { WeekGrid } from '../components/week-grid';
import { useI18n } from '../i18n/i18n';
import { LANGUAGE_NAMES, LANGUAGES, type Language } from '../i18n/messages';
import { PASSWORD_MAX, PASSWORD_MIN } from '../api/limits';

/** The API's limits (UpdateProfileDto, ChangePasswordDto), checked here first so the field says so at once. */
const MAX_DISPLAY_NAME = 80;
const MAX_BIO = 2000;
const MAX_LANGUAGES = 10;

/** Your account: profile and weekly availability, password, and your data (download it, or delete the account). */
export function AccountPage() {
  const { t } = useI18n();
  const signedIn = useSignedIn();
  const me = useMe();
  if (!signedIn) return <Navigate to="/login?next=/account" replace />;
  if (!me) return <p>{t('loading')}</p>;
  return (
    <section>
      <h1>{t('account.title')}</h1>
      <p>
        <Link to="/account/notifications">{t('account.notificationsLink')}</Link>
      </p>
      <p>
        <Link to="/cohorts">{t('cohort.mine.link')}</Link>
      </p>
      <ProfileForm me={me} />
      <PasswordForm />
      <DataRights me={me} />
    </section>
  );
}

function ProfileForm({ me }: { me: OwnProfile }) {
  const { t, setLanguage } = useI18n();
  const queries = useQueryClient();
  const availabilityErrorId = useId();
  const [form, setForm] = useState({
    displayName: me.displayName,
    bio: me.bio ?? '',
    timeZone: me.timeZone,
    locale: me.locale,
    languages: me.languages.join(', '),
  });
  const [week, setWeek] = useState<WeekSlots>(() => slotsOf(me.availability));
  const [local, setLocal] = useState<Record<string, string>>({});
  const save = useMutation({
    mutationFn: async () =>
      unwrap(
        await api.PATCH('/api/v1/users/me', {
          body: {
            displayName: form.displayName.trim(),
            bio: form.bio.trim() === '' ? null : form.bio,
            timeZone: form.timeZone.trim(),
            locale: form.locale,
            languages: languagesOf(form.languages),
            availability: windowsOf(week),
          },
        }),
      ),
    onSuccess: (profile) => {
      queries.setQueryData(['me'], profile);
      void queries.invalidateQueries({ queryKey: ['next-digest'] });
      setLanguage(profile.locale);
    },
  });
  const problem = problemOf(save.error);
  const errorOf = (field: string) => local[field] ?? fieldError(problem, field);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found: Record<string, string> = {};
    const name = form.displayName.trim();
    if (name.length < 1 || name.length > MAX_DISPLAY_NAME)
      found.displayName = t('account.error.displayName', { max: MAX_DISPLAY_NAME });
    if (form.bio.length > MAX_BIO) found.bio = t('account.error.bio', { max: MAX_BIO });
    if (!isKnownTimeZone(form.timeZone.trim())) found.timeZone = t('account.error.timeZone');
    if (languagesOf(form.languages).length > MAX_LANGUAGES)
      found.languages = t('account.error.languages', { max: MAX_LANGUAGES });
    if (windowsOf(week).length > MAX_WINDOWS)
      found.availability = t('account.error.availability', { max: MAX_WINDOWS });
    setLocal(found);
    if (Object.keys(found).length === 0) save.mutate();
  };

  return (
    <form onSubmit={submit} noValidate aria-labelledby="profile-heading">
      <h2 id="profile-heading">{t('account.profile')}</h2>
      <Field
        label={t('account.displayName')}
        name="displayName"
        autoComplete="name"
        maxLength={MAX_DISPLAY_NAME}
        value={form.displayName}
        error={errorOf('displayName')}
        onChange={(e) => setForm({ ...form, displayName: e.target.value })}
      />
      <TextArea
        label={t('account.bio')}
        value={form.bio}
        error={errorOf('bio')}
        onChange={(bio) => setForm({ ...form, bio })}
      />
      <TimeZoneField
        label={t('account.timeZone')}
        value={form.timeZone}
        saved={me.timeZone}
        error={errorOf('timeZone')}
        onChange={(timeZone) => setForm({ ...form, timeZone })}
      />
      <Field
        label={t('account.languages')}
        name="languages"
        placeholder="es, en"
        value={form.languages}
        error={errorOf('languages')}
        onChange={(e) => setForm({ ...form, languages: e.target.value })}
      />
      <SelectField
        label={t('account.locale')}
        name="locale"
        value={form.locale}
        error={errorOf('locale')}
        onChange={(e) => setForm({ ...form, locale: e.target.value as Language })}
      >
        {LANGUAGES.map((l) => (
          <option key={l} value={l}>
            {LANGUAGE_NAMES[l]}
          </option>
        ))}
      </SelectField>
      <h3>{t('account.availability')}</h3>
      <WeekGrid
        label={t('account.availability')}
        week={week}
        onChange={setWeek}
        error={errorOf('availability')}
        errorId={availabilityErrorId}
      />
      {errorOf('availability') && (
        <p id={availabilityErrorId} className="field-error" role="alert">
          {errorOf('availability')}
        </p>
      )}
      {problem && !problem.errors?.length && <p role="alert">{problem.detail ?? t('error.generic')}</p>}
      {save.isSuccess && <p role="status">{t('account.saved')}</p>}
      <button type="submit" disabled={save.isPending}>
        {t('account.save')}
      </button>
    </form>
  );
}

/** "es, en" as the list the API takes; the API puts each in canonical form and names a bad one by its index. */
function languagesOf(text: string): string[] {
  return text
    .split(',')
    .map((l) => l.trim())
    .filter((l) => l !== '');
}

function TextArea({
  label,
  value,
  error,
  onChange,
}: {
  label: string;
  value: string;
  error?: string;
  onChange(value: string): void;
}) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <textarea
        id={id}
        name="bio"
        rows={4}
        maxLength={MAX_BIO}
        value={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(e) => onChange(e.target.value)}
      />
      {error && (
        <p id={`${id}-error`} className="field-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

function PasswordForm() {
  const { t } = useI18n();
  const [form, setForm] = useState({ currentPassword: '', newPassword: '' });
  const [tooShort, setTooShort] = useState(false);
  const change = useMutation({
    mutationFn: () => changePassword(form.currentPassword, form.newPassword),
    onSuccess: () => setForm({ currentPassword: '', newPassword: '' }),
  });
  const problem = problemOf(change.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const short = form.newPassword.length < PASSWORD_MIN || form.newPassword.length > PASSWORD_MAX;
    setTooShort(short);
    if (!short) change.mutate();
  };
  return (
    <form onSubmit={submit} noValidate aria-labelledby="password-heading">
      <h2 id="password-heading">{t('account.password')}</h2>
      <Field
        label={t('account.currentPassword')}
        name="currentPassword"
        type="password"
        autoComplete="current-password"
        value={form.currentPassword}
        error={
          fieldError(problem, 'currentPassword') ??
          (problem?.code === 'password_incorrect' ? t('account.error.currentPassword') : undefined)
        }
        onChange={(e) => setForm({ ...form, currentPassword: e.target.value })}
      />
      <Field
        label={t('account.newPassword', { min: PASSWORD_MIN })}
        name="newPassword"
        type="password"
        autoComplete="new-password"
        value={form.newPassword}
        error={tooShort ? t('account.error.newPassword', { min: PASSWORD_MIN }) : fieldError(problem, 'newPassword')}
        onChange={(e) => setForm({ ...form, newPassword: e.target.value })}
      />
      {problem && !problem.errors?.length && problem.code !== 'password_incorrect' && (
        <p role="alert">{problem.detail ?? t('error.generic')}</p>
      )}
      {change.isSuccess && <p role="status">{t('account.passwordChanged')}</p>}
      <button type="submit" disabled={change.isPending}>
        {t('account.changePassword')}
      </button>
    </form>
  );
}

function DataRights({ me }: { me: OwnProfile }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const logOut = useLogOut();
  const [confirm, setConfirm] = useState({ email: '', password: '' });
  const [mismatch, setMismatch] = useState(false);
  const download = useMutation({
    mutationFn: async () => {
      const data = unwrap(
        await api.GET('/api/v1/users/{userId}/export', { params: { path: { userId: me.id } }, parseAs: 'blob' }),
      );
      const url = URL.createObjectURL(new Blob([data], { type: 'application/json' }));
      const link = document.createElement('a');
      link.href = url;
      link.download = 'commonplace-my-data.json';
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    },
  });
  const remove = useMutation({
    mutationFn: async () =>
      unwrap(
        await api.DELETE('/api/v1/users/{userId}', {
          params: { path: { userId: me.id } },
          body: { password: confirm.password },
        }),
      ),
    // Away first: this page, signed out, would send the person to log in instead.
    onSuccess: async () => {
      await navigate('/account/deleted', { replace: true });
      await logOut();
    },
  });
  const problem = problemOf(remove.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const wrong = confirm.email.trim().toLowerCase() !== me.email.toLowerCase();
    setMismatch(wrong);
    if (!wrong) remove.mutate();
  };
  return (
    <section aria-labelledby="data-heading">
      <h2 id="data-heading">{t('account.data')}</h2>
      <p>{t('account.export.text')}</p>
      <button type="button" onClick={() => download.mutate()} disabled={download.isPending}>
        {t('account.export')}
      </button>
      {download.isError && <p role="alert">{t('error.generic')}</p>}
      <form onSubmit={submit} noValidate aria-labelledby="delete-heading">
        <h3 id="delete-heading">{t('account.delete')}</h3>
        <p>{t('account.delete.text')}</p>
        <Field
          label={t('account.delete.typeEmail', { email: me.email })}
          name="confirmEmail"
          autoComplete="off"
          value={confirm.email}
          error={mismatch ? t('account.error.confirmEmail') : undefined}
          onChange={(e) => setConfirm({ ...confirm, email: e.target.value })}
        />
        <Field
          label={t('account.currentPassword')}
          name="deletePassword"
          type="password"
          autoComplete="current-password"
          value={confirm.password}
          error={
            fieldError(problem, 'password') ??
            (problem?.code === 'password_incorrect' ? t('account.error.currentPassword') : undefined)
          }
          onChange={(e) => setConfirm({ ...confirm, password: e.target.value })}
        />
        {problem && !problem.errors?.length && problem.code !== 'password_incorrect' && (
          <p role="alert">{problem.detail ?? t('error.generic')}</p>
        )}
        <button type="submit" className="danger" disabled={remove.isPending}>
          {t('account.delete.submit')}
        </button>
      </form>
    </section>
  );
}

/** Where a deleted account lands: signed out, told so. */
export function AccountDeletedPage() {
  const { t } = useI18n();
  return (
    <section>
      <h1>{t('account.deleted.title')}</h1>
      <p role="status">{t('account.deleted.text')}</p>
    </section>
  );
}
