import { useI18n } from '../../i18n/i18n';
import { instantOf } from '../../time/local-time';
import { formatInstant, zoneLabel } from '../../time/zones';

/**
 * Under a local date and time typed in the group's zone: the same moment in the facilitator's own zone, so a
 * facilitator in Kathmandu setting 18:00 for a group in La Paz sees that it is 03:45 the next day for them.
 */
export function ZonePreview({
  localDate,
  localTime,
  groupZone,
  viewerZone,
}: {
  localDate: string | null;
  localTime: string;
  groupZone: string;
  viewerZone: string;
}) {
  const { t, language } = useI18n();
  const utc = localDate ? instantOf(localDate, localTime, groupZone) : null;
  if (!utc) return null;
  const inGroup = `${formatInstant(utc, groupZone, language)} ${zoneLabel(utc, groupZone, language)}`;
  const inMine = `${formatInstant(utc, viewerZone, language)} ${zoneLabel(utc, viewerZone, language)}`;
  return (
    <p className="hint zone-preview" aria-live="polite">
      {t('facilitate.preview.group', { time: inGroup, zone: groupZone })}
      {inMine !== inGroup && (
        <>
          {' · '}
          <span className="your-time">{t('facilitate.preview.yours', { time: inMine, zone: viewerZone })}</span>
        </>
      )}
    </p>
  );
}
