import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { fromRepoRoot } from '@app/core';
import type { ApiProcessStats } from '../discovery/api-server';
import { stopChild } from './child-process';
import type { Cleanup } from './cleanup';
import { ChildRequests } from './ipc';

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
  /** API_PROCESSES: 0 (the default) one per core, as in production. */
  processes?: number;
}

export interface ApiProcess {
  /** The API's process (the cluster's primary when it runs several). */
  api: ChildProcess;
  /** Requests to the API processes (api-server.ts): each is answered with one body per process. */
  requests: ChildRequests;
  /** Every process of the API: the primary and its workers. */
  pids: () => number[];
  /** Event loop and heap of each API process since the last call. */
  stats: () => Promise<ApiProcessStats[]>;
  port: number;
  /** `http://127.0.0.1:<port>/api/v1` */
  base: string;
}

/** A process's children (Linux: /proc/<pid>/task/<tid>/children), none once it is gone. */
function childrenOf(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').split(' ').filter(Boolean).map(Number);
  } catch {
    return [];
  }
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
      API_PROCESSES: String(options.processes ?? 0),
      ...options.env,
    },
  });
  cleanup.add('API', () => stopChild(child));
  await new Promise<void>((resolve, reject) => {
    child.once('message', () => resolve());
    child.once('exit', (code) => reject(new Error(`the API exited with code ${code} before listening`)));
  });
  const requests = new ChildRequests(child);
  return {
    api: child,
    requests,
    pids: () => (child.pid ? [child.pid, ...childrenOf(child.pid)] : []),
    stats: () => requests.request<ApiProcessStats[]>({ stats: true }),
    port,
    base: `http://127.0.0.1:${port}/api/v1`,
  };
}
