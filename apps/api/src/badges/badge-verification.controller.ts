import { Controller, HttpCode, Post, Req, UseInterceptors } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiConsumes,
  ApiOkResponse,
  ApiPayloadTooLargeResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnsupportedMediaTypeResponse,
} from '@nestjs/swagger';
import type { Request } from 'express';
import { credentialFromInput, CredentialVerifier } from '@app/badges';
import { Public } from '../auth/auth.decorators';
import { jsonShapeProblem } from '../http/json-shape';
import { ProblemDto } from '../http/problem.dto';
import { VerificationResultDto } from './badge-verification.dto';
import { CredentialInputInterceptor, JSON_TYPES } from './credential-input.interceptor';

/**
 * Anyone can ask whether a badge is genuine and current: send the credential JSON or the baked PNG/SVG. The answer
 * is always 200 with a verdict and reasons; only input that holds no credential at all is a 400. Public, so it
 * counts against the per-address write limit like every other write.
 */
@ApiTags('badges')
@Public()
@Controller('badges')
export class BadgeVerificationController {
  constructor(private readonly verifier: CredentialVerifier) {}

  @Post('verify')
  @HttpCode(200)
  @UseInterceptors(CredentialInputInterceptor)
  @ApiConsumes('application/json', 'application/ld+json', 'image/png', 'image/svg+xml')
  @ApiBody({
    description: 'The credential JSON, or a badge image with the credential baked in',
    schema: { oneOf: [{ type: 'object' }, { type: 'string', format: 'binary' }] },
  })
  @ApiOkResponse({ type: VerificationResultDto })
  @ApiBadRequestResponse({ type: ProblemDto, description: '`credential_unreadable` (field `body`), `malformed_json`' })
  @ApiPayloadTooLargeResponse({ type: ProblemDto })
  @ApiUnsupportedMediaTypeResponse({ type: ProblemDto, description: '`credential_input_unsupported`' })
  @ApiTooManyRequestsResponse({ type: ProblemDto })
  verify(@Req() req: Request): Promise<VerificationResultDto> {
    const kind = req.is(JSON_TYPES) ? 'json' : req.is('image/png') ? 'png' : 'svg';
    return this.verifier.verify(credentialFromInput(kind, req.body, (json) => jsonShapeProblem(json)));
  }
}
