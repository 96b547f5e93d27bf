import { Module } from '@nestjs/common';
import { ClockModule } from './clock/clock.module';
import { ConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { LoggingModule } from './logging/logging.module';
import { OutboxModule } from './outbox/outbox.module';
import { PersonalDataModule } from './personal-data/personal-data.module';
import { QueueModule } from './queue/queue.module';
import { RedisModule } from './redis/redis.module';

/** Everything both apps need before any domain: config, clock, logs, PostgreSQL, Redis, queues. */
@Module({
  imports: [
    ConfigModule,
    ClockModule,
    LoggingModule,
    DatabaseModule,
    RedisModule,
    QueueModule,
    PersonalDataModule,
    OutboxModule,
  ],
  exports: [
    ConfigModule,
    ClockModule,
    LoggingModule,
    DatabaseModule,
    RedisModule,
    QueueModule,
    PersonalDataModule,
    OutboxModule,
  ],
})
export class CoreModule {}
