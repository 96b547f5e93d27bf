import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type Redis from 'ioredis';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { AppConfig, RateLimitedError, REDIS } from '@app/core';

/** Keys by address without putting the address itself into Redis. */
const emailKey = (email: string): string => createHash('sha256').update(email.trim().toLowerCase()).digest('hex');

/**
 * Counters for login, registration and emails sent on request, kept in Redis so every API replica sees the
 * same counts.
 */
@Injectable()
export class AuthRateLimits {
  private readonly loginPerIp: RateLimiterRedis;
  private readonly loginPerEmail: RateLimiterRedis;
  private readonly registerPerIp: RateLimiterRedis;
  private readonly mailPerEmail: RateLimiterRedis;

  constructor(config: AppConfig, @Inject(REDIS) redis: Redis) {
    const limiter = (name: string, points: number, duration: number): RateLimiterRedis =>
      new RateLimiterRedis({ storeClient: redis, keyPrefix: `${config.REDIS_PREFIX}:rl:${name}`, points, duration });
    this.loginPerIp = limiter('login-ip', config.RATE_LIMIT_LOGIN_PER_IP_PER_MINUTE, 60);
    this.loginPerEmail = limiter('login-email', config.RATE_LIMIT_LOGIN_PER_EMAIL_PER_15_MINUTES, 15 * 60);
    this.registerPerIp = limiter('register-ip', config.RATE_LIMIT_REGISTER_PER_IP_PER_HOUR, 3600);
    this.mailPerEmail = limiter('mail-email', config.RATE_LIMIT_MAIL_PER_EMAIL_PER_HOUR, 3600);
  }

  async login(ip: string, email: string): Promise<void> {
    await consume(this.loginPerIp, ip);
    await consume(this.loginPerEmail, emailKey(email));
  }

  /** A successful login clears the per-email count, so a user's own typos do not lock them out later. */
  async loginSucceeded(email: string): Promise<void> {
    await this.loginPerEmail.delete(emailKey(email));
  }

  register(ip: string): Promise<void> {
    return consume(this.registerPerIp, ip);
  }

  /** Verification and reset emails sent on request, per address. */
  mailRequest(email: string): Promise<void> {
    return consume(this.mailPerEmail, emailKey(email));
  }
}

async function consume(limiter: RateLimiterRedis, key: string): Promise<void> {
  try {
    await limiter.consume(key);
  } catch (outcome) {
    if (outcome instanceof RateLimiterRes) throw new RateLimitedError(outcome.msBeforeNext / 1000);
    throw outcome;
  }
}
