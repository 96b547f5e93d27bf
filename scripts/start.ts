import 'reflect-metadata';
import { join } from 'node:path';
import { type AppConfig, loadConfig } from '@app/core';
import { repoRoot, runCli, StartupError } from './lib/cli';
import { prepareDatabase } from './lib/database';
import { composeCanServe, composeUp, dockerComposeAvailable } from './lib/docker-compose';
import { describeExit, isPortFree, ProcessGroup, waitForHttpOk } from './lib/processes';
import {
  type AnsweringService,
  checkServices,
  checkServicesUntil,
  describeServiceProblems,
  redactUrl,
  SERVICES,
} from './lib/service-checks';
import { startupSummary } from './lib/summary';
import { seedDemo } from './seed-demo';

const API_ENTRY = 'dist/apps/api/src/main.js';
const WORKER_ENTRY = 'dist/apps/worker/src/main.js';
const READY_TIMEOUT_MS = 60_000;
/** Time for in-flight requests and jobs to finish before SIGKILL. */
const STOP_GRACE_MS = 25_000;

/** `npm start`: servers checked (or started with Docker), database migrated and seeded, API and worker running. */
async function main(): Promise<number> {
  const config = loadConfig(process.env);
  const root = repoRoot();

  // Checked first: otherwise another process on the port could answer our readiness probe.
  if (!(await isPortFree(config.PORT))) {
    throw new StartupError(`Port ${config.PORT} is in use (another \`npm start\`?). Stop that process or set PORT.`);
  }
  await ensureServices(config, root);
  await prepareDatabase(config);
  if (config.SEED_DEMO) await seedDemo(config);
  return runApps(config, root);
}

async function ensureServices(config: AppConfig, root: string): Promise<void> {
  let checks = await checkServices(config);
  let composeTried = false;
  const down = checks.filter((c) => c.state === 'unreachable');
  // An old server would keep the port the containers need: only start containers when nothing answers.
  if (down.length > 0 && !checks.some((c) => c.state === 'too-old') && down.every(composeCanServe)) {
    if (dockerComposeAvailable()) {
      // Only what is missing (a running local server holds the port its container would need), plus mailpit.
      const services = [...down.map((c) => c.service), 'mailpit'];
      console.log(`${down.map((c) => SERVICES[c.service].label).join(' and ')} not answering; starting containers:`);
      console.log(`  docker compose up -d --wait ${services.join(' ')}`);
      composeTried = true;
      const started = composeUp(root, services, process.env);
      // Re-check even if compose failed: mailpit alone failing must not stop a start whose servers came up.
      checks = await checkServicesUntil(config, started ? 15_000 : 0);
      if (started && !config.SMTP_URL) {
        console.log('mailpit runs too: set SMTP_URL=smtp://localhost:1025 to read mail at http://localhost:8025.');
      }
    }
  }
  if (checks.some((c) => c.state !== 'ok')) throw new StartupError(describeServiceProblems(checks, { composeTried }));
  const found = (checks as AnsweringService[]).map(
    (c) => `${SERVICES[c.service].label} ${c.version} at ${redactUrl(c.url)}`,
  );
  console.log(`Found ${found.join(' and ')}.`);
}

async function runApps(config: AppConfig, root: string): Promise<number> {
  const group = new ProcessGroup({ cwd: root, env: process.env });
  // The children have their own process group, so nothing else would stop them if this script died.
  process.on('exit', () => group.kill());

  let stopping = false;
  const stopRequested = new Promise<NodeJS.Signals>((resolve) => {
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
      process.on(signal, () => {
        if (stopping) {
          console.log('Stopping now (SIGKILL).');
          return group.kill();
        }
        stopping = true;
        console.log(`\n${signal}: stopping the API and the worker (again to force)...`);
        resolve(signal);
      });
    }
  });

  console.log('Starting the API and the worker...');
  group.start('api', [join(root, API_ENTRY)]);
  group.start('worker', [join(root, WORKER_ENTRY)]);

  const readyUrl = `http://localhost:${config.PORT}/health/ready`;
  const polling = new AbortController();
  const startup = await Promise.race([
    waitForHttpOk(readyUrl, { timeoutMs: READY_TIMEOUT_MS, signal: polling.signal }).then(
      () => ({ kind: 'ready' as const }),
      (err: Error) => ({ kind: 'timeout' as const, message: err.message }),
    ),
    group.firstExit().then((exit) => ({ kind: 'exited' as const, ...exit })),
    stopRequested.then(() => ({ kind: 'stop' as const })),
  ]);
  polling.abort();

  switch (startup.kind) {
    case 'ready':
      break;
    case 'stop':
      await group.stop(STOP_GRACE_MS);
      return 0;
    case 'timeout':
      console.error(`The API did not become ready: ${startup.message}. Its log is above.`);
      await group.stop(STOP_GRACE_MS);
      return 1;
    case 'exited':
      console.error(`The ${startup.name} ${describeExit(startup.info)} before the API was ready; its log is above.`);
      await group.stop(STOP_GRACE_MS);
      return 1;
  }

  console.log(startupSummary(config, root));
  const outcome = await Promise.race([stopRequested.then(() => null), group.firstExit()]);
  if (outcome === null) {
    await group.stop(STOP_GRACE_MS);
    return 0;
  }
  console.error(`The ${outcome.name} ${describeExit(outcome.info)} unexpectedly; stopping the rest.`);
  await group.stop(STOP_GRACE_MS);
  return 1;
}

runCli(main);
