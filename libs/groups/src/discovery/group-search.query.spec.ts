import fc from 'fast-check';
import { GroupMode } from '../study-group.entity';
import { buildGroupSearchQuery, languageFacet, type GroupSearchFilter } from './group-search.query';

const now = new Date('2026-03-02T12:00:00Z');
const ID = '3f1c9a52-7d1e-4c55-9d7a-0b8e2a6f4c11';

const filterArb: fc.Arbitrary<GroupSearchFilter> = fc.record(
  {
    textQuery: fc.constant("'biogas':*"),
    topic: fc.constant('Biogas  Basics'),
    language: fc.constantFrom('es', 'pt-BR'),
    mode: fc.constantFrom(GroupMode.Online, GroupMode.InPerson),
    near: fc.constant({ latitude: -16.5, longitude: -68.15, radiusKm: 25 }),
    withOpenSeats: fc.boolean(),
    startsFrom: fc.constant(now),
    startsBefore: fc.constant(now),
    fitsWithin: fc.constant('{[2760,2880)}'),
  },
  { requiredKeys: [] },
);

describe('the group search statement', () => {
  it('numbers its parameters exactly: each value is used, none is missing (property)', () => {
    fc.assert(
      fc.property(filterArb, fc.boolean(), (filter, paged) => {
        const after = paged ? { key: filter.textQuery ? '0.5' : 'infinity', id: ID } : undefined;
        const { text, values } = buildGroupSearchQuery(filter, { limit: 20, after, now });
        const used = new Set([...text.matchAll(/\$(\d+)/g)].map((m) => Number(m[1])));
        expect([...used].sort((a, b) => a - b)).toEqual(values.map((_, i) => i + 1));
      }),
    );
  });

  it('reads only public groups and never the meeting link, invite code or signup questions', () => {
    fc.assert(
      fc.property(filterArb, (filter) => {
        const { text } = buildGroupSearchQuery(filter, { limit: 20, now });
        expect(text).toContain(`g.visibility = 'public'`);
        expect(text).not.toMatch(/meeting_link|invite_code|signup_questions|g\.\*/);
      }),
    );
  });

  it('asks one more row than the page, and normalizes the topic', () => {
    const { values } = buildGroupSearchQuery({ topic: '  Biogas   Basics ' }, { limit: 20, now });
    expect(values).toContain(21);
    expect(values).toContain('biogas basics');
  });

  it('asks the index for the language facet only along with text', () => {
    const withText = buildGroupSearchQuery({ textQuery: "'solar':*", language: 'es-BO' }, { limit: 5, now });
    expect(withText.values).toContain("'~lang=es-bo'");
    expect(languageFacet('pt-BR')).toBe("'~lang=pt-br'");
    expect(languageFacet("es' | 'x")).toBe("'~lang=esx'");
    const alone = buildGroupSearchQuery({ language: 'es' }, { limit: 5, now });
    expect(alone.text).not.toContain('~lang');
  });

  it('orders text searches by relevance and the others by first meeting, each with its keyset', () => {
    const relevance = buildGroupSearchQuery({ textQuery: "'x'" }, { limit: 5, now, after: { key: '0.5', id: ID } });
    expect(relevance.text).toMatch(/c\.rank < \$\d+::real OR \(c\.rank = \$\d+::real AND c\.id > \$\d+::uuid\)/);
    expect(relevance.text).toContain('ORDER BY p.sort_rank DESC, p.id');
    const start = buildGroupSearchQuery({}, { limit: 5, now, after: { key: 'infinity', id: ID } });
    expect(start.text).toContain(`(COALESCE(g.first_meeting_at, 'infinity'::timestamptz), g.id) > (`);
    expect(start.text).toContain('ORDER BY p.sort_start, p.id');
  });
});
