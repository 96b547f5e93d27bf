import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig, fromRepoRoot } from '@app/core';
import {
  EmailComposerRegistry,
  TemplateRenderer,
  type ComposedEmail,
  type DeliveryToCompose,
  type EmailComposer,
  type TemplateSet,
} from '@app/mail';
import { TokenPurpose } from '../tokens/user-token.entity';
import { UserTokens } from '../tokens/user-tokens';
import { UserRepository } from '../users/user.repository';
import { IdentityMailKind } from './identity-mails';

const TEMPLATES: TemplateSet = { dir: fromRepoRoot('libs', 'identity', 'templates') };

/**
 * Composes a link email: makes a fresh single-use token at send time (so no secret waits in the ledger or the
 * queue) and renders the template with it.
 */
// Decorated so its constructor's parameter types are recorded; the subclasses inherit them.
@Injectable()
abstract class LinkEmailComposer implements EmailComposer, OnModuleInit {
  abstract readonly kind: IdentityMailKind;
  protected abstract readonly purpose: TokenPurpose;
  protected abstract readonly template: string;
  protected abstract readonly path: string;

  constructor(
    private readonly registry: EmailComposerRegistry,
    private readonly renderer: TemplateRenderer,
    private readonly dataSource: DataSource,
    private readonly tokens: UserTokens,
    private readonly users: UserRepository,
    private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.registry.register(this);
  }

  async compose(delivery: DeliveryToCompose): Promise<ComposedEmail | null> {
    const user = delivery.userId ? await this.users.findActiveById(delivery.userId) : null;
    if (!user || !this.stillWanted(user)) return null;
    const token = await this.dataSource.transaction((manager) => this.tokens.issue(manager, user.id, this.purpose));
    const link = new URL(this.path, this.config.PUBLIC_URL);
    link.searchParams.set('token', token);
    return this.renderer.render(TEMPLATES, this.template, delivery.locale, {
      displayName: user.displayName,
      link: link.toString(),
      token,
    });
  }

  protected stillWanted(_user: { emailVerifiedAt: Date | null }): boolean {
    return true;
  }
}

@Injectable()
export class VerifyEmailComposer extends LinkEmailComposer {
  readonly kind = IdentityMailKind.VerifyEmail;
  protected readonly purpose = TokenPurpose.VerifyEmail;
  protected readonly template = 'verify-email';
  protected readonly path = '/verify-email';

  /** Already verified (e.g. through an earlier link): nothing to send. */
  protected override stillWanted(user: { emailVerifiedAt: Date | null }): boolean {
    return user.emailVerifiedAt === null;
  }
}

@Injectable()
export class PasswordResetComposer extends LinkEmailComposer {
  readonly kind = IdentityMailKind.PasswordReset;
  protected readonly purpose = TokenPurpose.ResetPassword;
  protected readonly template = 'password-reset';
  protected readonly path = '/reset-password';
}
