import { Client } from 'pg';

export interface StatementCounts {
  /** Statements sent by every `pg` client of this process (BEGIN and COMMIT included). */
  total: number;
  /** By first keyword: SELECT, INSERT, UPDATE, WITH, START, COMMIT... */
  byKeyword: Record<string, number>;
  /** By statement text (whitespace collapsed, parameters and VALUES lists folded, cut at 200 characters). */
  byText: Record<string, number>;
}

/** Distinct texts kept; the rest is counted under one key, so a statement built with literals cannot grow memory. */
const MAX_TEXTS = 300;
const OTHER = '(other statements)';

function textOf(query: unknown): string {
  if (typeof query === 'string') return query;
  const text = (query as { text?: unknown } | null)?.text;
  return typeof text === 'string' ? text : '(not a text query)';
}

const fold = (text: string): string =>
  text
    .replace(/\s+/g, ' ')
    .replace(/\$\d+/g, '$')
    .replace(/(\([^()]*\)(::\w+(\[\])?)?,\s*){2,}/g, '(...), ')
    .trim()
    .slice(0, 200);

/**
 * Counts the statements this process sends through `pg`, from the client side: wraps `Client.prototype.query`,
 * which TypeORM's pool clients use for every statement. For a benchmark's child process (a few string operations
 * per statement); the application's code is left as it is. Returns a function that reads the counts so far.
 */
export function countStatements(): () => StatementCounts {
  let total = 0;
  const byKeyword = new Map<string, number>();
  const byText = new Map<string, number>();
  const prototype = Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const original = prototype.query;
  prototype.query = function countedQuery(this: unknown, ...args: unknown[]): unknown {
    total += 1;
    const text = textOf(args[0]);
    const keyword = (/^\s*(\w+)/.exec(text)?.[1] ?? '?').toUpperCase();
    byKeyword.set(keyword, (byKeyword.get(keyword) ?? 0) + 1);
    let key = fold(text);
    if (!byText.has(key) && byText.size >= MAX_TEXTS) key = OTHER;
    byText.set(key, (byText.get(key) ?? 0) + 1);
    return original.apply(this, args);
  };
  return () => ({ total, byKeyword: Object.fromEntries(byKeyword), byText: Object.fromEntries(byText) });
}

/** What happened between two readings of the same counter. */
export function statementsBetween(before: StatementCounts, after: StatementCounts): StatementCounts {
  const minus = (a: Record<string, number>, b: Record<string, number>): Record<string, number> =>
    Object.fromEntries(
      Object.entries(a)
        .map(([key, n]): [string, number] => [key, n - (b[key] ?? 0)])
        .filter(([, n]) => n > 0),
    );
  return {
    total: after.total - before.total,
    byKeyword: minus(after.byKeyword, before.byKeyword),
    byText: minus(after.byText, before.byText),
  };
}

/** Sums the counts of several processes. */
export function sumStatements(all: StatementCounts[]): StatementCounts {
  const add = (into: Record<string, number>, from: Record<string, number>): void => {
    for (const [key, n] of Object.entries(from)) into[key] = (into[key] ?? 0) + n;
  };
  const sum: StatementCounts = { total: 0, byKeyword: {}, byText: {} };
  for (const counts of all) {
    sum.total += counts.total;
    add(sum.byKeyword, counts.byKeyword);
    add(sum.byText, counts.byText);
  }
  return sum;
}
