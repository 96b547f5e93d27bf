import { useInfiniteQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { api, problemOf, unwrap } from '../api/client';
import { useMe } from '../api/me';
import { fieldError } from '../api/problem';
import { Field, SelectField } from '../components/field';
import { MeetingTime } from '../components/meeting-time';
import { useI18n } from '../i18n/i18n';
import { browserTimeZone } from '../time/zones';

type Mode = '' | 'online' | 'in-person';
interface Criteria {
  q: string;
  mode: Mode;
  openSeats: boolean;
  fitsMyDay: boolean;
}

/** Everyone's front page: search groups by words, place, open seats and "fits my day". */
export function SearchPage() {
  const { t } = useI18n();
  const me = useMe();
  const viewerZone = me?.timeZone ?? browserTimeZone();
  const [draft, setDraft] = useState<Criteria>({ q: '', mode: '', openSeats: false, fitsMyDay: false });
  const [criteria, setCriteria] = useState<Criteria>(draft);

  const results = useInfiniteQuery({
    queryKey: ['group-search', criteria, viewerZone],
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam }) =>
      unwrap(
        await api.GET('/api/v1/groups/search', {
          params: {
            query: {
              ...(criteria.q.trim() ? { q: criteria.q.trim() } : {}),
              ...(criteria.mode ? { mode: criteria.mode } : {}),
              ...(criteria.openSeats ? { openSeats: true } : {}),
              ...(criteria.fitsMyDay ? { fitsMyDay: true } : {}),
              ...(pageParam ? { cursor: pageParam } : {}),
            },
          },
        }),
      ),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const problem = problemOf(results.error);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setCriteria(draft);
  };

  const groups = results.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <section>
      <h1>{t('search.title')}</h1>
      <form className="search-form" onSubmit={submit} role="search">
        <Field
          label={t('search.text')}
          type="search"
          name="q"
          value={draft.q}
          maxLength={200}
          error={fieldError(problem, 'q')}
          onChange={(e) => setDraft({ ...draft, q: e.target.value })}
        />
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
            disabled={!me}
            onChange={(e) => setDraft({ ...draft, fitsMyDay: e.target.checked })}
          />
          {t('search.fitsMyDay')}
        </label>
        {!me && <p className="hint">{t('search.fitsMyDayNeedsLogin')}</p>}
        <button type="submit">{t('search.submit')}</button>
      </form>

      {results.isPending && <p>{t('loading')}</p>}
      {problem && !problem.errors && <p role="alert">{problem.detail ?? t('error.generic')}</p>}
      {results.isSuccess && groups.length === 0 && <p>{t('search.none')}</p>}
      <ul className="results" aria-live="polite">
        {groups.map((group) => (
          <li key={group.id} className="card">
            <h2>
              <Link to={`/groups/${group.id}`}>{group.name}</Link>
            </h2>
            <p>{group.summary}</p>
            <p className="meta">
              {group.mode === 'online' ? t('group.online') : [group.city, group.country].filter(Boolean).join(', ')}
              {' · '}
              {group.seatsLeft > 0 ? t('group.seatsLeft', { count: group.seatsLeft }) : t('group.full')}
            </p>
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
