import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type AppConfig, loadConfig } from '../config/app-config';
import { testRunId } from './test-database';

/**
 * Settings for one test file: its own database, its own Redis key prefix and mail folder,
 * quiet logs, a cheaper scrypt so hundreds of registrations stay fast, and write limits no test reaches by accident.
 */
export function testConfig(databaseUrl: string, overrides: Record<string, string> = {}): AppConfig {
  const unique = randomBytes(4).toString('hex');
  return loadConfig({
    ...process.env,
    NODE_ENV: 'test',
    DATABASE_URL: databaseUrl,
    DATABASE_POOL_SIZE: '5',
    REDIS_PREFIX: `cptest-${testRunId()}-${unique}`,
    MAIL_DIR: join(tmpdir(), `cp-mail-${unique}`),
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    SCRYPT_COST: '1024',
    JWT_SECRET: randomBytes(32).toString('hex'),
    // Every test request comes from 127.0.0.1 and some tests write hundreds of times a second; the tests of the
    // write limits set their own.
    RATE_LIMIT_WRITES_PER_IP_PER_MINUTE: '1000000',
    RATE_LIMIT_WRITES_PER_USER_PER_MINUTE: '1000000',
    // Tests move their clock by months: the worker's retention tick (every 10 minutes, on the wall clock) must not
    // delete rows a test is about to look at. Retention's own tests set the windows they exercise.
    RETENTION_OUTBOX_DAYS: '3650',
    RETENTION_SCHEDULE_DAYS: '3650',
    RETENTION_EMAIL_DAYS: '3650',
    ...overrides,
  });
}
