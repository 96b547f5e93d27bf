import { setTimeout as sleep } from 'node:timers/promises';
import { Injectable } from '@nestjs/common';
import { Clock } from '@app/core';
import { EmailDeliveryRepository, type FinishedAttempt } from '../ledger/email-delivery.repository';

/** Outcomes written together: at most this many per statement, and none waits longer than FLUSH_AFTER_MS. */
const FLUSH_SIZE = 100;
const FLUSH_AFTER_MS = 20;
/** A failed write is retried: a lost "sent" would send the email again once the lease runs out. */
const RETRY_DELAYS_MS = [200, 1_000, 3_000];

interface Waiting {
  attempt: FinishedAttempt;
  resolve: (recorded: boolean) => void;
  reject: (error: unknown) => void;
}

/**
 * Collects the outcomes of this process's attempts as they come, from every batch in flight, and writes them
 * together: at a thousand emails a second that is about fifty statements a second, yet an email the server
 * accepted is on record within FLUSH_AFTER_MS (a crash in between is the only way it could be sent again, and
 * then with the same Message-ID).
 */
@Injectable()
export class AttemptRecorder {
  private waiting: Waiting[] = [];
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly deliveries: EmailDeliveryRepository,
    private readonly clock: Clock,
  ) {}

  /** Resolves true once recorded, false if a newer attempt owns the row; rejects if the write kept failing. */
  record(attempt: FinishedAttempt): Promise<boolean> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ attempt, resolve, reject });
      if (this.waiting.length >= FLUSH_SIZE) void this.flush();
      else this.timer ??= setTimeout(() => void this.flush(), FLUSH_AFTER_MS);
    });
  }

  private async flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.waiting.splice(0);
    if (batch.length === 0) return;
    try {
      const recorded = await this.writeWithRetries(batch.map((w) => w.attempt));
      for (const w of batch) w.resolve(recorded.has(w.attempt.id));
    } catch (error) {
      for (const w of batch) w.reject(error);
    }
  }

  private async writeWithRetries(attempts: FinishedAttempt[]): Promise<Set<string>> {
    for (let retry = 0; ; retry++) {
      try {
        return await this.deliveries.finishAttempts(attempts, this.clock.now());
      } catch (error) {
        const delay = RETRY_DELAYS_MS[retry];
        if (delay === undefined) throw error;
        await sleep(delay);
      }
    }
  }
}
