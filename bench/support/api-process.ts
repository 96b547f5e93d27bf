import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fromRepoRoot } from '@app/core';
import { stopChild } from './child-process';
import type { Cleanup } from './cleanup';

// The server stays where docs/benchmarks.md describes it, next to the first benchmark that used it.
const API_SERVER = join(__dirname, '..', 'discovery', 'api-server.js');

function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

export interface ApiProcessOptions {
  databaseUrl: string;
  redisPrefix: string;
  /** The API writes a V8 CPU profile to var/bench/profiles (open it in Chrome DevTools). */
  profile: boolean;
  /** More environment for the API, over the defaults below. */
  env?: Record<string, string>;
}

export interface ApiProcess {
  /** The API's process. */
  api: ChildProcess;
  port: number;
  /** `http://127.0.0.1:<port>/api/v1` */
  base: string;
}

/** Boots the API (bench/discovery/api-server.ts) on a free loopback port and waits until it listens. */
export async function startApi(cleanup: Cleanup, options: ApiProcessOptions): Promise<ApiProcess> {
  const port = await freeLoopbackPort();
  const profiles = fromRepoRoot('var', 'bench', 'profiles');
  const child = fork(API_SERVER, [], {
    execArgv: options.profile ? ['--cpu-prof', `--cpu-prof-dir=${profiles}`] : [],
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    env: {
      ...process.env,
      NODE_ENV: 'production',
      PORT: String(port),
      DATABASE_URL: options.databaseUrl,
      REDIS_PREFIX: options.redisPrefix,
      JWT_SECRET: randomBytes(32).toString('hex'),
      UNSUBSCRIBE_SECRET: randomBytes(32).toString('hex'),
      BADGE_KEY_ENCRYPTION_KEY: randomBytes(32).toString('hex'),
      ACCESS_TOKEN_TTL_SECONDS: '3600',
      LOG_LEVEL: 'info',
      ...options.env,
    },
  });
  cleanup.add('API', () => stopChild(child));
  await new Promise<void>((resolve, reject) => {
    child.once('message', () => resolve());
    child.once('exit', (code) => reject(new Error(`the API exited with code ${code} before listening`)));
  });
  return { api: child, port, base: `http://127.0.0.1:${port}/api/v1` };
}
