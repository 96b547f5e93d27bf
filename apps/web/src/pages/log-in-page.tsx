import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { problemOf } from '../api/client';
import { logIn } from '../api/auth';
import { fieldError } from '../api/problem';
import { Field } from '../components/field';
import { useI18n } from '../i18n/i18n';

/** Only our own pages as a destination after logging in (no open redirect). */
export function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

const NEXT_KEY = 'commonplace.next';

/**
 * Where a newcomer was going when they signed up (a group), kept in this browser until the link in the
 * verification email brings them back: the email's link cannot carry it.
 */
export function rememberNext(next: string | null): void {
  if (next) localStorage.setItem(NEXT_KEY, safeNext(next));
}

export function recallNext(): string | null {
  const next = localStorage.getItem(NEXT_KEY);
  return next ? safeNext(next) : null;
}

export function forgetNext(): void {
  localStorage.removeItem(NEXT_KEY);
}

export function LogInPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [form, setForm] = useState({ email: '', password: '' });
  const login = useMutation({
    mutationFn: () => logIn(form.email, form.password),
    onSuccess: () => {
      forgetNext();
      void navigate(safeNext(params.get('next')));
    },
  });
  const problem = problemOf(login.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    login.mutate();
  };
  return (
    <section>
      <h1>{t('logIn.title')}</h1>
      <form onSubmit={submit} noValidate>
        <Field
          label={t('logIn.email')}
          name="email"
          type="email"
          autoComplete="email"
          value={form.email}
          error={fieldError(problem, 'email')}
          onChange={(e) => setForm({ ...form, email: e.target.value })}
        />
        <Field
          label={t('logIn.password')}
          name="password"
          type="password"
          autoComplete="current-password"
          value={form.password}
          error={fieldError(problem, 'password')}
          onChange={(e) => setForm({ ...form, password: e.target.value })}
        />
        {problem && !problem.errors?.length && <p role="alert">{problem.detail ?? t('error.generic')}</p>}
        <button type="submit" disabled={login.isPending}>
          {t('logIn.submit')}
        </button>
      </form>
      <p>
        <Link to="/forgot-password">{t('logIn.forgot')}</Link>
      </p>
    </section>
  );
}
