import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import { loadConfig } from '@app/core';
import { databaseUrl, testRunId, withAdminClient } from '@app/core/testing';
import { ensureDatabase, runMigrations } from '../scripts/lib/database';
import { composeCanServe } from '../scripts/lib/docker-compose';
import { isPortFree, type ManagedProcess, ProcessGroup, waitForHttpOk } from '../scripts/lib/processes';
import {
  checkPostgres,
  checkRedis,
  describeServiceProblems,
  isSupportedVersion,
  postgresVersionText,
  redisVersionFromInfo,
  type ServiceCheck,
} from '../scripts/lib/service-checks';
import { mailDestination, startupSummary } from '../scripts/lib/summary';

const config = loadConfig(process.env);

/** A port on 127.0.0.1 that nothing listens on: bound by us a moment ago, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  await new Promise((done) => server.close(done));
  return port;
}

describe('service checks', () => {
  const down = (service: 'postgres' | 'redis', url: string): ServiceCheck => ({
    service,
    url,
    state: 'unreachable',
    error: 'connect ECONNREFUSED',
  });

  it('finds the local PostgreSQL and Redis and accepts their versions', async () => {
    const [postgres, redis] = await Promise.all([checkPostgres(config.DATABASE_URL), checkRedis(config.REDIS_URL)]);
    expect(postgres).toMatchObject({ service: 'postgres', state: 'ok', version: expect.stringMatching(/^\d+\.\d+/) });
    expect(redis).toMatchObject({ service: 'redis', state: 'ok', version: expect.stringMatching(/^\d+\.\d+\.\d+/) });
  });

  it('reports servers that do not answer, quickly', async () => {
    const port = await closedPort();
    const started = Date.now();
    const [postgres, redis] = await Promise.all([
      checkPostgres(`postgres://postgres:s3cret@127.0.0.1:${port}/commonplace`),
      checkRedis(`redis://127.0.0.1:${port}`),
    ]);
    expect(postgres).toMatchObject({ state: 'unreachable', error: expect.stringContaining('ECONNREFUSED') });
    expect(redis).toMatchObject({ state: 'unreachable', error: expect.stringContaining('ECONNREFUSED') });
    expect(Date.now() - started).toBeLessThan(3000);

    const message = describeServiceProblems([postgres, redis]);
    expect(message).toContain(`PostgreSQL does not answer at postgres://postgres:***@127.0.0.1:${port}/commonplace`);
    expect(message).toContain(`Redis does not answer at redis://127.0.0.1:${port}`);
    expect(message).not.toContain('s3cret');
  });

  it('says which commands start the missing servers and which variables point elsewhere', () => {
    const both = describeServiceProblems([
      down('postgres', 'postgres://postgres@localhost:5432/commonplace'),
      down('redis', 'redis://localhost:6379'),
    ]);
    expect(both).toContain('docker compose up -d postgres redis');
    expect(both).toContain('pg_ctlcluster');
    expect(both).toContain('redis-server');
    expect(both).toMatch(/DATABASE_URL=postgres:\/\//);
    expect(both).toMatch(/REDIS_URL=redis:\/\//);

    const redisOnly = describeServiceProblems([down('redis', 'redis://localhost:6379')]);
    expect(redisOnly).toContain('docker compose up -d redis');
    expect(redisOnly).toContain('REDIS_URL=');
    expect(redisOnly).not.toContain('DATABASE_URL');
    expect(redisOnly).not.toContain('pg_ctlcluster');
  });

  it('refuses PostgreSQL before 15 and Redis before 7', () => {
    expect(postgresVersionText(140009)).toBe('14.9');
    expect(postgresVersionText(90624)).toBe('9.6.24');
    expect(isSupportedVersion('postgres', postgresVersionText(140009))).toBe(false);
    expect(isSupportedVersion('postgres', postgresVersionText(90624))).toBe(false);
    expect(isSupportedVersion('postgres', postgresVersionText(150000))).toBe(true);
    expect(isSupportedVersion('postgres', postgresVersionText(170002))).toBe(true);
    expect(isSupportedVersion('redis', '6.2.14')).toBe(false);
    expect(isSupportedVersion('redis', 'unknown')).toBe(false);
    expect(isSupportedVersion('redis', '7.0.15')).toBe(true);
    expect(redisVersionFromInfo('# Server\r\nredis_version:6.2.14\r\nredis_git_sha1:0\r\n')).toBe('6.2.14');
  });

  it('offers Docker containers only for servers configured at the local ports compose publishes', () => {
    expect(composeCanServe(down('postgres', 'postgres://postgres@localhost/commonplace'))).toBe(true);
    expect(composeCanServe(down('postgres', 'postgres://postgres@127.0.0.1:5432/commonplace'))).toBe(true);
    expect(composeCanServe(down('redis', 'redis://[::1]:6379'))).toBe(true);
    expect(composeCanServe(down('postgres', 'postgres://postgres@localhost:5433/commonplace'))).toBe(false);
    expect(composeCanServe(down('postgres', 'postgres://app@db.example.com:5432/commonplace'))).toBe(false);
    expect(composeCanServe(down('redis', 'redis://cache.internal:6379'))).toBe(false);
  });

  it('explains a too-old server and how to use another', () => {
    const message = describeServiceProblems([
      { service: 'postgres', url: 'postgres://app:pw@db.example.com/cp', state: 'too-old', version: '14.9' },
      { service: 'redis', url: 'redis://localhost:6379', state: 'ok', version: '7.2.4' },
    ]);
    expect(message).toContain('PostgreSQL 14.9 at postgres://app:***@db.example.com/cp is too old');
    expect(message).toContain('PostgreSQL 15 or newer');
    expect(message).toContain('DATABASE_URL');
    expect(message).not.toContain('Redis');
  });
});

describe('database preparation', () => {
  // Named under this run's prefix, so the global teardown drops it even if this file fails half-way.
  // The hyphen makes sure the name is quoted in CREATE DATABASE.
  const name = `cp_test_${testRunId()}_start-${randomBytes(3).toString('hex')}`;
  const url = databaseUrl(name);

  afterAll(() => withAdminClient((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)));

  it('creates the database once, then leaves it alone', async () => {
    expect(await ensureDatabase(url)).toBe(true);
    expect(await ensureDatabase(url)).toBe(false);
    const { rows } = await withAdminClient((c) => c.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]));
    expect(rows).toHaveLength(1);
  });

  it('applies every migration once', async () => {
    const scratch = loadConfig({ ...process.env, DATABASE_URL: url, DATABASE_POOL_SIZE: '2' });
    const applied = await runMigrations(scratch);
    expect(await runMigrations(scratch)).toEqual([]);

    const client = new Client({ connectionString: url });
    await client.connect();
    try {
      const { rows } = await client.query<{ name: string }>('SELECT name FROM migrations ORDER BY id');
      expect(rows.map((r) => r.name)).toEqual(applied);
    } finally {
      await client.end();
    }
  });
});

describe('startup summary', () => {
  const root = '/srv/commonplace';

  it('lists the web app first, then the API, docs and health URLs on the configured port', () => {
    const text = startupSummary({ PORT: 4321, MAIL_DIR: 'var/mail', SMTP_URL: undefined }, root);
    expect(text.split('\n')[1]).toMatch(/Web app\s+http:\/\/localhost:4321\/$/);
    expect(text).toContain('http://localhost:4321/api/v1');
    expect(text).toContain('http://localhost:4321/docs');
    expect(text).toContain('http://localhost:4321/docs-json');
    expect(text).toContain('http://localhost:4321/health/ready');
  });

  it('names the dev mailbox folder as an absolute path when SMTP_URL is unset', () => {
    const text = mailDestination({ MAIL_DIR: 'var/mail', SMTP_URL: undefined }, root);
    expect(text).toContain(resolve(root, 'var/mail'));
    expect(text).toContain('npm run mailbox');
  });

  it('names the SMTP server without its password, and the mailpit UI when it is mailpit', () => {
    const mailpit = mailDestination({ MAIL_DIR: 'var/mail', SMTP_URL: 'smtp://user:hunter2@localhost:1025' }, root);
    expect(mailpit).toContain('localhost:1025');
    expect(mailpit).toContain('http://localhost:8025');
    expect(mailpit).not.toContain('hunter2');

    const provider = mailDestination({ MAIL_DIR: 'var/mail', SMTP_URL: 'smtps://u:p@smtp.example.com' }, root);
    expect(provider).toContain('smtp.example.com:465');
    expect(provider).not.toContain('8025');
  });
});

describe('process group', () => {
  let group: ProcessGroup;
  const dir = mkdtempSync(join(tmpdir(), 'cp-start-'));

  beforeEach(() => {
    group = new ProcessGroup({ cwd: dir, env: process.env });
  });
  afterEach(() => group.kill());
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** A node child that writes its ready file once its SIGTERM handler is installed. */
  async function startChild(name: string, onTerm: string): Promise<ManagedProcess> {
    const readyFile = join(dir, `${name}-${randomBytes(3).toString('hex')}`);
    const code = `process.on('SIGTERM', () => { ${onTerm} }); require('fs').writeFileSync(process.argv[1], ''); setInterval(() => {}, 1000);`;
    const child = group.start(name, ['-e', code, readyFile]);
    await untilExists(readyFile);
    return child;
  }

  async function untilExists(file: string): Promise<void> {
    const deadline = Date.now() + 10_000;
    while (!existsSync(file)) {
      if (Date.now() > deadline) throw new Error(`${file} never appeared`);
      await new Promise((done) => setTimeout(done, 20));
    }
  }

  it('stops children with SIGTERM and waits for all of them', async () => {
    const api = await startChild('api', 'process.exit(0)');
    const worker = await startChild('worker', 'setTimeout(() => process.exit(0), 300)');
    const started = Date.now();
    await group.stop(10_000);
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(await api.exited).toEqual({ code: 0, signal: null });
    expect(await worker.exited).toEqual({ code: 0, signal: null });
  });

  it('kills a child that ignores SIGTERM once the grace period is over', async () => {
    const stubborn = await startChild('stubborn', '/* ignored */');
    const started = Date.now();
    await group.stop(300);
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    expect(await stubborn.exited).toEqual({ code: null, signal: 'SIGKILL' });
  });

  it('reports the first child to exit on its own', async () => {
    await startChild('worker', 'process.exit(0)');
    group.start('api', ['-e', 'process.exit(3)']);
    expect(await group.firstExit()).toEqual({ name: 'api', info: { code: 3, signal: null } });
  });
});

describe('readiness and ports', () => {
  let server: Server | undefined;
  afterEach(async () => {
    if (server?.listening) await new Promise((done) => server?.close(done));
  });

  it('waits until the URL answers 200', async () => {
    let calls = 0;
    server = createServer((_req, res) => {
      calls += 1;
      res.writeHead(calls < 3 ? 503 : 200).end();
    });
    await new Promise<void>((done) => server?.listen(0, '127.0.0.1', done));
    const { port } = server.address() as AddressInfo;
    await waitForHttpOk(`http://127.0.0.1:${port}/health/ready`, { timeoutMs: 10_000, intervalMs: 50 });
    expect(calls).toBe(3);
  });

  it('gives up after the timeout, naming the URL', async () => {
    const url = `http://127.0.0.1:${await closedPort()}/health/ready`;
    await expect(waitForHttpOk(url, { timeoutMs: 500, intervalMs: 50 })).rejects.toThrow(
      `${url} did not answer 200 within`,
    );
  });

  it('tells a port in use from a free one', async () => {
    server = createServer();
    await new Promise<void>((done) => server?.listen(0, done));
    const { port } = server.address() as AddressInfo;
    expect(await isPortFree(port)).toBe(false);
    await new Promise((done) => server?.close(done));
    expect(await isPortFree(port)).toBe(true);
  });
});
