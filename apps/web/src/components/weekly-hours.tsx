import { useI18n } from '../i18n/i18n';

export const WEEK_DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type WeekDay = (typeof WEEK_DAYS)[number];
export interface DayHours {
  free: boolean;
  from: string;
  to: string;
}
export type WeeklyHours = Record<WeekDay, DayHours>;

export const NO_HOURS: WeeklyHours = Object.fromEntries(
  WEEK_DAYS.map((day) => [day, { free: false, from: '18:00', to: '21:00' }]),
) as WeeklyHours;

/** "00:00" as an end is midnight at the end of the day: the API spells it 24:00. */
const endOf = (to: string): string => (to === '00:00' ? '24:00' : to);

/** Days whose end does not come after their start (the API would refuse the window). */
export function badDays(hours: WeeklyHours): WeekDay[] {
  return WEEK_DAYS.filter((day) => hours[day].free && !(hours[day].from < endOf(hours[day].to)));
}

/** The API's `availability` parameter: `mon:08:00-12:00,wed:18:00-24:00`, empty when no day is ticked. */
export function availabilityParam(hours: WeeklyHours): string {
  return WEEK_DAYS.filter((day) => hours[day].free)
    .map((day) => `${day}:${hours[day].from}-${endOf(hours[day].to)}`)
    .join(',');
}

/** Weekday names in the reader's language (1 January 2024 was a Monday). */
function dayName(index: number, language: string, weekday: 'long' | 'short' = 'long'): string {
  return new Intl.DateTimeFormat(language, { weekday, timeZone: 'UTC' }).format(new Date(Date.UTC(2024, 0, 1 + index)));
}

/**
 * A compact week of free hours for people without an account: one row per day, a tick and two times. Every
 * control has its own label naming the day, so a screen reader says "Tuesday from" rather than "from".
 */
export function WeeklyHoursPicker({
  hours,
  zone,
  error,
  onChange,
}: {
  hours: WeeklyHours;
  zone: string;
  error?: string;
  onChange: (hours: WeeklyHours) => void;
}) {
  const { t, language } = useI18n();
  const wrong = new Set(badDays(hours));
  const set = (day: WeekDay, change: Partial<DayHours>) => onChange({ ...hours, [day]: { ...hours[day], ...change } });
  return (
    <fieldset className="weekly-hours" aria-describedby="weekly-hours-hint">
      <legend>{t('journey.free.legend', { zone })}</legend>
      <p id="weekly-hours-hint" className="hint">
        {t('journey.free.hint')}
      </p>
      {WEEK_DAYS.map((day, index) => {
        const name = dayName(index, language);
        const errorId = `weekly-hours-${day}-error`;
        return (
          <div key={day} className="day-row">
            <label className="check">
              <input
                type="checkbox"
                name={`free-${day}`}
                checked={hours[day].free}
                onChange={(e) => set(day, { free: e.target.checked })}
              />
              <span className="visually-hidden">{t('journey.free.day', { day: name })}</span>
              {/* Short on screen so a week fits a phone; the label read out names the whole day. */}
              <span aria-hidden="true">{dayName(index, language, 'short')}</span>
            </label>
            <label>
              <span className="visually-hidden">{t('journey.free.from', { day: name })}</span>
              <input
                type="time"
                name={`from-${day}`}
                value={hours[day].from}
                disabled={!hours[day].free}
                required
                aria-invalid={wrong.has(day) || undefined}
                aria-describedby={wrong.has(day) ? errorId : undefined}
                onChange={(e) => set(day, { from: e.target.value })}
              />
            </label>
            <span aria-hidden="true">–</span>
            <label>
              <span className="visually-hidden">{t('journey.free.to', { day: name })}</span>
              <input
                type="time"
                name={`to-${day}`}
                value={hours[day].to}
                disabled={!hours[day].free}
                required
                aria-invalid={wrong.has(day) || undefined}
                aria-describedby={wrong.has(day) ? errorId : undefined}
                onChange={(e) => set(day, { to: e.target.value })}
              />
            </label>
            {wrong.has(day) && (
              <p id={errorId} className="field-error">
                {t('journey.free.order')}
              </p>
            )}
          </div>
        );
      })}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </fieldset>
  );
}
