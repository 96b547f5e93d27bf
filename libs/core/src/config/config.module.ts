import { Global, Module } from '@nestjs/common';
import { AppConfig, loadConfig } from './app-config';

/** Provides the validated AppConfig everywhere. Tests override the AppConfig provider. */
@Global()
@Module({
  providers: [
    {
      provide: AppConfig,
      // The one place the process environment is read.
      useFactory: (): AppConfig => loadConfig(process.env),
    },
  ],
  exports: [AppConfig],
})
export class ConfigModule {}
