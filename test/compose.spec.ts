import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { AppConfig } from '@app/core';

/**
 * There is no Docker engine in CI, so this reads docker-compose.yml the way compose does (YAML with merge keys)
 * and checks what a user relies on when running `docker compose up`.
 */
interface ComposeService {
  image?: string;
  build?: unknown;
  command?: string | string[];
  restart?: string;
  environment?: Record<string, string> | string[];
  depends_on?: Record<string, { condition: string }> | string[];
  healthcheck?: { test: string | string[] };
  ports?: string[];
}

const compose = parse(readFileSync(join(__dirname, '..', 'docker-compose.yml'), 'utf8'), { merge: true }) as {
  services: Record<string, ComposeService>;
};
const services = compose.services;
const APP_SERVICES = ['migrate', 'api', 'worker'];

function service(name: string): ComposeService {
  const found = services[name];
  if (!found) throw new Error(`docker-compose.yml has no service "${name}"`);
  return found;
}

function environment(name: string): Record<string, string> {
  const env = service(name).environment ?? {};
  if (!Array.isArray(env)) return env;
  return Object.fromEntries(env.map((line) => [line.split('=')[0] ?? '', line.split('=').slice(1).join('=')]));
}

const words = (command: string | string[] | undefined): string[] =>
  Array.isArray(command) ? command : (command ?? '').split(/\s+/).filter(Boolean);

describe('docker-compose.yml', () => {
  it('defines the six services', () => {
    expect(Object.keys(services).sort()).toEqual(['api', 'mailpit', 'migrate', 'postgres', 'redis', 'worker']);
  });

  it.each(['postgres', 'redis', 'mailpit', 'api'])('gives %s a healthcheck', (name) => {
    expect(words(service(name).healthcheck?.test).length).toBeGreaterThan(1);
  });

  it('checks postgres with pg_isready and redis with redis-cli ping', () => {
    expect(words(service('postgres').healthcheck?.test)).toContain('pg_isready');
    expect(words(service('redis').healthcheck?.test).join(' ')).toMatch(/redis-cli.*ping/);
  });

  it('checks the api on /health/ready', () => {
    expect(words(service('api').healthcheck?.test).join(' ')).toContain('/health/ready');
  });

  it('runs a supported PostgreSQL and Redis', () => {
    expect(service('postgres').image).toMatch(/^postgres:1[5-9]\b/);
    expect(service('redis').image).toMatch(/^redis:[7-9]\b/);
  });

  it('runs redis with an append-only file and without evicting keys (queued jobs live there)', () => {
    const command = words(service('redis').command).join(' ');
    expect(command).toMatch(/--appendonly yes\b/);
    expect(command).toMatch(/--maxmemory-policy noeviction\b/);
  });

  it('runs migrate once, from the app image, with the migrate script', () => {
    const migrate = service('migrate');
    expect(migrate.restart).toBe('no');
    expect(migrate.build).toBeDefined();
    expect(words(migrate.command)).toEqual(['node', 'dist/scripts/migrate.js']);
    expect(migrate.depends_on).toMatchObject({ postgres: { condition: 'service_healthy' } });
  });

  it.each(['api', 'worker'])('starts %s only after healthy servers and a successful migration', (name) => {
    expect(service(name).depends_on).toMatchObject({
      postgres: { condition: 'service_healthy' },
      redis: { condition: 'service_healthy' },
      migrate: { condition: 'service_completed_successfully' },
    });
  });

  it('starts the api and the worker from their built entry points', () => {
    expect(words(service('api').command)).toEqual(['node', 'dist/apps/api/src/main.js']);
    expect(words(service('worker').command)).toEqual(['node', 'dist/apps/worker/src/main.js']);
  });

  it.each(APP_SERVICES)('points %s at the compose servers by service name', (name) => {
    const env = environment(name);
    expect(new URL(env.DATABASE_URL ?? '').hostname).toBe('postgres');
    expect(new URL(env.REDIS_URL ?? '').hostname).toBe('redis');
    expect(env.SMTP_URL).toBe('smtp://mailpit:1025');
  });

  it.each(APP_SERVICES)('makes the user supply JWT_SECRET for %s instead of shipping one', (name) => {
    expect(environment(name).JWT_SECRET).toMatch(/^\$\{JWT_SECRET:?\?[^}]*\}$/);
  });

  it.each(APP_SERVICES)('makes the user supply UNSUBSCRIBE_SECRET for %s instead of shipping one', (name) => {
    expect(environment(name).UNSUBSCRIBE_SECRET).toMatch(/^\$\{UNSUBSCRIBE_SECRET:?\?[^}]*\}$/);
  });

  it.each(APP_SERVICES)('makes the user supply BADGE_KEY_ENCRYPTION_KEY for %s instead of shipping one', (name) => {
    expect(environment(name).BADGE_KEY_ENCRYPTION_KEY).toMatch(/^\$\{BADGE_KEY_ENCRYPTION_KEY:?\?[^}]*\}$/);
  });

  it.each(APP_SERVICES)('passes %s only settings AppConfig knows', (name) => {
    const known = new Set([...Object.keys(new AppConfig()), 'SMTP_URL']);
    const unknown = Object.keys(environment(name)).filter((key) => !known.has(key));
    expect(unknown).toEqual([]);
  });

  it('publishes the servers npm start expects on localhost only', () => {
    expect(service('postgres').ports).toContain('127.0.0.1:5432:5432');
    expect(service('redis').ports).toContain('127.0.0.1:6379:6379');
    expect(service('mailpit').ports).toEqual(expect.arrayContaining(['127.0.0.1:8025:8025', '127.0.0.1:1025:1025']));
  });
});

describe('Dockerfile', () => {
  const dockerfile = readFileSync(join(__dirname, '..', 'Dockerfile'), 'utf8');
  const finalStage = dockerfile.slice(dockerfile.lastIndexOf('\nFROM '));

  it('builds with npm ci and ships only production dependencies', () => {
    expect(dockerfile).toMatch(/^RUN npm ci\b/m);
    expect(dockerfile).toMatch(/npm prune --omit=dev/);
  });

  it('runs the final image as a user other than root', () => {
    expect(finalStage).toMatch(/^FROM node:20-bookworm-slim\b/m);
    expect(finalStage).toMatch(/^USER (?!root\b|0\b)\S+/m);
  });
});
