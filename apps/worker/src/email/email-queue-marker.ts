import { Inject, Injectable } from '@nestjs/common';
import type Redis from 'ioredis';
import { AppConfig, bullPrefix, Clock, QueueName, REDIS } from '@app/core';

/**
 * A key kept beside the email queue's own keys in Redis. Redis here keeps nothing on disk: if the key is gone, so
 * is every job the queue held (delayed retries included), and the reconciler must give every pending row a job
 * again rather than only the stale ones.
 */
@Injectable()
export class EmailQueueMarker {
  private readonly key: string;

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly clock: Clock,
    config: AppConfig,
  ) {
    this.key = `${bullPrefix(config)}:${QueueName.Email}:reconciled-at`;
  }

  /** False on a fresh Redis (or the first boot): its jobs may be gone. */
  async present(): Promise<boolean> {
    return (await this.redis.exists(this.key)) === 1;
  }

  /** After a full pass: the queue holds a job for every pending row. */
  async mark(): Promise<void> {
    await this.redis.set(this.key, this.clock.now().toISOString());
  }
}
