import { useQuery } from '@tanstack/react-query';
import { useEffect, useId, useState } from 'react';
import { api, unwrap } from '../api/client';
import { useI18n } from '../i18n/i18n';

export interface Town {
  name: string;
  lat: number;
  lon: number;
}

/** Waits until typing pauses, so a town is looked up once per word, not once per key. */
function useSettled(value: string, ms = 250): string {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

/**
 * "Near a place" by name, for people who would rather not share their location: the towns where public groups
 * meet (GET /groups/towns), offered as buttons under the box as the person types.
 */
export function TownPicker({ onPick }: { onPick: (town: Town) => void }) {
  const { t, language } = useI18n();
  const id = useId();
  const [typed, setTyped] = useState('');
  const prefix = useSettled(typed.trim());
  const towns = useQuery({
    queryKey: ['towns', prefix],
    enabled: prefix.length >= 2,
    queryFn: async () => unwrap(await api.GET('/api/v1/groups/towns', { params: { query: { q: prefix } } })),
  });
  const countries = new Intl.DisplayNames([language], { type: 'region' });
  const items = prefix.length >= 2 ? (towns.data?.items ?? []) : [];
  return (
    <div className="field town-picker">
      <label htmlFor={id}>{t('journey.near.town')}</label>
      <input
        id={id}
        type="search"
        autoComplete="off"
        maxLength={100}
        value={typed}
        aria-describedby={`${id}-found`}
        onChange={(e) => setTyped(e.target.value)}
      />
      <p id={`${id}-found`} className="meta" role="status">
        {towns.isSuccess && prefix.length >= 2 && items.length === 0 ? t('journey.near.noTown') : ''}
      </p>
      {items.length > 0 && (
        <ul className="towns">
          {items.map((town) => {
            const label = town.country ? `${town.city}, ${countries.of(town.country) ?? town.country}` : town.city;
            return (
              <li key={`${town.city}-${town.country ?? ''}`}>
                <button
                  type="button"
                  className="secondary"
                  onClick={() => onPick({ name: label, lat: town.latitude, lon: town.longitude })}
                >
                  {label} <span className="meta">({t('journey.near.townGroups', { count: town.groups })})</span>
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
