import { useI18n } from '../i18n/i18n';
import { showTime } from '../time/zones';

/**
 * An instant in the viewer's zone, and in another's (a group's, a cohort's) beside it, named by `otherLabel`, when
 * it reads differently there.
 */
export function TimeInTwoZones({
  utc,
  viewerZone,
  otherZone,
  otherLabel,
}: {
  utc: string;
  viewerZone: string;
  otherZone: string;
  otherLabel: string;
}) {
  const { language } = useI18n();
  const shown = showTime(utc, viewerZone, otherZone, language);
  return (
    <span className="meeting-time">
      <time dateTime={utc}>{shown.viewer}</time>
      {shown.group && (
        <span className="group-time">
          {' '}
          ({otherLabel}: {shown.group})
        </span>
      )}
    </span>
  );
}

/** A meeting's start in the viewer's zone, and in the group's zone beside it when that reads differently. */
export function MeetingTime({ utc, viewerZone, groupZone }: { utc: string; viewerZone: string; groupZone: string }) {
  const { t } = useI18n();
  return <TimeInTwoZones utc={utc} viewerZone={viewerZone} otherZone={groupZone} otherLabel={t('group.groupTime')} />;
}
