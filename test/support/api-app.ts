import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import supertest from 'supertest';
import { DataSource } from 'typeorm';
import type { Writable } from 'node:stream';
import { AppConfig, Clock, LOG_STREAM } from '@app/core';
import { createTestDatabase, deleteRedisKeys, TestClock, testConfig, type TestDatabase } from '@app/core/testing';
import { ApiModule } from '../../apps/api/src/api.module';
import { configureApi } from '../../apps/api/src/bootstrap';
import { Factories } from './factories';

export interface TestApi {
  app: NestExpressApplication;
  http: () => supertest.Agent;
  config: AppConfig;
  clock: TestClock;
  db: DataSource;
  make: Factories;
  close(): Promise<void>;
}

/**
 * The real API (every module, guard, pipe and filter as in production) on its own database and Redis prefix.
 * Only the clock and settings are replaced.
 */
async function bootApi(config: AppConfig, clock: TestClock, logStream?: Writable): Promise<NestExpressApplication> {
  let builder = Test.createTestingModule({ imports: [ApiModule] });
  if (logStream) builder = builder.overrideProvider(LOG_STREAM).useValue(logStream);
  const moduleRef = await builder
    .overrideProvider(AppConfig)
    .useValue(config)
    .overrideProvider(Clock)
    .useValue(clock)
    .compile();
  const app = moduleRef.createNestApplication<NestExpressApplication>({ bodyParser: false, bufferLogs: true });
  configureApi(app);
  await app.init();
  return app;
}

/** A second API process on the same database and Redis, as behind a load balancer. */
export async function startReplica(of: TestApi): Promise<{ app: NestExpressApplication }> {
  return { app: await bootApi(of.config, of.clock) };
}

export async function startTestApi(
  settings: Record<string, string> = {},
  options: { logStream?: Writable } = {},
): Promise<TestApi> {
  const database: TestDatabase = await createTestDatabase();
  const config = testConfig(database.url, { TRUST_PROXY: 'true', ...settings });
  const clock = new TestClock(new Date());
  const app = await bootApi(config, clock, options.logStream);
  const db = app.get(DataSource);
  return {
    app,
    http: () => supertest.agent(app.getHttpServer()),
    config,
    clock,
    db,
    make: new Factories(app),
    async close() {
      await app.close();
      await database.drop();
      await deleteRedisKeys(config.REDIS_URL, config.REDIS_PREFIX);
    },
  };
}

/** `/api/v1` + path. */
export const v1 = (path: string): string => `/api/v1${path}`;

/** Requests to the versioned API as a signed-in person. A DELETE sends a body only when one is given. */
export function signedIn(api: TestApi, who: { auth: string }) {
  return {
    get: (path: string) => api.http().get(v1(path)).set('Authorization', who.auth),
    put: (path: string, body: object) => api.http().put(v1(path)).set('Authorization', who.auth).send(body),
    post: (path: string, body: object = {}) => api.http().post(v1(path)).set('Authorization', who.auth).send(body),
    patch: (path: string, body: object) => api.http().patch(v1(path)).set('Authorization', who.auth).send(body),
    delete: (path: string, body?: object) => {
      const req = api.http().delete(v1(path)).set('Authorization', who.auth);
      return body === undefined ? req : req.send(body);
    },
  };
}
