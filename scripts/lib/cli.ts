import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ConfigError } from '@app/core';

/** A failure whose message already tells the person what to do: printed without a stack trace. */
export class StartupError extends Error {
  override readonly name = 'StartupError';
}

/** The folder holding package.json, from scripts/ and from dist/scripts/ alike. */
export function repoRoot(from = __dirname): string {
  let dir = from;
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`No package.json above ${from}`);
    dir = parent;
  }
  return dir;
}

/** Runs a script's main function and exits with its code; expected failures print their message only. */
export function runCli(main: () => Promise<number>): void {
  main().then(
    (code) => process.exit(code),
    (err: unknown) => {
      console.error(err instanceof StartupError || err instanceof ConfigError ? err.message : err);
      process.exit(1);
    },
  );
}
