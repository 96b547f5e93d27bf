import { Injectable } from '@nestjs/common';
import { AppConfig } from '@app/core';

/**
 * The public, dereferenceable URLs of everything a verifier reads (under PUBLIC_URL, served by the API without
 * authentication). They are ids inside signed credentials: never change their shape.
 */
@Injectable()
export class BadgeUrls {
  private readonly base: string;
  private readonly origin: string;

  constructor(config: AppConfig) {
    this.origin = config.PUBLIC_URL.replace(/\/$/, '');
    this.base = `${this.origin}/api/v1/badges`;
  }

  /** The web app's verify page, where a person uploads a badge file (not inside credentials: free to move). */
  verifyPage(): string {
    return `${this.origin}/verify`;
  }

  /** The issuer's Profile, which is also the controller document of its keys. */
  issuer(issuerId: string): string {
    return `${this.base}/issuers/${issuerId}`;
  }

  /** One key as a Multikey document (a verification method). */
  key(issuerId: string, keyId: string): string {
    return `${this.base}/issuers/${issuerId}/keys/${keyId}`;
  }

  achievement(achievementId: string): string {
    return `${this.base}/achievements/${achievementId}`;
  }

  achievementImage(achievementId: string): string {
    return `${this.base}/achievements/${achievementId}/image`;
  }

  credential(awardId: string): string {
    return `${this.base}/credentials/${awardId}`;
  }

  bakedImage(awardId: string, format: 'png' | 'svg'): string {
    return `${this.base}/credentials/${awardId}/badge.${format}`;
  }

  statusList(statusListId: string): string {
    return `${this.base}/status-lists/${statusListId}`;
  }
}
