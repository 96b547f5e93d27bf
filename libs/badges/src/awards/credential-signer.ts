import { Injectable } from '@nestjs/common';
import { signCredential, type SignedCredential, type UnsignedCredential } from '../credentials';
import type { SigningKey } from '../issuers/issuer-keys.service';

/** Signs credentials with an issuer's key (eddsa-rdfc-2022); the one place awards are signed. */
@Injectable()
export class CredentialSigner {
  async signAll(
    unsigned: readonly UnsignedCredential[],
    key: SigningKey,
    verificationMethod: string,
    created: Date,
  ): Promise<SignedCredential[]> {
    const signed: SignedCredential[] = [];
    for (const credential of unsigned) {
      signed.push(await signCredential(credential, { privateKey: key.privateKey, verificationMethod, created }));
    }
    return signed;
  }
}
