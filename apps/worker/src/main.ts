import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { AppLogger } from '@app/core';
import { WorkerModule } from './worker.module';

async function main(): Promise<void> {
  // Initialized on return: the job-handler check has passed and the queue workers run.
  const app = await NestFactory.createApplicationContext(WorkerModule, { bufferLogs: true, abortOnError: false });
  app.useLogger(new AppLogger(app.get(Logger)));
  // SIGTERM/SIGINT close the app: queue workers first (active jobs finish), then pools and connections.
  app.enableShutdownHooks();
}

main().catch((error: unknown) => {
  // The logger may not exist yet (bad configuration, a job without a handler): say why on stderr and stop.
  process.stderr.write(
    `worker failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
