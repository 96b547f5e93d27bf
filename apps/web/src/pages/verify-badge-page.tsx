import { useMutation } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { api, problemOf, unwrap } from '../api/client';
import { fieldError } from '../api/problem';
import { useMe } from '../api/me';
import { Instant } from '../components/instant';
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages';
import { browserTimeZone } from '../time/zones';

/** The API's limit for a badge image (CREDENTIAL_IMAGE_MAX_BYTES): larger is refused before it is sent. */
const MAX_BYTES = 2 * 1024 * 1024;

type Verdict = 'valid' | 'revoked' | 'expired' | 'not-yet-valid' | 'tampered' | 'unknown-issuer' | 'malformed';
const VERDICTS: readonly Verdict[] = [
  'valid',
  'revoked',
  'expired',
  'not-yet-valid',
  'tampered',
  'unknown-issuer',
  'malformed',
];

/** What to tell the API the bytes are: the file's own type, else its extension (some systems give no type). */
function contentTypeOf(file: File): string | null {
  if (['image/png', 'image/svg+xml', 'application/json', 'application/ld+json'].includes(file.type)) return file.type;
  const extension = /\.([a-z]+)$/i.exec(file.name)?.[1]?.toLowerCase();
  if (extension === 'png') return 'image/png';
  if (extension === 'svg') return 'image/svg+xml';
  if (extension === 'json' || extension === 'jsonld') return 'application/json';
  return null;
}

interface Input {
  bytes: Blob | string;
  contentType: string;
}

/** Anyone checks a badge: a baked PNG or SVG, or the credential JSON, answered with a verdict and its reasons. */
export function VerifyBadgePage() {
  const { t } = useI18n();
  const me = useMe();
  const zone = me?.timeZone || browserTimeZone();
  const fileId = useId();
  const jsonId = useId();
  const [file, setFile] = useState<File | null>(null);
  const [json, setJson] = useState('');
  const [formError, setFormError] = useState<string | null>(null);

  const verify = useMutation({
    mutationFn: async (input: Input) =>
      unwrap(
        await api.POST('/api/v1/badges/verify', {
          // The bytes go as they are, with their own type: the API reads the credential baked into them.
          body: input.bytes as unknown as string,
          bodySerializer: (body: unknown) => body as BodyInit,
          headers: { 'Content-Type': input.contentType },
        }),
      ),
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setFormError(null);
    verify.reset();
    if (file) {
      const contentType = contentTypeOf(file);
      if (file.size > MAX_BYTES) return setFormError(t('verifyBadge.tooLarge'));
      if (!contentType) return setFormError(t('verifyBadge.unsupported'));
      return verify.mutate({ bytes: file, contentType });
    }
    const text = json.trim();
    if (!text) return setFormError(t('verifyBadge.needInput'));
    try {
      JSON.parse(text);
    } catch {
      return setFormError(t('verifyBadge.badJson'));
    }
    verify.mutate({ bytes: text, contentType: 'application/json' });
  };

  const problem = problemOf(verify.error);
  const shownError = formError ?? fieldError(problem, 'body') ?? problem?.detail ?? problem?.title;
  const result = verify.data;
  const verdict = VERDICTS.find((v) => v === result?.result);
  return (
    <section>
      <h1>{t('verifyBadge.title')}</h1>
      <p>{t('verifyBadge.intro')}</p>
      <form onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor={fileId}>{t('verifyBadge.file')}</label>
          <input
            id={fileId}
            type="file"
            aria-describedby={shownError ? `${fileId}-error` : undefined}
            accept=".png,.svg,.json,.jsonld,image/png,image/svg+xml,application/json,application/ld+json"
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
          />
        </div>
        <div className="field">
          <label htmlFor={jsonId}>{t('verifyBadge.json')}</label>
          <textarea id={jsonId} rows={6} value={json} onChange={(e) => setJson(e.target.value)} spellCheck={false} />
        </div>
        {shownError && (
          <p id={`${fileId}-error`} className="field-error" role="alert">
            {shownError}
          </p>
        )}
        <button type="submit" disabled={verify.isPending}>
          {t('verifyBadge.submit')}
        </button>
      </form>
      {result && verdict && (
        <section className={`card verdict verdict-${verdict}`} aria-live="polite">
          <h2 role="status">{t(`verifyBadge.result.${verdict}` as MessageKey)}</h2>
          {result.credential && (
            <dl className="meta">
              {result.credential.name && (
                <div>
                  <dt>{t('verifyBadge.badge')}</dt>
                  <dd>{result.credential.name}</dd>
                </div>
              )}
              {result.credential.issuer && (
                <div>
                  <dt>{t('verifyBadge.issuer')}</dt>
                  <dd>{result.credential.issuer.name ?? result.credential.issuer.id}</dd>
                </div>
              )}
              {result.credential.validFrom && (
                <div>
                  <dt>{t('verifyBadge.validFrom')}</dt>
                  <dd>
                    <Instant utc={result.credential.validFrom} viewerZone={zone} />
                  </dd>
                </div>
              )}
              {result.credential.validUntil && (
                <div>
                  <dt>{t('badges.validUntil')}</dt>
                  <dd>
                    <Instant utc={result.credential.validUntil} viewerZone={zone} />
                  </dd>
                </div>
              )}
            </dl>
          )}
          {result.reasons.length > 0 && (
            <>
              <h3>{t('verifyBadge.reasons')}</h3>
              <ul lang="en">
                {result.reasons.map((reason) => (
                  <li key={reason}>{reason}</li>
                ))}
              </ul>
            </>
          )}
        </section>
      )}
    </section>
  );
}
