import { useMutation } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api, unwrap } from '../api/client';
import { useSignedIn } from '../api/me';
import { useI18n } from '../i18n/i18n';
import { recallNext } from './log-in-page';

/**
 * One request per token however often the page mounts: a token works once, so a second request would turn the
 * answer into "this link does not work any more" after it had just worked.
 */
const verifications = new Map<string, Promise<void>>();
function verifyOnce(token: string): Promise<void> {
  let verification = verifications.get(token);
  if (!verification) {
    verification = api.POST('/api/v1/auth/verify-email', { body: { token } }).then((result) => {
      unwrap(result);
    });
    verifications.set(token, verification);
  }
  return verification;
}

/**
 * The landing page of the link in the verification email: verifies once, then leads on to where the person was
 * going when they signed up (a group): directly when still signed in, else through log-in.
 */
export function VerifyEmailPage() {
  const { t } = useI18n();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const signedIn = useSignedIn();
  const [next] = useState(recallNext);
  const verify = useMutation({
    mutationFn: () => verifyOnce(token),
  });
  const { mutate } = verify;
  useEffect(() => mutate(), [mutate]);

  return (
    <section>
      <h1>{t('verify.title')}</h1>
      {verify.isPending && <p>{t('verify.working')}</p>}
      {verify.isSuccess && (
        <p role="status">
          {signedIn ? t('journey.verify.done') : t('verify.done')}{' '}
          {signedIn ? (
            <Link to={next ?? '/'}>{next ? t('journey.afterSignUp.back') : t('journey.afterSignUp.continue')}</Link>
          ) : (
            <Link to={next ? `/login?next=${encodeURIComponent(next)}` : '/login'}>
              {next ? t('journey.verify.logInToContinue') : t('nav.logIn')}
            </Link>
          )}
        </p>
      )}
      {verify.isError && <p role="alert">{t('verify.failed')}</p>}
    </section>
  );
}
