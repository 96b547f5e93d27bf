import { Temporal } from '@js-temporal/polyfill';
import { registerDecorator, type ValidationOptions } from 'class-validator';

/** Zones already found valid; the database holds a few hundred names, so this stays small. */
const knownZones = new Set<string>();

/** Whether the Temporal polyfill, which does every zone computation here, knows the zone. */
function temporalKnows(zone: string): boolean {
  if (knownZones.has(zone)) return true;
  try {
    Temporal.Instant.fromEpochMilliseconds(0).toZonedDateTimeISO(zone);
  } catch {
    return false;
  }
  knownZones.add(zone);
  return true;
}

/** A zone name of the IANA database (e.g. "America/La_Paz"); offsets like "+02:00" are not zones. */
export function isIanaTimeZone(value: unknown): value is string {
  return (
    typeof value === 'string' &&
    value.length <= 64 &&
    (value === 'UTC' || /^[A-Za-z]+(?:[/_-][A-Za-z0-9+-]+)*$/.test(value)) &&
    temporalKnows(value)
  );
}

export function IsIanaTimeZone(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isIanaTimeZone',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: '$property must be an IANA time zone such as Europe/Berlin', ...options },
      validator: { validate: isIanaTimeZone },
    });
}

/** "HH:MM" on a 24-hour clock; "24:00" allowed where an end of day is meant. */
export const LOCAL_TIME_PATTERN = /^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/;

export function minutesOfDay(localTime: string): number {
  const [h, m] = localTime.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}
