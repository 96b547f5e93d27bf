export {
  createTestDatabase,
  withAdminClient,
  adminDatabaseUrl,
  databaseUrl,
  testRunId,
  type TestDatabase,
} from './test-database';
export { TestClock } from './test-clock';
export { testConfig } from './test-config';
export { SmtpSink, type ReceivedMail, type RefusedMail } from './smtp-sink';
export { deleteRedisKeys } from './redis-cleanup';
export { countStatements } from './statement-counter';
export { seededRandom } from './seeded-random';
