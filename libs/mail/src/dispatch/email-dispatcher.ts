import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig, Clock } from '@app/core';
import { EmailComposerRegistry, type ComposedEmail, type DeliveryToCompose } from '../compose/email-composer';
import { DeliveryStatus } from '../ledger/email-delivery.entity';
import {
  EmailDeliveryRepository,
  type AttemptOutcome,
  type ClaimedDelivery,
} from '../ledger/email-delivery.repository';
import { EmailSuppressions } from '../ledger/email-suppressions';
import { MailDeliveryError } from '../transport/mail-delivery-error';
import { MailTransport, type SendResult } from '../transport/mail-transport';
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

/** Bookkeeping after a send is retried briefly: a lost "sent" would send the email again after the lease. */
const RECORD_RETRY_DELAYS_MS = [200, 1_000, 3_000];

/**
 * Sends one row of the email ledger, exactly once in effect: claim the row, compose it, send it, record the
 * outcome. Safe to call any number of times, concurrently, for the same id.
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
  ) {
    this.messageIdHost = new URL(config.PUBLIC_URL).hostname;
  }

  async dispatch(deliveryId: string): Promise<DispatchResult> {
    const claimed = await this.deliveries.claim(deliveryId, this.clock.now(), CLAIM_LEASE_MS);
    if (!claimed) return this.whyNotClaimed(deliveryId);

    if (!claimed.toAddress) {
      const response = "the recipient's address was erased";
      return this.finish(claimed, { status: DeliveryStatus.Skipped, response }, skipped(claimed));
    }

    const delivery: DeliveryToCompose = {
      id: claimed.id,
      kind: claimed.kind,
      dedupeKey: claimed.dedupeKey,
      userId: claimed.userId,
      to: claimed.toAddress,
      locale: claimed.locale,
      payload: claimed.payload,
    };
    // After the claim, before composing: a preference turned off or an address suppressed since the row was
    // queued stops it here, whatever job or retry carries it.
    let refusal: string | null;
    try {
      refusal = await this.gates.refusal(delivery);
    } catch (error) {
      return this.retryOrFail(claimed, `delivery gate failed: ${errorText(error)}`);
    }
    if (refusal) return this.finish(claimed, { status: DeliveryStatus.Skipped, response: refusal }, skipped(claimed));

    const composer = this.composers.get(claimed.kind);
    if (!composer) {
      // A deploy mistake (a worker without the domain that asked for this kind); the row says what to fix.
      const response = `no email composer is registered for kind "${claimed.kind}" in this worker`;
      return this.finish(
        claimed,
        { status: DeliveryStatus.Failed, response },
        { outcome: 'failed', attempts: claimed.attempts, reason: 'unknown-kind' },
      );
    }

    let composed: ComposedEmail | null;
    try {
      composed = await composer.compose(delivery);
    } catch (error) {
      return this.retryOrFail(claimed, `compose failed: ${errorText(error)}`);
    }
    if (!composed) {
      const response = 'the composer found nothing to send: the email no longer applies';
      return this.finish(claimed, { status: DeliveryStatus.Skipped, response }, skipped(claimed));
    }

    let sent: SendResult;
    try {
      sent = await this.transport.send({
        from: { name: this.config.MAIL_FROM_NAME, address: this.config.MAIL_FROM_ADDRESS },
        to: claimed.toAddress,
        subject: composed.subject,
        html: composed.html,
        text: composed.text,
        messageId: this.messageIdFor(claimed.dedupeKey),
        // RFC 3834: auto-responders should not answer.
        headers: { 'Auto-Submitted': 'auto-generated', ...composed.headers },
        attachments: composed.attachments,
      });
    } catch (error) {
      if (error instanceof MailDeliveryError && error.kind === 'permanent') {
        return this.failHardBounce(claimed, claimed.toAddress, error.response, composed.subject);
      }
      const response = error instanceof MailDeliveryError ? error.response : errorText(error);
      return this.retryOrFail(claimed, response, composed.subject);
    }

    // Outside the try above: a failure to record must never be taken for a failure to send.
    const outcome: AttemptOutcome = {
      status: DeliveryStatus.Sent,
      messageId: sent.messageId,
      response: sent.response,
      subject: composed.subject,
    };
    return this.finish(claimed, outcome, { outcome: 'sent', attempts: claimed.attempts }, RECORD_RETRY_DELAYS_MS);
  }

  /**
   * The same email always gets the same Message-ID, so if a crash between sending and recording makes us send
   * it again, mail clients show one message.
   */
  messageIdFor(dedupeKey: string): string {
    const hash = createHash('sha256').update(dedupeKey).digest('hex').slice(0, 32);
    return `<${hash}@${this.messageIdHost}>`;
  }

  /**
   * A 5xx: the row fails for good (never retried) and the address's hard-bounce count goes up, in one transaction
   * fenced like `finish`, so a superseded attempt counts nothing and no failure counts twice.
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
    if (recorded) return { outcome: 'failed', attempts: claimed.attempts, reason: 'permanent' };
    this.logger.warn({ deliveryId: claimed.id, attempts: claimed.attempts }, 'email claim lost to a newer attempt');
    return { outcome: 'superseded', attempts: claimed.attempts };
  }

  private async retryOrFail(claimed: ClaimedDelivery, response: string, subject?: string): Promise<DispatchResult> {
    if (claimed.attempts >= MAX_ATTEMPTS) {
      const outcome: AttemptOutcome = { status: DeliveryStatus.Failed, response, subject };
      return this.finish(claimed, outcome, {
        outcome: 'failed',
        attempts: claimed.attempts,
        reason: 'attempts-exhausted',
      });
    }
    const retryAt = new Date(this.clock.now().getTime() + retryDelayMs(claimed.attempts));
    const outcome: AttemptOutcome = { status: DeliveryStatus.Pending, nextAttemptAt: retryAt, response, subject };
    return this.finish(claimed, outcome, { outcome: 'retry', attempts: claimed.attempts, retryAt });
  }

  /** Records the attempt's outcome and returns `result`, unless a newer attempt owns the row by now. */
  private async finish(
    claimed: ClaimedDelivery,
    outcome: AttemptOutcome,
    result: DispatchResult,
    retryDelays: number[] = [],
  ): Promise<DispatchResult> {
    for (let retry = 0; ; retry++) {
      try {
        const recorded = await this.deliveries.finishAttempt(claimed.id, claimed.attempts, this.clock.now(), outcome);
        if (recorded) return result;
        this.logger.warn({ deliveryId: claimed.id, attempts: claimed.attempts }, 'email claim lost to a newer attempt');
        return { outcome: 'superseded', attempts: claimed.attempts };
      } catch (error) {
        const delay = retryDelays[retry];
        if (delay === undefined) throw error;
        await sleep(delay);
      }
    }
  }

  private async whyNotClaimed(deliveryId: string): Promise<DispatchResult> {
    const open = await this.deliveries.findOpen(deliveryId);
    if (!open) return { outcome: 'done' };
    const until = open.status === DeliveryStatus.Sending && open.lockedUntil ? open.lockedUntil : open.nextAttemptAt;
    return { outcome: 'waiting', attempts: open.attempts, until };
  }
}

const skipped = (claimed: ClaimedDelivery): DispatchResult => ({ outcome: 'skipped', attempts: claimed.attempts });

function errorText(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
