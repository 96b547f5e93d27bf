import { createHash } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig, Clock } from '@app/core';
import { EmailComposerRegistry, type ComposedEmail, type DeliveryToCompose } from '../compose/email-composer';
import { DeliveryStatus } from '../ledger/email-delivery.entity';
import {
  EmailDeliveryRepository,
  type AttemptOutcome,
  type ClaimedDelivery,
  type OpenDelivery,
} from '../ledger/email-delivery.repository';
import { EmailSuppressions } from '../ledger/email-suppressions';
import { MailDeliveryError } from '../transport/mail-delivery-error';
import { MailTransport, type OutgoingEmail } from '../transport/mail-transport';
import { AttemptRecorder } from './attempt-recorder';
import { DeliveryGates } from './delivery-gates';
import { CLAIM_LEASE_MS, MAX_ATTEMPTS, retryDelayMs } from './retry-policy';

/** What one dispatch did; safe to log (ids and counts, no addresses). */
export type DispatchResult =
  | { outcome: 'sent'; attempts: number }
  | { outcome: 'skipped'; attempts: number }
  | { outcome: 'failed'; attempts: number; reason: 'permanent' | 'attempts-exhausted' | 'unknown-kind' }
  /** Transient failure: the row is pending again; attempt `attempts + 1` is due at `retryAt`. */
  | { outcome: 'retry'; attempts: number; retryAt: Date }
  /** Not claimable now but still open: pending until `until`, or claimed by another attempt until its lease ends. */
  | { outcome: 'waiting'; attempts: number; until: Date }
  /** Nothing to do: the row is sent, skipped or failed (or does not exist). */
  | { outcome: 'done' }
  /** Our lease ran out and another worker claimed the row; its result stands. */
  | { outcome: 'superseded'; attempts: number };

/** A claimed row on its way: what the composer sees of it, then what it became. */
interface InFlight {
  claimed: ClaimedDelivery;
  delivery: DeliveryToCompose;
}

/**
 * Sends rows of the email ledger, exactly once in effect: claim the rows, pass them through the gates, compose
 * them, send each, record the outcomes. A batch costs one claim, one query per gate, the composers' queries (a few
 * per batch for bulk kinds such as digests) and a few statements of outcomes, whatever its size. Safe to call any
 * number of times, concurrently, for the same ids: a row is claimed by one call at a time.
 */
@Injectable()
export class EmailDispatcher {
  private readonly logger = new Logger(EmailDispatcher.name);
  private readonly messageIdHost: string;

  constructor(
    private readonly deliveries: EmailDeliveryRepository,
    private readonly composers: EmailComposerRegistry,
    private readonly transport: MailTransport,
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly gates: DeliveryGates,
    private readonly suppressions: EmailSuppressions,
    private readonly dataSource: DataSource,
    private readonly recorder: AttemptRecorder,
  ) {
    this.messageIdHost = new URL(config.PUBLIC_URL).hostname;
  }

  async dispatch(deliveryId: string): Promise<DispatchResult> {
    return (await this.dispatchMany([deliveryId])).get(deliveryId) ?? { outcome: 'done' };
  }

  /** Every id's result (ids repeated in the input are dispatched once). */
  async dispatchMany(deliveryIds: readonly string[]): Promise<Map<string, DispatchResult>> {
    const ids = [...new Set(deliveryIds)];
    const claimed = await this.deliveries.claimMany(ids, this.clock.now(), CLAIM_LEASE_MS);
    const claimedIds = new Set(claimed.map((c) => c.id));
    const results = await this.whyNotClaimed(ids.filter((id) => !claimedIds.has(id)));
    if (claimed.length === 0) return results;

    const outcomes = new BatchOutcomes(
      results,
      this.recorder,
      (row, response, subject) => this.retryOrFail(row, response, subject),
      (row) => this.superseded(row),
    );
    const work: Promise<void>[] = [];
    const addressed: InFlight[] = [];
    for (const row of claimed) {
      if (row.toAddress) addressed.push({ claimed: row, delivery: toCompose(row, row.toAddress) });
      else work.push(outcomes.skip(row, "the recipient's address was erased"));
    }

    // After the claim, before composing: a preference turned off or an address suppressed since the rows were
    // queued stops them here, whatever job or retry carries them.
    const passing: InFlight[] = [];
    try {
      const refusals = await this.gates.refusals(addressed.map((a) => a.delivery));
      for (const item of addressed) {
        const refusal = refusals.get(item.claimed.id);
        if (refusal) work.push(outcomes.skip(item.claimed, refusal));
        else passing.push(item);
      }
    } catch (error) {
      const response = `delivery gate failed: ${errorText(error)}`;
      for (const item of addressed) work.push(outcomes.retryOrFail(item.claimed, response));
    }

    for (const [kind, items] of groupByKind(passing)) {
      const composed = await this.composeKind(kind, items);
      for (const item of items) {
        const email = composed.get(item.claimed.id) ?? null;
        if (email === null) {
          work.push(outcomes.skip(item.claimed, 'the composer found nothing to send: the email no longer applies'));
        } else if ('failure' in email) {
          work.push(
            email.failure === 'unknown-kind'
              ? outcomes.finish(
                  item.claimed,
                  { status: DeliveryStatus.Failed, response: email.response },
                  { outcome: 'failed', attempts: item.claimed.attempts, reason: 'unknown-kind' },
                )
              : outcomes.retryOrFail(item.claimed, email.response),
          );
        } else {
          work.push(this.send(item, email, outcomes));
        }
      }
    }
    await Promise.all(work);
    return results;
  }

  /**
   * The same email always gets the same Message-ID, so if a crash between sending and recording makes us send
   * it again, mail clients show one message.
   */
  messageIdFor(dedupeKey: string): string {
    const hash = createHash('sha256').update(dedupeKey).digest('hex').slice(0, 32);
    return `<${hash}@${this.messageIdHost}>`;
  }

  /** What goes to the transport for a composed delivery: our sender, its Message-ID, the headers every email has. */
  outgoing(delivery: Pick<DeliveryToCompose, 'to' | 'dedupeKey'>, composed: ComposedEmail): OutgoingEmail {
    return {
      from: { name: this.config.MAIL_FROM_NAME, address: this.config.MAIL_FROM_ADDRESS },
      to: delivery.to,
      subject: composed.subject,
      html: composed.html,
      text: composed.text,
      messageId: this.messageIdFor(delivery.dedupeKey),
      // RFC 3834: auto-responders should not answer.
      headers: { 'Auto-Submitted': 'auto-generated', ...composed.headers },
      attachments: composed.attachments,
    };
  }

  /** Each item's email, null when there is nothing to send, or why composing failed. */
  private async composeKind(kind: string, items: InFlight[]): Promise<Map<string, ComposeOutcome>> {
    const outcomes = new Map<string, ComposeOutcome>();
    const composer = this.composers.get(kind);
    if (!composer) {
      // A deploy mistake (a worker without the domain that asked for this kind); the row says what to fix.
      const response = `no email composer is registered for kind "${kind}" in this worker`;
      for (const item of items) outcomes.set(item.claimed.id, { failure: 'unknown-kind', response });
      return outcomes;
    }
    if (composer.composeMany) {
      try {
        const composed = await composer.composeMany(items.map((item) => item.delivery));
        for (const item of items) outcomes.set(item.claimed.id, composed.get(item.claimed.id) ?? null);
      } catch (error) {
        const response = `compose failed: ${errorText(error)}`;
        for (const item of items) outcomes.set(item.claimed.id, { failure: 'compose', response });
      }
      return outcomes;
    }
    await Promise.all(
      items.map(async (item) => {
        try {
          outcomes.set(item.claimed.id, await composer.compose(item.delivery));
        } catch (error) {
          outcomes.set(item.claimed.id, { failure: 'compose', response: `compose failed: ${errorText(error)}` });
        }
      }),
    );
    return outcomes;
  }

  private async send({ claimed, delivery }: InFlight, composed: ComposedEmail, outcomes: BatchOutcomes) {
    let sent;
    try {
      sent = await this.transport.send(this.outgoing(delivery, composed));
    } catch (error) {
      if (error instanceof MailDeliveryError && error.kind === 'permanent') {
        return outcomes.settle(
          claimed,
          await this.failHardBounce(claimed, delivery.to, error.response, composed.subject),
        );
      }
      const response = error instanceof MailDeliveryError ? error.response : errorText(error);
      return outcomes.retryOrFail(claimed, response, composed.subject);
    }
    // Outside the try above: a failure to record must never be taken for a failure to send.
    const outcome: AttemptOutcome = {
      status: DeliveryStatus.Sent,
      messageId: sent.messageId,
      response: sent.response,
      subject: composed.subject,
    };
    await outcomes.finish(claimed, outcome, { outcome: 'sent', attempts: claimed.attempts });
  }

  /**
   * A 5xx: the row fails for good (never retried) and the address's hard-bounce count goes up, in one transaction
   * fenced like every outcome, so a superseded attempt counts nothing and no failure counts twice. Rare enough to
   * be written on its own rather than with the batch.
   */
  private async failHardBounce(
    claimed: ClaimedDelivery,
    address: string,
    response: string,
    subject: string,
  ): Promise<DispatchResult> {
    const outcome: AttemptOutcome = { status: DeliveryStatus.Failed, response, subject };
    const recorded = await this.dataSource.transaction(async (manager) => {
      const done = await this.deliveries.finishAttempt(
        claimed.id,
        claimed.attempts,
        this.clock.now(),
        outcome,
        manager,
      );
      if (done) await this.suppressions.recordHardBounce(manager, address, response);
      return done;
    });
    return recorded ? { outcome: 'failed', attempts: claimed.attempts, reason: 'permanent' } : this.superseded(claimed);
  }

  /** A transient failure: pending again after a back-off, or failed for good after the last attempt. */
  private retryOrFail(claimed: ClaimedDelivery, response: string, subject?: string): [AttemptOutcome, DispatchResult] {
    if (claimed.attempts >= MAX_ATTEMPTS) {
      return [
        { status: DeliveryStatus.Failed, response, subject },
        { outcome: 'failed', attempts: claimed.attempts, reason: 'attempts-exhausted' },
      ];
    }
    const retryAt = new Date(this.clock.now().getTime() + retryDelayMs(claimed.attempts));
    return [
      { status: DeliveryStatus.Pending, nextAttemptAt: retryAt, response, subject },
      { outcome: 'retry', attempts: claimed.attempts, retryAt },
    ];
  }

  private superseded(claimed: ClaimedDelivery): DispatchResult {
    this.logger.warn({ deliveryId: claimed.id, attempts: claimed.attempts }, 'email claim lost to a newer attempt');
    return { outcome: 'superseded', attempts: claimed.attempts };
  }

  /** Why rows were not claimed: done, not due until some instant, or held by another attempt's live claim. */
  private async whyNotClaimed(ids: string[]): Promise<Map<string, DispatchResult>> {
    const results = new Map<string, DispatchResult>(ids.map((id) => [id, { outcome: 'done' }]));
    if (ids.length === 0) return results;
    for (const open of await this.deliveries.findOpen(ids)) results.set(open.id, waiting(open, this.clock.now()));
    return results;
  }
}

type ComposeOutcome = ComposedEmail | null | { failure: 'unknown-kind' | 'compose'; response: string };

/** How a batch's claimed rows end: recorded through one recorder, each row's result kept for the caller. */
class BatchOutcomes {
  constructor(
    private readonly results: Map<string, DispatchResult>,
    private readonly recorder: AttemptRecorder,
    private readonly transientFailure: (
      row: ClaimedDelivery,
      response: string,
      subject?: string,
    ) => [AttemptOutcome, DispatchResult],
    private readonly superseded: (row: ClaimedDelivery) => DispatchResult,
  ) {}

  async finish(row: ClaimedDelivery, outcome: AttemptOutcome, result: DispatchResult): Promise<void> {
    const recorded = await this.recorder.record({ id: row.id, attempts: row.attempts, outcome });
    this.settle(row, recorded ? result : this.superseded(row));
  }

  skip(row: ClaimedDelivery, response: string): Promise<void> {
    return this.finish(
      row,
      { status: DeliveryStatus.Skipped, response },
      { outcome: 'skipped', attempts: row.attempts },
    );
  }

  retryOrFail(row: ClaimedDelivery, response: string, subject?: string): Promise<void> {
    return this.finish(row, ...this.transientFailure(row, response, subject));
  }

  /** A result recorded elsewhere (in a transaction of its own). */
  settle(row: ClaimedDelivery, result: DispatchResult): void {
    this.results.set(row.id, result);
  }
}

function waiting(open: OpenDelivery, now: Date): DispatchResult {
  const until =
    open.status === DeliveryStatus.Sending && open.lockedUntil
      ? open.lockedUntil
      : // Due but held by another transaction's lock (its claim is committing): look again at once.
        new Date(Math.max(open.nextAttemptAt.getTime(), now.getTime()));
  return { outcome: 'waiting', attempts: open.attempts, until };
}

function toCompose(row: ClaimedDelivery, to: string): DeliveryToCompose {
  return {
    id: row.id,
    kind: row.kind,
    dedupeKey: row.dedupeKey,
    userId: row.userId,
    to,
    locale: row.locale,
    payload: row.payload,
  };
}

function groupByKind(items: InFlight[]): Map<string, InFlight[]> {
  const groups = new Map<string, InFlight[]>();
  for (const item of items) {
    const group = groups.get(item.claimed.kind);
    if (group) group.push(item);
    else groups.set(item.claimed.kind, [item]);
  }
  return groups;
}

function errorText(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
