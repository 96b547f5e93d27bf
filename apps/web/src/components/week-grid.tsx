import { useRef, useState, type KeyboardEvent } from 'react';
import { useI18n } from '../i18n/i18n';
import { SLOT_MINUTES, SLOTS_PER_DAY, formatLocalTime, weekdayName, type WeekSlots } from '../availability/week-slots';

interface WeekGridProps {
  label: string;
  week: WeekSlots;
  onChange(week: WeekSlots): void;
  /** The problem's message for the availability field, read with the grid. */
  error?: string;
  errorId?: string;
}

const DAYS = [1, 2, 3, 4, 5, 6, 7];
const SLOTS = Array.from({ length: SLOTS_PER_DAY }, (_, i) => i);

/**
 * Weekly availability as an ARIA grid (days across, half hours down): one tab stop, arrow keys move, Space or Enter
 * marks the half hour free or busy, Home/End jump to the day's first or last slot. A click does the same.
 */
export function WeekGrid({ label, week, onChange, error, errorId }: WeekGridProps) {
  const { language, t } = useI18n();
  const [active, setActive] = useState({ day: 0, slot: 18 * (60 / SLOT_MINUTES) });
  const table = useRef<HTMLTableElement>(null);

  const focus = (day: number, slot: number) => {
    setActive({ day, slot });
    table.current?.querySelector<HTMLElement>(`[data-cell="${day}-${slot}"]`)?.focus();
  };
  const toggle = (day: number, slot: number) => {
    onChange(week.map((d, i) => (i === day ? d.map((free, s) => (s === slot ? !free : free)) : d)));
  };
  const onKeyDown = (event: KeyboardEvent) => {
    const { day, slot } = active;
    const moves: Record<string, [number, number]> = {
      ArrowUp: [day, Math.max(0, slot - 1)],
      ArrowDown: [day, Math.min(SLOTS_PER_DAY - 1, slot + 1)],
      ArrowLeft: [Math.max(0, day - 1), slot],
      ArrowRight: [Math.min(6, day + 1), slot],
      Home: [day, 0],
      End: [day, SLOTS_PER_DAY - 1],
    };
    const move = moves[event.key];
    if (move) {
      event.preventDefault();
      focus(...move);
    } else if (event.key === ' ' || event.key === 'Enter') {
      event.preventDefault();
      toggle(day, slot);
    }
  };

  return (
    <div className="week-grid">
      <p id="week-grid-help" className="hint">
        {t('account.availability.help')}
      </p>
      <div className="week-grid-scroll">
        <table
          ref={table}
          role="grid"
          aria-label={label}
          aria-describedby={['week-grid-help', error ? errorId : undefined].filter(Boolean).join(' ')}
          onKeyDown={onKeyDown}
        >
          <thead>
            <tr>
              <td />
              {DAYS.map((d) => (
                <th key={d} scope="col" abbr={weekdayName(d, language)}>
                  {weekdayName(d, language, 'short')}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {SLOTS.map((slot) => {
              const from = formatLocalTime(slot * SLOT_MINUTES, language);
              const to = formatLocalTime((slot + 1) * SLOT_MINUTES, language);
              return (
                <tr key={slot}>
                  <th scope="row">
                    {/* Every hour shown; half hours only read out, so the column stays narrow at 390 px. */}
                    {slot % 2 === 0 ? from : <span className="visually-hidden">{from}</span>}
                  </th>
                  {DAYS.map((d, day) => {
                    const free = week[day]?.[slot] === true;
                    const isActive = active.day === day && active.slot === slot;
                    return (
                      <td
                        key={d}
                        role="gridcell"
                        data-cell={`${day}-${slot}`}
                        aria-selected={free}
                        aria-label={`${weekdayName(d, language)} ${from}–${to}`}
                        tabIndex={isActive ? 0 : -1}
                        className={free ? 'free' : undefined}
                        onClick={() => {
                          focus(day, slot);
                          toggle(day, slot);
                        }}
                      />
                    );
                  })}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </div>
  );
}
