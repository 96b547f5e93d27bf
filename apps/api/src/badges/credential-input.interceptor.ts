import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import express, { type Request, type RequestHandler, type Response } from 'express';
import type { Observable } from 'rxjs';
import { BadgeError, BadgeErrorCode, CREDENTIAL_INPUT_FIELD } from '@app/badges';

/** Baked badges are images of a few hundred kilobytes at most; a larger body is not one of ours. */
export const CREDENTIAL_IMAGE_MAX_BYTES = 2 * 1024 * 1024;
export const CREDENTIAL_IMAGE_TYPES = ['image/png', 'image/svg+xml'];
/** JSON and its suffixed types (application/ld+json, application/vc+ld+json), as JsonBodyMiddleware parses them. */
export const JSON_TYPES = ['application/json', 'application/*+json'];

interface ParserError {
  type?: string;
}

/**
 * Reads a baked image's bytes (PNG or SVG) into `req.body` as a Buffer, after the guards and the write limit.
 * JSON bodies were already parsed by JsonBodyMiddleware; any other type is refused (415).
 */
@Injectable()
export class CredentialInputInterceptor implements NestInterceptor {
  private readonly parse: RequestHandler = express.raw({
    type: CREDENTIAL_IMAGE_TYPES,
    limit: CREDENTIAL_IMAGE_MAX_BYTES,
  });

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const http = context.switchToHttp();
    const req = http.getRequest<Request>();
    if (req.is(JSON_TYPES)) return next.handle();
    if (!req.is(CREDENTIAL_IMAGE_TYPES)) {
      throw new BadgeError(BadgeErrorCode.UnsupportedCredentialInput, CREDENTIAL_INPUT_FIELD);
    }
    await new Promise<void>((resolve, reject) => {
      this.parse(req, http.getResponse<Response>(), (error?: unknown) => {
        if (!error) return resolve();
        const tooLarge = (error as ParserError).type === 'entity.too.large';
        reject(
          new BadgeError(
            tooLarge ? BadgeErrorCode.CredentialInputTooLarge : BadgeErrorCode.UnreadableCredential,
            CREDENTIAL_INPUT_FIELD,
          ),
        );
      });
    });
    return next.handle();
  }
}
