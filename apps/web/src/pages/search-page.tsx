import { useInfiniteQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { api, problemOf, unwrap } from '../api/client';
import { useMe } from '../api/me';
import { fieldError } from '../api/problem';
import type { components } from '../api/schema';
import { Field, SelectField } from '../components/field';
import { MeetingTime } from '../components/meeting-time';
import { TownPicker } from '../components/town-picker';
import { NO_HOURS, WeeklyHoursPicker, availabilityParam, badDays, type WeeklyHours } from '../components/weekly-hours';
import { useI18n } from '../i18n/i18n';
import { browserTimeZone } from '../time/zones';

export type DiscoveredGroup = components['schemas']['DiscoveredGroupDto'];
type Mode = '' | 'online' | 'in-person';
interface Place {
  lat: number;
  lon: number;
  /** The town picked by name; none for the browser's location. */
  name?: string;
}
interface Criteria {
  q: string;
  topic: string;
  language: string;
  mode: Mode;
  openSeats: boolean;
  fitsMyDay: boolean;
  hours: WeeklyHours;
  place: Place | null;
  radiusKm: string;
}

/** Languages offered in the filter; the API takes any BCP 47 tag and "es" also finds "es-BO". */
const GROUP_LANGUAGES = ['en', 'es', 'fr', 'pt', 'de', 'sw', 'ar', 'hi'] as const;
/** GroupSearchQueryDto's limits, checked here first so the field says so before a round trip. */
const RADIUS = { min: 0.1, max: 500 };
const TOPIC_MAX = 120;

const EMPTY: Criteria = {
  q: '',
  topic: '',
  language: '',
  mode: '',
  openSeats: false,
  fitsMyDay: false,
  hours: NO_HOURS,
  place: null,
  radiusKm: '25',
};

function radiusOk(radiusKm: string): boolean {
  const value = Number(radiusKm);
  return radiusKm.trim() !== '' && Number.isFinite(value) && value >= RADIUS.min && value <= RADIUS.max;
}

/**
 * Everyone's front page: search groups by words, topic, language, place, open seats and "fits my day". Signed in,
 * "fits my day" reads the profile's weekly availability; without an account, the person ticks their free hours here
 * and they travel as the API's `availability`, read in the browser's zone.
 */
export function SearchPage() {
  const { t, language } = useI18n();
  const me = useMe();
  const viewerZone = me?.timeZone ?? browserTimeZone();
  const [draft, setDraft] = useState<Criteria>(EMPTY);
  const [criteria, setCriteria] = useState<Criteria>(draft);
  const [checked, setChecked] = useState(false);
  const [locating, setLocating] = useState<'idle' | 'busy' | 'failed'>('idle');

  const anonymousHours = !me && criteria.fitsMyDay ? availabilityParam(criteria.hours) : '';
  const results = useInfiniteQuery({
    queryKey: ['group-search', criteria, viewerZone, me?.id ?? null],
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam }) =>
      unwrap(
        await api.GET('/api/v1/groups/search', {
          params: {
            query: {
              ...(criteria.q.trim() ? { q: criteria.q.trim() } : {}),
              ...(criteria.topic.trim() ? { topic: criteria.topic.trim() } : {}),
              ...(criteria.language ? { language: criteria.language } : {}),
              ...(criteria.mode ? { mode: criteria.mode } : {}),
              ...(criteria.openSeats ? { openSeats: true } : {}),
              ...(criteria.fitsMyDay ? { fitsMyDay: true } : {}),
              ...(anonymousHours ? { availability: anonymousHours } : {}),
              ...(me ? {} : { timeZone: viewerZone }),
              ...(criteria.place
                ? { lat: criteria.place.lat, lon: criteria.place.lon, radiusKm: Number(criteria.radiusKm) }
                : {}),
              ...(pageParam ? { cursor: pageParam } : {}),
            },
          },
        }),
      ),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const problem = problemOf(results.error);

  const noDayTicked = !me && draft.fitsMyDay && availabilityParam(draft.hours) === '';
  const radiusWrong = draft.place !== null && !radiusOk(draft.radiusKm);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setChecked(true);
    const hoursWrong = !me && draft.fitsMyDay && (noDayTicked || badDays(draft.hours).length > 0);
    if (hoursWrong || radiusWrong) return;
    setCriteria(draft);
  };

  const locate = () => {
    if (!navigator.geolocation) return setLocating('failed');
    setLocating('busy');
    navigator.geolocation.getCurrentPosition(
      (position) => {
        setLocating('idle');
        setDraft((d) => ({ ...d, place: { lat: position.coords.latitude, lon: position.coords.longitude } }));
      },
      () => setLocating('failed'),
      { maximumAge: 600_000, timeout: 10_000 },
    );
  };

  const languageNames = new Intl.DisplayNames([language], { type: 'language' });
  const groups = results.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <section>
      <h1>{t('search.title')}</h1>
      <form className="search-form" onSubmit={submit} role="search" noValidate>
        <Field
          label={t('search.text')}
          type="search"
          name="q"
          value={draft.q}
          maxLength={200}
          error={fieldError(problem, 'q')}
          onChange={(e) => setDraft({ ...draft, q: e.target.value })}
        />
        <Field
          label={t('journey.topic')}
          name="topic"
          value={draft.topic}
          maxLength={TOPIC_MAX}
          error={fieldError(problem, 'topic')}
          onChange={(e) => setDraft({ ...draft, topic: e.target.value })}
        />
        <SelectField
          label={t('journey.language')}
          name="language"
          value={draft.language}
          error={fieldError(problem, 'language')}
          onChange={(e) => setDraft({ ...draft, language: e.target.value })}
        >
          <option value="">{t('journey.language.any')}</option>
          {GROUP_LANGUAGES.map((tag) => (
            <option key={tag} value={tag}>
              {languageNames.of(tag) ?? tag}
            </option>
          ))}
        </SelectField>
        <SelectField
          label={t('search.mode')}
          name="mode"
          value={draft.mode}
          onChange={(e) => setDraft({ ...draft, mode: e.target.value as Mode })}
        >
          <option value="">{t('search.mode.any')}</option>
          <option value="online">{t('search.mode.online')}</option>
          <option value="in-person">{t('search.mode.inPerson')}</option>
        </SelectField>
        {draft.mode !== 'online' && (
          <fieldset className="near">
            <legend>{t('journey.near.title')}</legend>
            {draft.place ? (
              <>
                <p>
                  {draft.place.name ? t('journey.near.named', { town: draft.place.name }) : t('journey.near.using')}
                </p>
                <Field
                  label={t('journey.near.radius')}
                  name="radiusKm"
                  type="number"
                  inputMode="decimal"
                  min={RADIUS.min}
                  max={RADIUS.max}
                  step="any"
                  value={draft.radiusKm}
                  error={
                    (checked && radiusWrong ? t('journey.near.radiusRange') : undefined) ??
                    fieldError(problem, 'radiusKm')
                  }
                  onChange={(e) => setDraft({ ...draft, radiusKm: e.target.value })}
                />
                <button type="button" className="secondary" onClick={() => setDraft({ ...draft, place: null })}>
                  {draft.place.name ? t('journey.near.clearTown') : t('journey.near.clear')}
                </button>
              </>
            ) : (
              <>
                <button type="button" className="secondary" onClick={locate} disabled={locating === 'busy'}>
                  {t('journey.near.useLocation')}
                </button>
                <TownPicker onPick={(town) => setDraft((d) => ({ ...d, place: town }))} />
              </>
            )}
            {locating === 'failed' && <p role="alert">{t('journey.near.unavailable')}</p>}
            {(fieldError(problem, 'lat') ?? fieldError(problem, 'lon')) && (
              <p className="field-error" role="alert">
                {fieldError(problem, 'lat') ?? fieldError(problem, 'lon')}
              </p>
            )}
          </fieldset>
        )}
        <label className="check">
          <input
            type="checkbox"
            name="openSeats"
            checked={draft.openSeats}
            onChange={(e) => setDraft({ ...draft, openSeats: e.target.checked })}
          />
          {t('search.openSeats')}
        </label>
        <label className="check">
          <input
            type="checkbox"
            name="fitsMyDay"
            checked={draft.fitsMyDay}
            onChange={(e) => setDraft({ ...draft, fitsMyDay: e.target.checked })}
          />
          {t('search.fitsMyDay')}
        </label>
        {!me && draft.fitsMyDay && (
          <WeeklyHoursPicker
            hours={draft.hours}
            zone={viewerZone}
            error={(checked && noDayTicked ? t('journey.free.none') : undefined) ?? fieldError(problem, 'availability')}
            onChange={(hours) => setDraft({ ...draft, hours })}
          />
        )}
        <button type="submit">{t('search.submit')}</button>
      </form>

      {results.isPending && <p>{t('loading')}</p>}
      {problem && !problem.errors && <p role="alert">{problem.detail ?? t('error.generic')}</p>}
      {results.isSuccess && groups.length === 0 && <p>{t('search.none')}</p>}
      <ul className="results" aria-live="polite">
        {groups.map((group) => (
          <li key={group.id} className="card">
            <h2>
              {/* The result travels with the link: an anonymous visitor sees the group's public face from it. */}
              <Link to={`/groups/${group.id}`} state={{ group }}>
                {group.name}
              </Link>
            </h2>
            <p>{group.summary}</p>
            <GroupFacts group={group} />
            <p className="meta">
              {t('group.nextMeeting')}:{' '}
              {group.nextMeeting ? (
                <MeetingTime utc={group.nextMeeting.utc} viewerZone={viewerZone} groupZone={group.timeZone} />
              ) : (
                t('group.noMeeting')
              )}
            </p>
          </li>
        ))}
      </ul>
      {results.hasNextPage && (
        <button type="button" onClick={() => void results.fetchNextPage()} disabled={results.isFetchingNextPage}>
          {t('search.more')}
        </button>
      )}
    </section>
  );
}

/** Where a found group meets, how far, and its seats. */
export function GroupFacts({ group }: { group: DiscoveredGroup }) {
  const { t, language } = useI18n();
  const place = group.mode === 'online' ? t('group.online') : [group.city, group.country].filter(Boolean).join(', ');
  return (
    <p className="meta">
      {place}
      {group.distanceKm !== null && (
        <>
          {' · '}
          {t('journey.near.distance', {
            km: new Intl.NumberFormat(language, { maximumFractionDigits: 1 }).format(group.distanceKm),
          })}
        </>
      )}
      {' · '}
      <span className="seats">
        {group.seatsLeft > 0 ? t('group.seatsLeft', { count: group.seatsLeft }) : t('group.full')}
      </span>
    </p>
  );
}
