import { Injectable, Module, type OnModuleInit } from '@nestjs/common';
import { fromRepoRoot } from '@app/core';
import {
  EmailComposerRegistry,
  TemplateRenderer,
  type ComposedEmail,
  type DeliveryToCompose,
  type EmailComposer,
  type TemplateSet,
} from '@app/mail';

export const GREETING_KIND = 'test.greeting';
const FIXTURES: TemplateSet = { dir: fromRepoRoot('libs', 'mail', 'test', 'fixtures', 'templates') };

/** What a test puts in a greeting's payload to steer its composer. */
export interface GreetingPayload {
  name?: string;
  /** The email no longer applies: compose returns null. */
  skip?: boolean;
  /** Wait for `ComposeGate.open()` before composing (an email in flight during shutdown). */
  gated?: boolean;
  [key: string]: unknown;
}

/** Holds gated compositions until a test opens it; tells the test when one is waiting. */
@Injectable()
export class ComposeGate {
  private opened = false;
  private release: (() => void) | undefined;
  private readonly released = new Promise<void>((resolve) => (this.release = resolve));
  private enteredResolve: (() => void) | undefined;
  /** Resolves when a gated composition is waiting. */
  readonly entered = new Promise<void>((resolve) => (this.enteredResolve = resolve));

  async pass(): Promise<void> {
    this.enteredResolve?.();
    if (!this.opened) await this.released;
  }

  open(): void {
    this.opened = true;
    this.release?.();
  }
}

/** A composer like a domain's: reloads nothing, renders the fixture templates with the payload. */
@Injectable()
export class GreetingComposer implements EmailComposer, OnModuleInit {
  readonly kind = GREETING_KIND;

  constructor(
    private readonly registry: EmailComposerRegistry,
    private readonly renderer: TemplateRenderer,
    private readonly gate: ComposeGate,
  ) {}

  onModuleInit(): void {
    this.registry.register(this);
  }

  async compose(delivery: DeliveryToCompose): Promise<ComposedEmail | null> {
    const payload = delivery.payload as GreetingPayload;
    if (payload.gated) await this.gate.pass();
    if (payload.skip) return null;
    const rendered = this.renderer.render(FIXTURES, 'greeting', delivery.locale, {
      name: payload.name ?? 'Ana',
      startsAt: '2026-03-10T14:00:00Z',
      timeZone: 'America/La_Paz',
    });
    return {
      ...rendered,
      headers: { 'List-Unsubscribe': '<https://learn.example.org/unsubscribe/t0ken>' },
      attachments: [
        { filename: 'meeting.ics', content: 'BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n', contentType: 'text/calendar' },
      ],
    };
  }
}

/** Registers the test composers, as a domain module registers its own. */
@Module({ providers: [GreetingComposer, ComposeGate], exports: [ComposeGate] })
export class TestComposersModule {}
