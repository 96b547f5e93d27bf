import { keptResults } from './kept-results';

describe('keptResults', () => {
  it('computes a key once, and again only after the bound made it forget', () => {
    const kept = keptResults<string>(2);
    const computed: string[] = [];
    const get = (key: string) =>
      kept(key, () => {
        computed.push(key);
        return key.toUpperCase();
      });

    expect([get('a'), get('b'), get('a'), get('b')]).toEqual(['A', 'B', 'A', 'B']);
    expect(computed).toEqual(['a', 'b']);
    // A third key would exceed the bound: all are forgotten, then recomputed as they come back.
    expect([get('c'), get('a')]).toEqual(['C', 'A']);
    expect(computed).toEqual(['a', 'b', 'c', 'a']);
  });
});
