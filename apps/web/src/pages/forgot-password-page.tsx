import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, problemOf, unwrap } from '../api/client';
import { fieldError } from '../api/problem';
import { Field } from '../components/field';
import { useI18n } from '../i18n/i18n';

/** The API's limit (EmailDto). */
const MAX_EMAIL = 254;

/** Asks for a reset link. The answer is the same whether or not the address has an account. */
export function ForgotPasswordPage() {
  const { t } = useI18n();
  const [email, setEmail] = useState('');
  const [invalid, setInvalid] = useState(false);
  const request = useMutation({
    mutationFn: async () => unwrap(await api.POST('/api/v1/auth/password-reset', { body: { email: email.trim() } })),
  });
  const problem = problemOf(request.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const bad = !/^[^\s@]+@[^\s@]+$/.test(email.trim()) || email.length > MAX_EMAIL;
    setInvalid(bad);
    if (!bad) request.mutate();
  };
  if (request.isSuccess) {
    return (
      <section>
        <h1>{t('reset.request.title')}</h1>
        <p role="status">{t('reset.request.sent', { email: email.trim() })}</p>
      </section>
    );
  }
  return (
    <section>
      <h1>{t('reset.request.title')}</h1>
      <p>{t('reset.request.text')}</p>
      <form onSubmit={submit} noValidate>
        <Field
          label={t('logIn.email')}
          name="email"
          type="email"
          autoComplete="email"
          value={email}
          error={invalid ? t('reset.error.email') : fieldError(problem, 'email')}
          onChange={(e) => setEmail(e.target.value)}
        />
        {problem && !problem.errors?.length && <p role="alert">{problem.detail ?? t('error.generic')}</p>}
        <button type="submit" disabled={request.isPending}>
          {t('reset.request.submit')}
        </button>
      </form>
    </section>
  );
}
