import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api, problemOf, unwrap } from '../api/client';
import { fieldError } from '../api/problem';
import { Field } from '../components/field';
import { useI18n } from '../i18n/i18n';
import { PASSWORD_MAX, PASSWORD_MIN } from '../api/limits';

/** The email's link lands here with its token: a new password, then log in with it. */
export function ResetPasswordPage() {
  const { t } = useI18n();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const [password, setPassword] = useState('');
  const [tooShort, setTooShort] = useState(false);
  const reset = useMutation({
    mutationFn: async () =>
      unwrap(await api.POST('/api/v1/auth/password-reset/confirm', { body: { token, newPassword: password } })),
  });
  const problem = problemOf(reset.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const bad = password.length < PASSWORD_MIN || password.length > PASSWORD_MAX;
    setTooShort(bad);
    if (!bad) reset.mutate();
  };
  if (reset.isSuccess) {
    return (
      <section>
        <h1>{t('reset.title')}</h1>
        <p role="status">
          {t('reset.done')} <Link to="/login">{t('logIn.submit')}</Link>
        </p>
      </section>
    );
  }
  // A token the API refuses (used, expired, damaged) is not the person's fault: offer a new link.
  const tokenProblem = fieldError(problem, 'token') ?? (problem && !problem.errors?.length ? problem.detail : null);
  return (
    <section>
      <h1>{t('reset.title')}</h1>
      {!token || tokenProblem ? (
        <p role="alert">
          {tokenProblem ?? t('reset.noToken')} <Link to="/forgot-password">{t('reset.askAgain')}</Link>
        </p>
      ) : null}
      <form onSubmit={submit} noValidate>
        <Field
          label={t('reset.newPassword', { min: PASSWORD_MIN })}
          name="newPassword"
          type="password"
          autoComplete="new-password"
          value={password}
          error={tooShort ? t('account.error.newPassword', { min: PASSWORD_MIN }) : fieldError(problem, 'newPassword')}
          onChange={(e) => setPassword(e.target.value)}
        />
        <button type="submit" disabled={reset.isPending || !token}>
          {t('reset.submit')}
        </button>
      </form>
    </section>
  );
}
