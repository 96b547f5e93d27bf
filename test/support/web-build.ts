import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const WEB = join(ROOT, 'apps', 'web');
const BUILT_PAGE = join(WEB, 'dist', 'index.html');

/**
 * Builds the web app (apps/web/dist, which the test API serves as production does) when its sources changed
 * since the last build: a second or two, once per jest run, from the global setup.
 */
export function ensureWebBuild(): void {
  if (existsSync(BUILT_PAGE) && statSync(BUILT_PAGE).mtimeMs >= newestSource()) return;
  execFileSync(join(ROOT, 'node_modules', '.bin', 'vite'), ['build', WEB, '--logLevel', 'warn'], {
    cwd: ROOT,
    stdio: 'inherit',
    // Jest sets NODE_ENV=test, with which Vite would bundle React's development build (half as big again, slower):
    // the tests drive the build people get.
    env: { ...process.env, NODE_ENV: 'production' },
  });
}

function newestSource(): number {
  const walk = (path: string): number => {
    const stat = statSync(path);
    if (!stat.isDirectory()) return stat.mtimeMs;
    return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => walk(join(path, name))));
  };
  return Math.max(...['src', 'public', 'index.html', 'vite.config.mts'].map((p) => walk(join(WEB, p))));
}
