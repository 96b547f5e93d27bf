import 'reflect-metadata';
import { loadConfig } from '@app/core';
import { runCli, StartupError } from './lib/cli';
import { prepareDatabase } from './lib/database';
import { checkPostgres, describeServiceProblems } from './lib/service-checks';

/** Creates the database if missing and applies pending migrations: the compose `migrate` service, a deploy step. */
async function main(): Promise<number> {
  const config = loadConfig(process.env);
  const postgres = await checkPostgres(config.DATABASE_URL);
  if (postgres.state !== 'ok') throw new StartupError(describeServiceProblems([postgres]));
  await prepareDatabase(config);
  return 0;
}

runCli(main);
