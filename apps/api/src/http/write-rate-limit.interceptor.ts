import {
  type CallHandler,
  type ExecutionContext,
  Inject,
  Injectable,
  type NestInterceptor,
  SetMetadata,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import type Redis from 'ioredis';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import type { Observable } from 'rxjs';
import { AppConfig, RateLimitedError, REDIS } from '@app/core';
import type { AuthenticatedRequest } from '../auth/auth.decorators';

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const WINDOW_SECONDS = 60;
const WITHOUT_WRITE_LIMIT = Symbol('withoutWriteLimit');

/**
 * A write that mail providers' servers make on people's behalf (RFC 8058 one-click unsubscribe): thousands of
 * people behind a few provider addresses, each request already bound to one person by a signed token.
 */
export const WithoutWriteLimit = (): MethodDecorator => SetMetadata(WITHOUT_WRITE_LIMIT, true);

/** One counter's answer, for the RateLimit-* headers. */
interface Budget {
  limit: number;
  remaining: number;
  resetSeconds: number;
  exceeded: boolean;
}

/**
 * A budget of writes per client address and per signed-in account, on every POST/PUT/PATCH/DELETE route, counted
 * in Redis so every API replica shares the counts. An interceptor, not a guard: interceptors run after every guard,
 * so the access guard has already set `req.actor`, and a request refused by a guard (401, 403) costs nothing.
 * Write responses carry RateLimit-Limit/-Remaining/-Reset (IETF draft "RateLimit header fields for HTTP") for the
 * tighter of the two budgets; a refusal is 429 problem+json with Retry-After, from the shared error filter.
 */
@Injectable()
export class WriteRateLimitInterceptor implements NestInterceptor {
  private readonly perIp: RateLimiterRedis;
  private readonly perAccount: RateLimiterRedis;

  constructor(
    config: AppConfig,
    @Inject(REDIS) redis: Redis,
    private readonly reflector: Reflector,
  ) {
    const limiter = (name: string, points: number): RateLimiterRedis =>
      new RateLimiterRedis({
        storeClient: redis,
        keyPrefix: `${config.REDIS_PREFIX}:rl:${name}`,
        points,
        duration: WINDOW_SECONDS,
      });
    this.perIp = limiter('writes-ip', config.RATE_LIMIT_WRITES_PER_IP_PER_MINUTE);
    this.perAccount = limiter('writes-user', config.RATE_LIMIT_WRITES_PER_USER_PER_MINUTE);
  }

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const req = context.switchToHttp().getRequest<Request & AuthenticatedRequest>();
    if (context.getType() !== 'http' || !WRITE_METHODS.has(req.method)) return next.handle();
    if (this.reflector.get<boolean | undefined>(WITHOUT_WRITE_LIMIT, context.getHandler())) return next.handle();

    // req.ip honours TRUST_PROXY ('trust proxy' in bootstrap), as the login limits do.
    const budgets = [await take(this.perIp, req.ip ?? 'unknown')];
    if (req.actor && !budgets[0]!.exceeded) budgets.push(await take(this.perAccount, req.actor.userId));

    const tightest = budgets.reduce((a, b) => (b.exceeded || (!a.exceeded && b.remaining < a.remaining) ? b : a));
    const res = context.switchToHttp().getResponse<Response>();
    res.setHeader('RateLimit-Limit', String(tightest.limit));
    res.setHeader('RateLimit-Remaining', String(tightest.remaining));
    res.setHeader('RateLimit-Reset', String(tightest.resetSeconds));
    if (tightest.exceeded) throw new RateLimitedError(tightest.resetSeconds);
    return next.handle();
  }
}

async function take(limiter: RateLimiterRedis, key: string): Promise<Budget> {
  const answer = (res: RateLimiterRes, exceeded: boolean): Budget => ({
    limit: limiter.points,
    remaining: res.remainingPoints,
    resetSeconds: Math.max(1, Math.ceil(res.msBeforeNext / 1000)),
    exceeded,
  });
  try {
    return answer(await limiter.consume(key), false);
  } catch (outcome) {
    if (outcome instanceof RateLimiterRes) return answer(outcome, true);
    throw outcome;
  }
}
