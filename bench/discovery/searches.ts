import {
  availabilityToWeekSpans,
  buildGroupSearchQuery,
  toMultirangeLiteral,
  toPrefixTsquery,
  type GroupSearchFilter,
} from '@app/groups';
import type { AvailabilityWindow } from '@app/identity';
import { seededRandom } from '../../libs/core/src/testing/seeded-random';
import { PLACES } from './seed';

/** The searches of the benchmark: who searches, for what, in which language; the same in every run. */

export const PAGE_SIZE = 20;

/** Hours people keep free, local to their own zone. */
const weekdays = (start: string, end: string): AvailabilityWindow[] =>
  [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start, end }));
const weekend = (start: string, end: string): AvailabilityWindow[] =>
  [6, 7].map((weekday) => ({ weekday, start, end }));
const AVAILABILITY: AvailabilityWindow[][] = [
  weekdays('18:00', '22:00'),
  [...weekdays('18:00', '22:00'), ...weekend('09:00', '18:00')],
  weekdays('06:00', '09:30'),
  weekend('08:00', '20:00'),
  [...weekdays('20:00', '24:00'), ...weekdays('12:00', '14:00')],
  [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '07:00', end: '22:00' })),
];

/** What people type: topic words, prefixes, two-word topics. */
const TERMS = [
  'biogas',
  'python',
  'solar',
  'permaculture',
  'statistics',
  'web development',
  'health',
  'machine learning',
  'writing',
  'first aid',
  'beekeeping',
  'compost',
  'water',
  'bicycle',
  'arduino',
  'photo',
  'garden',
  'chess',
  'astronomy',
  'climate',
  'linux',
  'design',
  'music',
  'cooking',
  'history',
  'physics',
  'open source',
  'data',
  'economics',
  'sewing',
];

export interface Searcher {
  email: string;
  zone: string;
  language: string;
  availability: AvailabilityWindow[];
}

export interface Search {
  searcher: Searcher;
  term: string;
  language: string;
}

/** People in every zone of the seed, each with hours of their own. */
export function makeSearchers(count: number): Searcher[] {
  return Array.from({ length: count }, (_, i) => {
    const place = PLACES[(i * 7) % PLACES.length]!;
    return {
      email: `searcher-${i}@bench.invalid`,
      zone: place.zone,
      language: place.language,
      availability: AVAILABILITY[i % AVAILABILITY.length]!,
    };
  });
}

/** Ten searches per person: their language mostly, English sometimes; terms spread over popular and rare. */
export function makeSearches(searchers: Searcher[]): Search[] {
  const pick = seededRandom(42);
  return searchers.flatMap((searcher) =>
    Array.from({ length: 10 }, () => ({
      searcher,
      term: TERMS[Math.floor(pick() * TERMS.length)]!,
      language: pick() < 0.8 ? searcher.language : 'en',
    })),
  );
}

/** The query string the API gets for a search. */
export const httpPathOf = (s: Search): string =>
  `/api/v1/groups/search?q=${encodeURIComponent(s.term)}&language=${s.language}` +
  `&fitsMyDay=true&openSeats=true&limit=${PAGE_SIZE}`;

/** The SQL the API sends for a search at `now`, built by the same code, with values as they travel over IPC. */
export function sqlOf(s: Search, now: Date): { text: string; values: unknown[] } {
  const filter: GroupSearchFilter = {
    textQuery: toPrefixTsquery(s.term) ?? undefined,
    language: s.language,
    withOpenSeats: true,
    fitsWithin: toMultirangeLiteral(availabilityToWeekSpans(s.searcher.availability, s.searcher.zone, now)),
  };
  const { text, values } = buildGroupSearchQuery(filter, { limit: PAGE_SIZE, now });
  return { text, values: values.map((v) => (v instanceof Date ? v.toISOString() : v)) };
}
