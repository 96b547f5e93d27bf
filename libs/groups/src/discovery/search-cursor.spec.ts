import fc from 'fast-check';
import { encodeCursor, InvalidInputError } from '@app/core';
import { GroupSearchOrder } from './group-search.query';
import { decodeSearchCursor, encodeSearchCursor } from './search-cursor';

const ID = '3f1c9a52-7d1e-4c55-9d7a-0b8e2a6f4c11';

describe('search cursors', () => {
  it('round-trip the sort key PostgreSQL printed, for each order', () => {
    for (const [order, key] of [
      [GroupSearchOrder.Relevance, '0.0607927'],
      [GroupSearchOrder.Relevance, '1e-20'],
      [GroupSearchOrder.Start, '2026-03-03 22:00:00.123456+00'],
      [GroupSearchOrder.Start, 'infinity'],
    ] as const) {
      expect(decodeSearchCursor(encodeSearchCursor(order, { key, id: ID }), order)).toEqual({ key, id: ID });
    }
  });

  it('refuses the cursor of the other order', () => {
    const relevance = encodeSearchCursor(GroupSearchOrder.Relevance, { key: '0.5', id: ID });
    expect(() => decodeSearchCursor(relevance, GroupSearchOrder.Start)).toThrow(InvalidInputError);
    const start = encodeSearchCursor(GroupSearchOrder.Start, { key: 'infinity', id: ID });
    expect(() => decodeSearchCursor(start, GroupSearchOrder.Relevance)).toThrow(InvalidInputError);
  });

  it.each([
    ['a rank that is no number', { after: 'r:0.5; DROP TABLE', id: ID }, GroupSearchOrder.Relevance],
    ['a negative rank', { after: 'r:-1', id: ID }, GroupSearchOrder.Relevance],
    ['a start that is no time', { after: 's:yesterday', id: ID }, GroupSearchOrder.Start],
    ['an id that is no UUID', { after: 's:infinity', id: '42' }, GroupSearchOrder.Start],
    ['no order at all', { after: '2026-03-03 22:00:00+00', id: ID }, GroupSearchOrder.Start],
  ])('refuses %s', (_, position, order) => {
    expect(() => decodeSearchCursor(encodeCursor(position), order)).toThrow(InvalidInputError);
  });

  it('answers any string with a position or a 400, never anything else (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 500 }), fc.constantFrom(...Object.values(GroupSearchOrder)), (text, order) => {
        try {
          const { key, id } = decodeSearchCursor(text, order);
          expect(typeof key).toBe('string');
          expect(typeof id).toBe('string');
        } catch (err) {
          expect(err).toBeInstanceOf(InvalidInputError);
        }
      }),
      { numRuns: 1000 },
    );
  });
});
