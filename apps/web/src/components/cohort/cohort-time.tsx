import { useI18n } from '../../i18n/i18n';
import { showTime } from '../../time/zones';

/** An instant of the cohort's calendar in the viewer's profile zone, and in the cohort's zone beside it when it reads differently. */
export function CohortTime({ utc, viewerZone, cohortZone }: { utc: string; viewerZone: string; cohortZone: string }) {
  const { language, t } = useI18n();
  const shown = showTime(utc, viewerZone, cohortZone, language);
  return (
    <span className="meeting-time">
      <time dateTime={utc}>{shown.viewer}</time>
      {shown.group && (
        <span className="group-time">
          {' '}
          ({t('cohort.cohortTime')}: {shown.group})
        </span>
      )}
    </span>
  );
}

/** A calendar date (YYYY-MM-DD, a day in some zone, not an instant) in the viewer's language. */
export function formatLocalDate(date: string, language: string): string {
  // Noon UTC of that day read in UTC: the same calendar day whatever the browser's zone.
  return new Intl.DateTimeFormat(language, { timeZone: 'UTC', dateStyle: 'medium' }).format(
    new Date(`${date}T12:00:00Z`),
  );
}
