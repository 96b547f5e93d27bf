import { useI18n } from '../i18n/i18n';
import { showTime } from '../time/zones';

/** A meeting's start in the viewer's zone, and in the group's zone beside it when that reads differently. */
export function MeetingTime({ utc, viewerZone, groupZone }: { utc: string; viewerZone: string; groupZone: string }) {
  const { language, t } = useI18n();
  const shown = showTime(utc, viewerZone, groupZone, language);
  return (
    <span className="meeting-time">
      <time dateTime={utc}>{shown.viewer}</time>
      {shown.group && (
        <span className="group-time">
          {' '}
          ({t('group.groupTime')}: {shown.group})
        </span>
      )}
    </span>
  );
}
