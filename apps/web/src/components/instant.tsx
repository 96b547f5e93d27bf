import { useI18n } from '../i18n/i18n';
import { formatInstant, zoneLabel } from '../time/zones';

/** An instant (not a meeting) in the viewer's zone, with that zone's label so it is never ambiguous. */
export function Instant({ utc, viewerZone }: { utc: string; viewerZone: string }) {
  const { language } = useI18n();
  return (
    <time dateTime={utc}>
      {formatInstant(utc, viewerZone, language)} {zoneLabel(utc, viewerZone, language)}
    </time>
  );
}
