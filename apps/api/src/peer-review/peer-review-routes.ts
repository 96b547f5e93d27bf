import { applyDecorators, Controller } from '@nestjs/common';
import { ApiBadRequestResponse, ApiForbiddenResponse, ApiNotFoundResponse, ApiTags } from '@nestjs/swagger';
import { Authenticated } from '../auth/auth.decorators';
import { ProblemDto } from '../http/problem.dto';

/** Every peer-review route lives under one assignment of one cohort. */
export const ASSIGNMENT_ROUTE = 'cohorts/:cohortId/assignments/:assignmentId';

/**
 * What the peer-review controllers share: signed-in routes, their tag, and the problem answers each documents; only
 * the descriptions of its 404 and 403 differ.
 */
export function PeerReviewRoutes(described: { notFound: string; forbidden: string }): ClassDecorator {
  return applyDecorators(
    ApiTags('peer review'),
    Authenticated(),
    ApiBadRequestResponse({ type: ProblemDto, description: 'Invalid fields, each named in `errors`' }),
    ApiNotFoundResponse({ type: ProblemDto, description: described.notFound }),
    ApiForbiddenResponse({ type: ProblemDto, description: described.forbidden }),
    Controller(),
  );
}
