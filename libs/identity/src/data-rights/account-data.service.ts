import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock, Outbox, PersonalDataRegistry, ResourceNotFoundError } from '@app/core';
import { PasswordHasher } from '../credentials/password-hasher';
import { IdentityError, IdentityErrorCode } from '../identity.errors';
import { UserRepository } from '../users/user.repository';
import { IdentityEvent } from '../identity.events';

export interface DataExport {
  exportedAt: Date;
  userId: string;
  /** One section per domain: account, emails, and more as domains are added. */
  sections: Record<string, unknown>;
}

/** A person's rights over their data: a complete export, and erasure of the account. */
@Injectable()
export class AccountDataService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly hasher: PasswordHasher,
    private readonly registry: PersonalDataRegistry,
    private readonly users: UserRepository,
    private readonly outbox: Outbox,
  ) {}

  /** Read in one repeatable-read snapshot so sections agree with each other. */
  async export(userId: string): Promise<DataExport> {
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      if (!(await this.users.findActiveById(userId, manager))) throw new ResourceNotFoundError('user');
      const sections: Record<string, unknown> = {};
      for (const contributor of this.registry.all()) {
        sections[contributor.section] = await contributor.export(manager, userId);
      }
      return { exportedAt: this.clock.now(), userId, sections };
    });
  }

  /**
   * Deletes the account: every domain erases its share in one transaction, so a crash leaves either the whole
   * account or none of its personal data. The owner must confirm with their password; an admin need not.
   */
  async delete(userId: string, confirmation: { password: string } | 'admin'): Promise<void> {
    const user = await this.users.findActiveById(userId);
    if (!user) throw new ResourceNotFoundError('user');
    if (confirmation !== 'admin' && !(await this.hasher.verify(confirmation.password, user.passwordHash))) {
      throw new IdentityError(IdentityErrorCode.PasswordIncorrect, 'password');
    }
    await this.dataSource.transaction(async (manager) => {
      if (!(await this.users.lockActiveById(manager, userId))) throw new ResourceNotFoundError('user');
      // Identity's own contributor runs last: others may still need the account row as it was.
      const contributors = [...this.registry.all()].sort(
        (a, b) => Number(a.section === 'account') - Number(b.section === 'account'),
      );
      for (const contributor of contributors) await contributor.erase(manager, userId);
      await this.outbox.record(manager, IdentityEvent.UserDeleted, userId, { userId });
    });
  }
}
