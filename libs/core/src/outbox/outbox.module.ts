import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { OutboxEvent } from './outbox-event.entity';
import { Outbox } from './outbox';
import { OutboxHandlerRegistry } from './outbox-handler';

/**
 * The outbox and the one registry of its handlers. Global, so that any domain (not only notifications, which runs
 * the relay) can register a handler for its own events without importing the relay's module.
 */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature([OutboxEvent])],
  providers: [Outbox, OutboxHandlerRegistry],
  exports: [Outbox, OutboxHandlerRegistry],
})
export class OutboxModule {}
