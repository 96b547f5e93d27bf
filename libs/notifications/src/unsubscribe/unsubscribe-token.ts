import { createHmac, timingSafeEqual } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AppConfig } from '@app/core';
import { NotificationCategory } from '../schedule/notification-kind';

/** Bumped if the token layout changes; old links then stop verifying (and say so: 400 naming `token`). */
const TOKEN_VERSION = 'u1';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const CATEGORIES = new Set<string>(Object.values(NotificationCategory));

export interface UnsubscribeClaim {
  userId: string;
  category: NotificationCategory;
}

/**
 * Signed one-click unsubscribe tokens: `<version>.<userId>.<category>.<HMAC-SHA256, base64url>`. Stateless (no row
 * to look up) and without expiry, because RFC 8058 links in mail already delivered must keep working; the user id
 * is signed in, so a token only ever changes that one person's preferences.
 */
@Injectable()
export class UnsubscribeTokens {
  constructor(private readonly config: AppConfig) {}

  sign(userId: string, category: NotificationCategory): string {
    return `${TOKEN_VERSION}.${userId}.${category}.${this.mac(userId, category).toString('base64url')}`;
  }

  /** The claim a genuine token carries, or null for anything forged, truncated or malformed. */
  verify(token: string): UnsubscribeClaim | null {
    const parts = token.split('.');
    if (parts.length !== 4) return null;
    const [version, userId, category, signature] = parts as [string, string, string, string];
    if (version !== TOKEN_VERSION || !UUID.test(userId) || !CATEGORIES.has(category)) return null;
    // Compared as text, not decoded bytes: base64url decoding forgives stray characters and the last character's
    // unused bits, so two different strings could decode to the same MAC.
    const expected = Buffer.from(this.mac(userId, category as NotificationCategory).toString('base64url'));
    const given = Buffer.from(signature);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    return { userId, category: category as NotificationCategory };
  }

  private mac(userId: string, category: NotificationCategory): Buffer {
    return createHmac('sha256', this.config.UNSUBSCRIBE_SECRET)
      .update(`${TOKEN_VERSION}\n${userId}\n${category}`)
      .digest();
  }
}
