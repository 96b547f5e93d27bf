import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { Request, RequestHandler, Response } from 'express';
import multer, { MulterError } from 'multer';
import type { Observable } from 'rxjs';
import { AppConfig, InvalidInputError, type DomainError } from '@app/core';
import { PeerReviewError, PeerReviewErrorCode } from '@app/peer-review';

export const UPLOAD_FIELD = 'file';

/**
 * Reads a multipart/form-data body holding one part, the file in field `file`, into memory (never to disk: every
 * replica must serve what any one took in, so the bytes go to the attachment store). It runs after the guards, so no
 * body is read for someone who may not upload, and stops reading past PEER_REVIEW_ATTACHMENT_MAX_BYTES (413).
 */
@Injectable()
export class AttachmentUploadInterceptor implements NestInterceptor {
  private readonly parse: RequestHandler;

  constructor(config: AppConfig) {
    this.parse = multer({
      storage: multer.memoryStorage(),
      // File names sent as raw UTF-8 (as browsers do) rather than RFC 5987 are read as UTF-8, not Latin-1.
      defParamCharset: 'utf8',
      limits: {
        fileSize: config.PEER_REVIEW_ATTACHMENT_MAX_BYTES,
        files: 1,
        fields: 0,
        parts: 1,
        fieldNameSize: 100,
        headerPairs: 20,
      },
    }).single(UPLOAD_FIELD);
  }

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const http = context.switchToHttp();
    await new Promise<void>((resolve, reject) => {
      this.parse(http.getRequest<Request>(), http.getResponse<Response>(), (error?: unknown) =>
        error ? reject(uploadProblem(error)) : resolve(),
      );
    });
    return next.handle();
  }
}

function uploadProblem(error: unknown): DomainError {
  if (error instanceof MulterError && error.code === 'LIMIT_FILE_SIZE') {
    return new PeerReviewError(PeerReviewErrorCode.AttachmentTooLarge, UPLOAD_FIELD);
  }
  const message =
    error instanceof MulterError
      ? `Send one part only: the file, in a field named "${UPLOAD_FIELD}".`
      : 'The multipart/form-data body could not be read.';
  return new InvalidInputError([{ field: UPLOAD_FIELD, message }]);
}
