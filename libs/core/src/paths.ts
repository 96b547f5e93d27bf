import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

let root: string | undefined;

const isRepoRoot = (dir: string): boolean => {
  const manifest = join(dir, 'package.json');
  return (
    existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'commonplace'
  );
};

/**
 * The repository root, found from this file whether it runs from the sources or from dist/: files read at run
 * time (email templates) live beside the sources and are not copied into dist/.
 */
export function repoRoot(): string {
  if (!root) {
    let dir = __dirname;
    while (!isRepoRoot(dir)) {
      const parent = dirname(dir);
      if (parent === dir) throw new Error(`No commonplace package.json above ${__dirname}`);
      dir = parent;
    }
    root = dir;
  }
  return root;
}

export const fromRepoRoot = (...segments: string[]): string => join(repoRoot(), ...segments);
