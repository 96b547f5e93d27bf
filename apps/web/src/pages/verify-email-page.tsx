import { useMutation } from '@tanstack/react-query';
import { useEffect } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api, unwrap } from '../api/client';
import { useI18n } from '../i18n/i18n';

/** The landing page of the link in the verification email: verifies once, then offers to log in. */
export function VerifyEmailPage() {
  const { t } = useI18n();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const verify = useMutation({
    mutationFn: async () => unwrap(await api.POST('/api/v1/auth/verify-email', { body: { token } })),
  });
  const { mutate } = verify;
  useEffect(() => mutate(), [mutate]);

  return (
    <section>
      <h1>{t('verify.title')}</h1>
      {verify.isPending && <p>{t('verify.working')}</p>}
      {verify.isSuccess && (
        <p role="status">
          {t('verify.done')} <Link to="/login">{t('nav.logIn')}</Link>
        </p>
      )}
      {verify.isError && <p role="alert">{t('verify.failed')}</p>}
    </section>
  );
}
