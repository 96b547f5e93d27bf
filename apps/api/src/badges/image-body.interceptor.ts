import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import express, { type Request, type RequestHandler, type Response } from 'express';
import type { Observable } from 'rxjs';
import { BADGE_IMAGE_MAX_BYTES, BadgeError, BadgeErrorCode } from '@app/badges';

/**
 * Reads a raw `image/png` or `image/svg+xml` body into `req.body` (a Buffer), after the guards (no bytes are read
 * for someone who may not upload), and stops past BADGE_IMAGE_MAX_BYTES with a 413. The bytes decide the type.
 */
@Injectable()
export class ImageBodyInterceptor implements NestInterceptor {
  private readonly parse: RequestHandler = express.raw({
    type: ['image/png', 'image/svg+xml'],
    limit: BADGE_IMAGE_MAX_BYTES,
  });

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const http = context.switchToHttp();
    const req = http.getRequest<Request>();
    await new Promise<void>((resolve, reject) => {
      this.parse(req, http.getResponse<Response>(), (error?: unknown) => {
        if (!error) return resolve();
        const status = (error as { status?: number }).status;
        reject(new BadgeError(status === 413 ? BadgeErrorCode.ImageTooLarge : BadgeErrorCode.ImageUnsupported, 'body'));
      });
    });
    if (!Buffer.isBuffer(req.body)) throw new BadgeError(BadgeErrorCode.ImageUnsupported, 'body');
    return next.handle();
  }
}
