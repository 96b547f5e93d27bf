import 'reflect-metadata';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppConfig, loadConfig } from '@app/core';
import { apiProcessCount, runClustered } from './cluster';

/** Boots the API in this process (a cluster worker, or the only process). */
async function serve(): Promise<void> {
  // Loaded here, not above: the cluster's primary only supervises and never builds the application.
  const { NestFactory } = await import('@nestjs/core');
  const { ApiModule } = await import('./api.module');
  const { configureApi } = await import('./bootstrap');
  const app = await NestFactory.create<NestExpressApplication>(ApiModule, { bufferLogs: true, bodyParser: false });
  configureApi(app);
  await app.listen(app.get(AppConfig).PORT);
}

runClustered(apiProcessCount(loadConfig(process.env).API_PROCESSES), serve);
