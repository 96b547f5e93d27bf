import { useId, useMemo } from 'react';
import { useI18n } from '../i18n/i18n';
import { browserTimeZone } from '../time/zones';

/** Every IANA zone the browser knows; the API accepts the same names. */
export function knownTimeZones(): readonly string[] {
  return Intl.supportedValuesOf('timeZone');
}

/**
 * Whether the browser knows the zone, aliases included: its list has CLDR's names ("Asia/Katmandu") where the
 * API and most people write the IANA ones ("Asia/Kathmandu"). The API has the last word, named next to the field.
 */
export function isKnownTimeZone(zone: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9_+-]*(?:\/[A-Za-z0-9_+-]+)*$/.test(zone)) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/**
 * A time zone typed with suggestions from the full IANA list (a native datalist: searchable by typing, read by
 * screen readers), and the browser's own zone proposed when it differs from the one saved.
 */
export function TimeZoneField({
  label,
  value,
  saved,
  error,
  onChange,
}: {
  label: string;
  value: string;
  /** The zone on the profile now, to propose the browser's when they differ. */
  saved: string;
  error?: string;
  onChange(zone: string): void;
}) {
  const { t } = useI18n();
  const id = useId();
  const zones = useMemo(knownTimeZones, []);
  const browser = browserTimeZone();
  const errorId = `${id}-error`;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        name="timeZone"
        list={`${id}-zones`}
        autoComplete="off"
        value={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
        onChange={(e) => onChange(e.target.value)}
      />
      <datalist id={`${id}-zones`}>
        {zones.map((zone) => (
          <option key={zone} value={zone} />
        ))}
      </datalist>
      {browser !== saved && browser !== value && (
        <p className="hint">
          {t('account.timeZone.browserDiffers', { zone: browser })}{' '}
          <button type="button" className="link" onClick={() => onChange(browser)}>
            {t('account.timeZone.useBrowser', { zone: browser })}
          </button>
        </p>
      )}
      {error && (
        <p id={errorId} className="field-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
