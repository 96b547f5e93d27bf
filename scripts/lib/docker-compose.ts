import { spawnSync } from 'node:child_process';
import type { ServiceCheck } from './service-checks';

/** Ports docker-compose.yml publishes on the loopback interface. */
const PUBLISHED_PORT: Record<ServiceCheck['service'], string> = { postgres: '5432', redis: '6379' };

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/** A Docker engine answers and the compose plugin is installed (the client alone is not enough). */
export function dockerComposeAvailable(): boolean {
  const succeeds = (args: string[]): boolean =>
    spawnSync('docker', args, { stdio: 'ignore', timeout: 15_000 }).status === 0;
  return succeeds(['info']) && succeeds(['compose', 'version']);
}

/** Containers on this machine can only replace servers configured at the local ports the compose file publishes. */
export function composeCanServe(check: ServiceCheck): boolean {
  const url = new URL(check.url);
  return LOOPBACK.has(url.hostname) && (url.port || PUBLISHED_PORT[check.service]) === PUBLISHED_PORT[check.service];
}

/** `docker compose up -d --wait ...services`, its progress shown on this terminal. Returns whether it succeeded. */
export function composeUp(root: string, services: string[], env: NodeJS.ProcessEnv): boolean {
  const result = spawnSync('docker', ['compose', 'up', '-d', '--wait', ...services], {
    cwd: root,
    stdio: 'inherit',
    // Compose resolves `${JWT_SECRET:?...}` (and UNSUBSCRIBE_SECRET's) for every service, even those not started:
    // give them values so that starting postgres/redis/mailpit does not require secrets they never see.
    env: {
      ...env,
      JWT_SECRET: env.JWT_SECRET || 'not-used-by-postgres-redis-or-mailpit',
      UNSUBSCRIBE_SECRET: env.UNSUBSCRIBE_SECRET || 'not-used-by-postgres-redis-or-mailpit',
    },
  });
  return result.status === 0;
}
