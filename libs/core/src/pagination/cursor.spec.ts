import fc from 'fast-check';
import { InvalidInputError } from '../errors/domain-error';
import { decodeCursor, encodeCursor, toPage } from './cursor';

describe('cursor pagination', () => {
  it('round-trips any position', () => {
    fc.assert(
      fc.property(fc.string(), fc.uuid(), (after, id) => {
        expect(decodeCursor(encodeCursor({ after, id }), () => true)).toEqual({ after, id });
      }),
    );
  });

  it('answers a cursor it did not issue with a 400-class error naming the field', () => {
    const tampered = encodeCursor({ after: "2026-01-01'; DROP TABLE users;--", id: 'not-a-uuid' });
    for (const bad of [
      'garbage',
      '',
      tampered,
      Buffer.from('[1,2]').toString('base64url'),
      Buffer.from('{}').toString('base64url'),
    ]) {
      try {
        decodeCursor(bad);
        throw new Error('accepted ' + bad);
      } catch (error) {
        expect(error).toBeInstanceOf(InvalidInputError);
        expect((error as InvalidInputError).fields[0]?.field).toBe('cursor');
      }
    }
  });

  it('offers a next cursor only when more rows exist', () => {
    const rows = [1, 2, 3].map((n) => ({ id: `id${n}`, at: `t${n}` }));
    const position = (r: { id: string; at: string }) => ({ after: r.at, id: r.id });
    const full = toPage(rows, 2, position);
    expect(full.items).toHaveLength(2);
    expect(decodeCursor(full.nextCursor!, () => true)).toEqual({ after: 't2', id: 'id2' });
    expect(toPage(rows.slice(0, 2), 2, position).nextCursor).toBeNull();
  });
});
