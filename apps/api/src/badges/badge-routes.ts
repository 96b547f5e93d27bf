import { applyDecorators, Controller } from '@nestjs/common';
import { ApiBadRequestResponse, ApiForbiddenResponse, ApiNotFoundResponse, ApiTags } from '@nestjs/swagger';
import { Authenticated } from '../auth/auth.decorators';
import { ProblemDto } from '../http/problem.dto';

/** What the badge-management controllers share: signed-in routes, their tag, and the problems each documents. */
export function BadgeRoutes(described: { notFound: string; forbidden: string }): ClassDecorator {
  return applyDecorators(
    ApiTags('badges'),
    Authenticated(),
    ApiBadRequestResponse({ type: ProblemDto, description: 'Invalid fields, each named in `errors`' }),
    ApiNotFoundResponse({ type: ProblemDto, description: described.notFound }),
    ApiForbiddenResponse({ type: ProblemDto, description: described.forbidden }),
    Controller(),
  );
}
