/**
 * Keeps the results of a pure, costly function by key, at most `max` of them (past that all are forgotten at
 * once: simpler than an LRU, and the bound is far above what a process uses). Callers key by every argument.
 */
export function keptResults<R>(max: number): (key: string, compute: () => R) => R {
  const results = new Map<string, R>();
  return (key, compute) => {
    let result = results.get(key);
    if (result === undefined) {
      if (results.size >= max) results.clear();
      result = compute();
      results.set(key, result);
    }
    return result;
  };
}
