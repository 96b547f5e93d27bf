import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { IdentityError, IdentityErrorCode } from '../identity.errors';
import { UserRepository } from '../users/user.repository';

/**
 * The rule about unverified email addresses, for every library: an account whose owner never confirmed its
 * address publishes nothing other people see (a course version, a study group, a cohort, a thread or post, an
 * announcement), because nobody can be reached or held to account through it. Joining, enrolling, RSVPs and
 * private drafts stay open to it. Callers ask here right before publishing; a primary-key read, on writes only.
 */
@Injectable()
export class VerifiedEmailPolicy {
  constructor(private readonly users: UserRepository) {}

  /** Throws 403 `email_not_verified` unless `userId` is an active account with a verified address. */
  async require(userId: string, manager?: EntityManager): Promise<void> {
    const user = await this.users.findActiveById(userId, manager);
    if (!user?.emailVerifiedAt) throw new IdentityError(IdentityErrorCode.EmailNotVerified);
  }
}
