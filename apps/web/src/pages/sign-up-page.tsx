import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { logIn } from '../api/auth';
import { api, problemOf, unwrap } from '../api/client';
import { fieldError } from '../api/problem';
import { Field, SelectField } from '../components/field';
import { useI18n } from '../i18n/i18n';
import { LANGUAGE_NAMES, LANGUAGES, type Language } from '../i18n/messages';
import { browserTimeZone } from '../time/zones';
import { rememberNext, safeNext } from './log-in-page';
import { PASSWORD_MIN } from '../api/limits';

/**
 * Sign up, with the time zone proposed from the browser; then "check your email". The API lets an unverified
 * account log in, so the newcomer is signed in at once and can go back to the group they came from (`next`).
 */
export function SignUpPage() {
  const { t, language } = useI18n();
  const [params] = useSearchParams();
  const next = params.get('next');
  const [form, setForm] = useState({
    displayName: '',
    email: '',
    password: '',
    timeZone: browserTimeZone(),
    locale: language,
  });
  const [passwordTooShort, setPasswordTooShort] = useState(false);
  const register = useMutation({
    mutationFn: async () => {
      const profile = unwrap(await api.POST('/api/v1/auth/register', { body: form }));
      rememberNext(next);
      // Signing in is a convenience: if it fails (e.g. rate limited), the email's link and log-in still work.
      await logIn(form.email, form.password).catch(() => undefined);
      return profile;
    },
  });
  const problem = problemOf(register.error);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const short = form.password.length < PASSWORD_MIN;
    setPasswordTooShort(short);
    if (!short) register.mutate();
  };

  if (register.isSuccess) {
    return (
      <section>
        <p role="status">{t('signUp.checkEmail', { email: form.email })}</p>
        <p>
          <Link to={safeNext(next)}>{next ? t('journey.afterSignUp.back') : t('journey.afterSignUp.continue')}</Link>
        </p>
      </section>
    );
  }
  return (
    <section>
      <h1>{t('signUp.title')}</h1>
      <form onSubmit={submit} noValidate>
        <Field
          label={t('signUp.displayName')}
          name="displayName"
          autoComplete="name"
          required
          value={form.displayName}
          error={fieldError(problem, 'displayName')}
          onChange={(e) => setForm({ ...form, displayName: e.target.value })}
        />
        <Field
          label={t('signUp.email')}
          name="email"
          type="email"
          autoComplete="email"
          required
          value={form.email}
          error={fieldError(problem, 'email') ?? (problem?.code === 'email_taken' ? problem.detail : undefined)}
          onChange={(e) => setForm({ ...form, email: e.target.value })}
        />
        <Field
          label={t('signUp.password')}
          name="password"
          type="password"
          autoComplete="new-password"
          required
          minLength={PASSWORD_MIN}
          value={form.password}
          error={passwordTooShort ? t('signUp.password') : fieldError(problem, 'password')}
          onChange={(e) => setForm({ ...form, password: e.target.value })}
        />
        <Field
          label={t('signUp.timeZone')}
          name="timeZone"
          autoComplete="off"
          value={form.timeZone}
          error={fieldError(problem, 'timeZone')}
          onChange={(e) => setForm({ ...form, timeZone: e.target.value })}
        />
        <SelectField
          label={t('signUp.language')}
          name="locale"
          value={form.locale}
          onChange={(e) => setForm({ ...form, locale: e.target.value as Language })}
        >
          {LANGUAGES.map((l) => (
            <option key={l} value={l}>
              {LANGUAGE_NAMES[l]}
            </option>
          ))}
        </SelectField>
        {problem && !problem.errors?.length && problem.code !== 'email_taken' && (
          <p role="alert">{problem.detail ?? t('error.generic')}</p>
        )}
        <button type="submit" disabled={register.isPending}>
          {t('signUp.submit')}
        </button>
      </form>
    </section>
  );
}
