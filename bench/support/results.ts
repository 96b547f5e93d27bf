import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fromRepoRoot } from '@app/core';

/** Saves `result` as var/bench/<bench>-<date>.json; returns the file's path. */
export function saveResult(bench: string, result: { date: string }): string {
  const dir = fromRepoRoot('var', 'bench');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${bench}-${result.date.replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, JSON.stringify(result, null, 2));
  return file;
}
