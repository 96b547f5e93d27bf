import fc from 'fast-check';
import { jsonShapeProblem, MAX_JSON_ARRAY_LENGTH, MAX_JSON_DEPTH, MAX_JSON_OBJECT_KEYS } from './json-shape';

const shapeOf = (text: string): string | undefined => jsonShapeProblem(Buffer.from(text, 'utf8'));
const nested = (depth: number): string => `${'['.repeat(depth)}${']'.repeat(depth)}`;

/** Depth of a parsed value, the slow and obvious way, to check the byte scanner against. */
function depthOf(value: unknown): number {
  if (Array.isArray(value)) return 1 + Math.max(0, ...value.map(depthOf));
  if (typeof value === 'object' && value !== null) return 1 + Math.max(0, ...Object.values(value).map(depthOf));
  return 0;
}

describe('jsonShapeProblem', () => {
  it(`accepts ${MAX_JSON_DEPTH} levels of nesting and refuses one more`, () => {
    expect(shapeOf(nested(MAX_JSON_DEPTH))).toBeUndefined();
    expect(shapeOf(nested(MAX_JSON_DEPTH + 1))).toMatch(/deeper than 32 levels/);
    expect(shapeOf(`{"a":${nested(5000)}}`)).toMatch(/deeper than 32 levels/);
  });

  it(`accepts ${MAX_JSON_ARRAY_LENGTH} items in a list and ${MAX_JSON_OBJECT_KEYS} keys in an object, not more`, () => {
    const list = (n: number): string => JSON.stringify({ a: new Array<number>(n).fill(0) });
    const object = (n: number): string =>
      JSON.stringify(Object.fromEntries(Array.from({ length: n }, (_, i) => [i, i])));
    expect(shapeOf(list(MAX_JSON_ARRAY_LENGTH))).toBeUndefined();
    expect(shapeOf(list(MAX_JSON_ARRAY_LENGTH + 1))).toMatch(/more than 10000 items/);
    expect(shapeOf(object(MAX_JSON_OBJECT_KEYS))).toBeUndefined();
    expect(shapeOf(object(MAX_JSON_OBJECT_KEYS + 1))).toMatch(/more than 1000 keys/);
  });

  it('counts members per container: many small lists are fine', () => {
    const rows = Array.from({ length: 900 }, () => ({ a: [1, 2, 3], b: 'x' }));
    expect(shapeOf(JSON.stringify({ rows }))).toBeUndefined();
  });

  it('ignores brackets, commas and escaped quotes inside strings', () => {
    const text = JSON.stringify({ a: '['.repeat(100) + '\\"{,,,'.repeat(5000) + '"]]' });
    expect(shapeOf(text)).toBeUndefined();
  });

  it('agrees with the depth of the parsed value, for any JSON', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 40 }), (value) => {
        const refused = shapeOf(JSON.stringify(value)) !== undefined;
        expect(refused).toBe(depthOf(value) > MAX_JSON_DEPTH);
      }),
      { numRuns: 300 },
    );
  });

  it('never throws on text that is not JSON', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => jsonShapeProblem(bytes) !== null));
  });
});
