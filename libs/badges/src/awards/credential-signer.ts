import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { availableParallelism } from 'node:os';
import { signCredentials, type SignedCredential, type UnsignedCredential } from '../credentials';
import type { SigningKey } from '../issuers/issuer-keys.service';
import { SigningPool } from './signing-pool';

/** Below this many credentials a batch is signed in this thread: handing it to threads would cost more than it saves. */
export const POOL_MIN_BATCH = 32;

/**
 * Signs credentials with an issuer's key (eddsa-rdfc-2022); the one place awards are signed. Large batches (a
 * cohort's worth of rule awards) are spread over a thread per core, since signing is CPU-bound (~5 ms a credential
 * in jsonld's canonization); the threads run the same `signCredentials`, so the output does not depend on the path.
 */
@Injectable()
export class CredentialSigner implements OnModuleDestroy {
  private readonly pool = availableParallelism() > 1 ? new SigningPool(availableParallelism()) : null;

  async signAll(
    unsigned: readonly UnsignedCredential[],
    key: SigningKey,
    verificationMethod: string,
    created: Date,
  ): Promise<SignedCredential[]> {
    if (this.pool && unsigned.length >= POOL_MIN_BATCH) {
      return this.pool.signAll(unsigned, key.privateKey, verificationMethod, created);
    }
    return signCredentials(unsigned, { privateKey: key.privateKey, verificationMethod, created });
  }

  async onModuleDestroy(): Promise<void> {
    await this.pool?.close();
  }
}
