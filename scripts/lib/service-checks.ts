import Redis from 'ioredis';
import { Client } from 'pg';
import type { AppConfig } from '@app/core';

export type ServiceName = 'postgres' | 'redis';

/** The outcome of asking one server who it is. `url` is the configured one; `redactUrl` it before printing. */
export type ServiceCheck = AnsweringService | UnreachableService;
export interface AnsweringService {
  service: ServiceName;
  url: string;
  state: 'ok' | 'too-old';
  version: string;
}
export interface UnreachableService {
  service: ServiceName;
  url: string;
  state: 'unreachable';
  error: string;
}

interface ServiceFacts {
  label: string;
  envVar: string;
  minMajor: number;
  /** A URL to copy when the server runs elsewhere. */
  example: string;
  /** How to start it on Debian/Ubuntu without Docker. */
  debian: string;
}

export const SERVICES: Record<ServiceName, ServiceFacts> = {
  postgres: {
    label: 'PostgreSQL',
    envVar: 'DATABASE_URL',
    minMajor: 15,
    example: 'postgres://user:password@host:5432/commonplace',
    debian: 'sudo pg_ctlcluster 15 main start   (`pg_lsclusters` lists your clusters)',
  },
  redis: {
    label: 'Redis',
    envVar: 'REDIS_URL',
    minMajor: 7,
    example: 'redis://host:6379',
    debian: 'redis-server --daemonize yes',
  },
};

const DEFAULT_TIMEOUT_MS = 3000;

/** The same server, database `postgres`: it exists before ours does, so we can check and create ours from it. */
export function serverLevelUrl(databaseUrl: string): string {
  const url = new URL(databaseUrl);
  url.pathname = '/postgres';
  return url.toString();
}

export function databaseName(databaseUrl: string): string {
  const name = decodeURIComponent(new URL(databaseUrl).pathname.slice(1));
  if (!name) throw new Error('DATABASE_URL must name a database, e.g. postgres://postgres@localhost:5432/commonplace');
  return name;
}

/** A URL safe to print: the password (if any) replaced. */
export function redactUrl(raw: string): string {
  try {
    const url = new URL(raw);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    return '(unparseable URL)';
  }
}

/** `SHOW server_version_num` (e.g. 150020, or 90624 before PostgreSQL 10) as "15.20" / "9.6.24". */
export function postgresVersionText(versionNum: number): string {
  const major = Math.floor(versionNum / 10000);
  return major >= 10
    ? `${major}.${versionNum % 10000}`
    : `${major}.${Math.floor(versionNum / 100) % 100}.${versionNum % 100}`;
}

/** The `redis_version` field of `INFO server`. */
export function redisVersionFromInfo(info: string): string | undefined {
  return /^redis_version:(\S+)/m.exec(info)?.[1];
}

export function isSupportedVersion(service: ServiceName, version: string): boolean {
  const major = Number.parseInt(version, 10);
  return Number.isInteger(major) && major >= SERVICES[service].minMajor;
}

export async function checkPostgres(databaseUrl: string, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<ServiceCheck> {
  const client = new Client({
    connectionString: serverLevelUrl(databaseUrl),
    connectionTimeoutMillis: timeoutMs,
    query_timeout: timeoutMs,
  });
  client.on('error', () => undefined); // a dropped connection is reported through the rejected promise
  try {
    await client.connect();
    const { rows } = await client.query<{ server_version_num: string }>('SHOW server_version_num');
    const version = postgresVersionText(Number(rows[0]?.server_version_num));
    return { service: 'postgres', url: databaseUrl, state: verdict('postgres', version), version };
  } catch (err) {
    return { service: 'postgres', url: databaseUrl, state: 'unreachable', error: errorText(err) };
  } finally {
    await client.end().catch(() => undefined);
  }
}

export async function checkRedis(redisUrl: string, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<ServiceCheck> {
  // One attempt, no reconnects: we want a yes or no now, not a client that keeps trying in the background.
  const redis = new Redis(redisUrl, {
    lazyConnect: true,
    connectTimeout: timeoutMs,
    commandTimeout: timeoutMs,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null,
  });
  // The listener also keeps ioredis from printing the error; connect() itself only says "Connection is closed."
  let cause: unknown;
  redis.on('error', (err) => (cause ??= err));
  try {
    await redis.connect();
    const version = redisVersionFromInfo(await redis.info('server')) ?? 'unknown';
    return { service: 'redis', url: redisUrl, state: verdict('redis', version), version };
  } catch (err) {
    return { service: 'redis', url: redisUrl, state: 'unreachable', error: errorText(cause ?? err) };
  } finally {
    redis.disconnect();
  }
}

export function checkServices(config: Pick<AppConfig, 'DATABASE_URL' | 'REDIS_URL'>): Promise<ServiceCheck[]> {
  return Promise.all([checkPostgres(config.DATABASE_URL), checkRedis(config.REDIS_URL)]);
}

/** Checks again until every server answers or `timeoutMs` passes (containers take a moment after `up`). */
export async function checkServicesUntil(
  config: Pick<AppConfig, 'DATABASE_URL' | 'REDIS_URL'>,
  timeoutMs: number,
): Promise<ServiceCheck[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const checks = await checkServices(config);
    if (checks.every((c) => c.state !== 'unreachable') || Date.now() >= deadline) return checks;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

/** What is wrong and exactly what to run or set, for every check that is not ok. */
export function describeServiceProblems(checks: ServiceCheck[], options: { composeTried?: boolean } = {}): string {
  const lines: string[] = [];
  const unreachable = checks.filter((c): c is UnreachableService => c.state === 'unreachable');
  const tooOld = checks.filter((c): c is AnsweringService => c.state === 'too-old');

  for (const check of unreachable) {
    lines.push(`${SERVICES[check.service].label} does not answer at ${redactUrl(check.url)} (${check.error}).`);
  }
  if (unreachable.length > 0) {
    const names = unreachable.map((c) => c.service);
    if (options.composeTried) {
      lines.push(
        `\`docker compose up\` did not make them answer: see \`docker compose ps\` and \`docker compose logs ${names.join(' ')}\`.`,
      );
    }
    lines.push(
      '',
      `Start ${names.length > 1 ? 'them' : 'it'}, then try again. With Docker:`,
      `  docker compose up -d ${names.join(' ')}`,
      'Without Docker, on Debian/Ubuntu:',
      ...names.map((name) => `  ${SERVICES[name].debian}`),
      'Or point Commonplace at servers that run elsewhere:',
      ...names.map((name) => `  export ${SERVICES[name].envVar}=${SERVICES[name].example}`),
    );
  }

  for (const check of tooOld) {
    const facts = SERVICES[check.service];
    if (lines.length > 0) lines.push('');
    lines.push(
      `${facts.label} ${check.version} at ${redactUrl(check.url)} is too old: ` +
        `Commonplace needs ${facts.label} ${facts.minMajor} or newer.`,
      `Upgrade it, or set ${facts.envVar} to a newer server (e.g. ${facts.envVar}=${facts.example}).`,
    );
  }
  return lines.join('\n');
}

function verdict(service: ServiceName, version: string): 'ok' | 'too-old' {
  return isSupportedVersion(service, version) ? 'ok' : 'too-old';
}

function errorText(err: unknown): string {
  if (err instanceof AggregateError && err.errors.length > 0) return errorText(err.errors[0]);
  if (err instanceof Error) return err.message || err.name;
  return String(err);
}
