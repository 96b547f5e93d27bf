import { Injectable } from '@nestjs/common';
import type { KeyObject } from 'node:crypto';
import { Clock } from '@app/core';
import { BadgeUrls } from '../badge-urls';
import { expandSafely, fromPublicKeyMultibase, verifyCredential } from '../credentials';
import { isUuid, PublicBadgesRepository } from '../publication/public-badges.repository';
import { BitstringStatusList } from '../status-list/bitstring';

export type VerificationOutcome =
  'valid' | 'revoked' | 'expired' | 'not-yet-valid' | 'tampered' | 'unknown-issuer' | 'malformed';

/** What the credential claims, as far as it could be read (null when it is not a credential at all). */
export interface VerifiedCredentialSummary {
  id: string | null;
  name: string | null;
  issuer: { id: string; name: string | null } | null;
  validFrom: string | null;
  validUntil: string | null;
}

export interface CredentialVerdict {
  result: VerificationOutcome;
  /** Sentences for a person, in the order the checks ran; empty when valid. */
  reasons: string[];
  credential: VerifiedCredentialSummary | null;
}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const stringOr = (value: unknown): string | null => (typeof value === 'string' ? value : null);

/**
 * Verifies an Open Badges credential as a careful third party would, using only what we publish: the proof against
 * the issuer's keys (retired ones too), that the key is the issuer's own, safe-mode JSON-LD, the status list
 * credential (its own proof, then the bit) and the validity window on the injected clock. It never fetches: a
 * credential of an issuer that is not ours is `unknown-issuer`. Never throws on bad input.
 */
@Injectable()
export class CredentialVerifier {
  constructor(
    private readonly clock: Clock,
    private readonly urls: BadgeUrls,
    private readonly published: PublicBadgesRepository,
  ) {}

  async verify(input: unknown): Promise<CredentialVerdict> {
    if (!isObject(input)) {
      return { result: 'malformed', reasons: ['The input is not a JSON object (a credential).'], credential: null };
    }
    const summary = summarize(input);
    const verdict = (result: VerificationOutcome, reasons: string[]): CredentialVerdict => ({
      result,
      reasons,
      credential: summary,
    });

    const types = Array.isArray(input.type) ? input.type : [input.type];
    if (!types.includes('VerifiableCredential') || !summary.issuer) {
      return verdict('malformed', ['This is not a verifiable credential: it needs a type and an issuer.']);
    }
    const issuerId = this.ourId(summary.issuer.id, this.urls.issuer(''));
    const issuer = issuerId ? await this.published.findIssuer(issuerId) : null;
    if (!issuerId || !issuer) {
      return verdict('unknown-issuer', [
        `The issuer ${summary.issuer.id} is not one of ours; this service verifies only credentials it issued.`,
      ]);
    }
    summary.issuer.name = issuer.name;

    try {
      await expandSafely(input);
    } catch (error) {
      return verdict('malformed', [
        `The credential is not valid JSON-LD under its contexts (every term must be defined): ${messageOf(error)}`,
      ]);
    }

    const proof = await verifyCredential(input, (method) => this.issuerKey(issuerId, method));
    if (!proof.verified) return verdict('tampered', proof.reasons);

    const status = await this.checkStatus(input.credentialStatus, issuerId);
    if (status.problem) return verdict('tampered', [status.problem]);
    if (status.revoked) return verdict('revoked', [status.revoked]);

    const now = this.clock.now();
    const validFrom = summary.validFrom ? Date.parse(summary.validFrom) : NaN;
    const validUntil = summary.validUntil ? Date.parse(summary.validUntil) : null;
    if (Number.isNaN(validFrom) || (validUntil !== null && Number.isNaN(validUntil))) {
      return verdict('malformed', ['validFrom (required) and validUntil must be dates.']);
    }
    if (validUntil !== null && now.getTime() > validUntil) {
      return verdict('expired', [`The credential expired on ${summary.validUntil}.`]);
    }
    if (now.getTime() < validFrom) {
      return verdict('not-yet-valid', [`The credential is valid only from ${summary.validFrom}.`]);
    }
    return verdict('valid', []);
  }

  /** The id at the end of one of our URLs (`<prefix><uuid>`), or null for anything else. */
  private ourId(url: string, prefix: string): string | null {
    if (!url.startsWith(prefix)) return null;
    const id = url.slice(prefix.length);
    return isUuid(id) ? id : null;
  }

  /**
   * Resolves a verification method to a public key only when it is one of the issuer's own (retired keys included):
   * a credential signed with another issuer's key, however valid the signature, does not speak for this issuer.
   */
  private async issuerKey(issuerId: string, verificationMethod: string): Promise<KeyObject | undefined> {
    const keyId = this.ourId(verificationMethod, this.urls.key(issuerId, ''));
    if (!keyId) {
      throw new Error(`it is not a key of the credential's issuer ${this.urls.issuer(issuerId)}`);
    }
    const key = await this.published.findKey(issuerId, keyId);
    return key ? fromPublicKeyMultibase(key.publicKeyMultibase) : undefined;
  }

  /** Reads our status list credential, checks its proof, then the bit. A credential without status is not revocable. */
  private async checkStatus(entry: unknown, issuerId: string): Promise<{ problem?: string; revoked?: string }> {
    if (entry === undefined) return {};
    const entries = Array.isArray(entry) ? entry : [entry];
    for (const status of entries) {
      if (!isObject(status) || status.type !== 'BitstringStatusListEntry') {
        return { problem: 'credentialStatus is not a BitstringStatusListEntry.' };
      }
      if (status.statusPurpose !== 'revocation') continue;
      const listUrl = stringOr(status.statusListCredential) ?? '';
      const listId = this.ourId(listUrl, this.urls.statusList(''));
      const index = Number(status.statusListIndex);
      if (!listId || typeof status.statusListIndex !== 'string' || !Number.isInteger(index) || index < 0) {
        return { problem: `The status entry does not point into one of the issuer's status lists (${listUrl}).` };
      }
      const list = await this.published.findStatusList(listId);
      if (!list || list.issuerId !== issuerId) {
        return { problem: `The status list ${listUrl} is not one of the issuer's.` };
      }
      const listProof = await verifyCredential(list.credential, (method) => this.issuerKey(issuerId, method));
      if (!listProof.verified) {
        return { problem: `The status list ${listUrl} does not verify: ${listProof.reasons.join(' ')}` };
      }
      const subject = list.credential.credentialSubject;
      let revoked: boolean;
      try {
        const encoded = isObject(subject) ? stringOr(subject.encodedList) : null;
        revoked = BitstringStatusList.decode(encoded ?? '').get(index);
      } catch (error) {
        return { problem: `The status list ${listUrl} cannot be read: ${messageOf(error)}` };
      }
      if (revoked) {
        const reason = await this.published.findRevocationReason(listId, index);
        return { revoked: `The issuer revoked this credential${reason ? `: ${reason}` : '.'}` };
      }
    }
    return {};
  }
}

function summarize(credential: Json): VerifiedCredentialSummary {
  const issuer = credential.issuer;
  const issuerId = isObject(issuer) ? stringOr(issuer.id) : stringOr(issuer);
  return {
    id: stringOr(credential.id),
    name: stringOr(credential.name),
    issuer: issuerId ? { id: issuerId, name: isObject(issuer) ? stringOr(issuer.name) : null } : null,
    validFrom: stringOr(credential.validFrom),
    validUntil: stringOr(credential.validUntil),
  };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
