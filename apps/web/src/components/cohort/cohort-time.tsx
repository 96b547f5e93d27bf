import { useI18n } from '../../i18n/i18n';
import { TimeInTwoZones } from '../meeting-time';

/** An instant of the cohort's calendar in the viewer's profile zone, and in the cohort's zone beside it when it reads differently. */
export function CohortTime({ utc, viewerZone, cohortZone }: { utc: string; viewerZone: string; cohortZone: string }) {
  const { t } = useI18n();
  return (
    <TimeInTwoZones utc={utc} viewerZone={viewerZone} otherZone={cohortZone} otherLabel={t('cohort.cohortTime')} />
  );
}

/** A calendar date (YYYY-MM-DD, a day in some zone, not an instant) in the viewer's language. */
export function formatLocalDate(date: string, language: string): string {
  // Noon UTC of that day read in UTC: the same calendar day whatever the browser's zone.
  return new Intl.DateTimeFormat(language, { timeZone: 'UTC', dateStyle: 'medium' }).format(
    new Date(`${date}T12:00:00Z`),
  );
}
