import { Get, Param, Post, Req, Res, UseInterceptors } from '@nestjs/common';
import {
  ApiBody,
  ApiConflictResponse,
  ApiConsumes,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiHeader,
  ApiOkResponse,
  ApiPayloadTooLargeResponse,
  ApiProduces,
  ApiUnsupportedMediaTypeResponse,
} from '@nestjs/swagger';
import { create as contentDisposition } from 'content-disposition';
import type { Request, Response } from 'express';
import { InvalidInputError, type Actor } from '@app/core';
import { CohortAction, CohortPolicy } from '@app/cohorts';
import { AttachmentsService, asciiFileName } from '@app/peer-review';
import { Authorize, CurrentActor, VerifiedEmailRequired } from '../auth/auth.decorators';
import { ProblemDto } from '../http/problem.dto';
import { uuidParam } from '../http/uuid-param';
import { AttachmentUploadInterceptor, UPLOAD_FIELD } from './attachment-upload.interceptor';
import { AttachmentDto, AttachmentUploadDto } from './attachments.dto';
import { ASSIGNMENT_ROUTE, PeerReviewRoutes } from './peer-review-routes';

/**
 * Files on submissions: a learner uploads one (its type told by its bytes), then lists its id in `attachmentIds` of
 * a submission. Downloads go only to those who may see that submission version; to anyone else it does not exist.
 */
@PeerReviewRoutes({
  notFound: 'No such cohort or assignment, attachment_not_found (also when it is not yours to see)',
  forbidden: 'Not an active learner of the cohort',
})
export class AttachmentsController {
  constructor(private readonly attachments: AttachmentsService) {}

  @Post(`${ASSIGNMENT_ROUTE}/attachments`)
  @VerifiedEmailRequired()
  @Authorize(CohortPolicy, CohortAction.Participate, 'cohortId')
  @UseInterceptors(AttachmentUploadInterceptor)
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: AttachmentUploadDto })
  @ApiCreatedResponse({ type: AttachmentDto, description: 'Stored, not yet part of a submission (gone after a day)' })
  @ApiForbiddenResponse({ type: ProblemDto, description: 'learners_only, email_not_verified' })
  @ApiPayloadTooLargeResponse({ type: ProblemDto, description: 'attachment_too_large (field `file`)' })
  @ApiUnsupportedMediaTypeResponse({
    type: ProblemDto,
    description: 'attachment_type_refused (field `file`): the bytes are not of an accepted type',
  })
  @ApiConflictResponse({
    type: ProblemDto,
    description: 'module_not_released, attachments_disabled, too_many_unbound_attachments',
  })
  upload(
    @CurrentActor() actor: Actor,
    @Param('cohortId') cohortId: string,
    @Param('assignmentId', uuidParam('assignmentId')) assignmentId: string,
    @Req() request: Request,
  ): Promise<AttachmentDto> {
    const file = request.file;
    if (!file) {
      throw new InvalidInputError([
        { field: UPLOAD_FIELD, message: `Send the file as multipart/form-data in a field named "${UPLOAD_FIELD}".` },
      ]);
    }
    return this.attachments.upload(actor, cohortId, assignmentId, {
      originalName: file.originalname,
      bytes: file.buffer,
    });
  }

  @Get(`${ASSIGNMENT_ROUTE}/attachments/:attachmentId`)
  @Authorize(CohortPolicy, CohortAction.View, 'cohortId')
  @ApiProduces('application/octet-stream')
  @ApiHeader({ name: 'If-None-Match', required: false, description: 'The ETag had before: 304 when unchanged' })
  @ApiOkResponse({
    description:
      'The bytes, with the detected Content-Type, `X-Content-Type-Options: nosniff`, a `Content-Disposition: ' +
      'attachment` with an ASCII `filename` and the exact UTF-8 `filename*`, an ETag and `Repr-Digest` from the SHA-256',
    schema: { type: 'string', format: 'binary' },
  })
  async download(
    @CurrentActor() actor: Actor,
    @Param('cohortId') cohortId: string,
    @Param('assignmentId', uuidParam('assignmentId')) assignmentId: string,
    @Param('attachmentId', uuidParam('attachmentId')) attachmentId: string,
    @Res() response: Response,
  ): Promise<void> {
    const { attachment, bytes } = await this.attachments.download(actor, cohortId, assignmentId, attachmentId);
    const sha256 = Buffer.from(attachment.sha256, 'hex').toString('base64');
    response
      .status(200)
      .set({
        'Content-Type': attachment.contentType === 'text/plain' ? 'text/plain; charset=utf-8' : attachment.contentType,
        'Content-Disposition': contentDisposition(attachment.fileName, {
          type: 'attachment',
          fallback: asciiFileName(attachment.fileName),
        }),
        'X-Content-Type-Options': 'nosniff',
        // Opened in a tab anyway: no script runs, nothing loads.
        'Content-Security-Policy': "default-src 'none'; sandbox",
        'Cross-Origin-Resource-Policy': 'same-origin',
        // Private to the people allowed; revalidated each time, so a lost right is never served from a cache.
        'Cache-Control': 'private, no-cache',
        ETag: `"sha256-${attachment.sha256}"`,
        'Repr-Digest': `sha-256=:${sha256}:`,
      })
      // Express answers 304 itself when If-None-Match names this ETag.
      .send(bytes);
  }
}
