import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { OutboxEvent } from './outbox-event.entity';
import { Outbox } from './outbox';

@Global()
@Module({ imports: [TypeOrmModule.forFeature([OutboxEvent])], providers: [Outbox], exports: [Outbox] })
export class OutboxModule {}
