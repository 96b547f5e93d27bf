import { type ArgumentMetadata, ValidationPipe, type ValidationError } from '@nestjs/common';
import { findMalformedText, InvalidInputError, type FieldProblem } from '@app/core';

function flatten(errors: ValidationError[], parent = ''): FieldProblem[] {
  return errors.flatMap((e) => {
    const field = parent ? `${parent}.${e.property}` : e.property;
    const own = Object.values(e.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...flatten(e.children ?? [], field)];
  });
}

/**
 * Before any rule of a DTO reads them, the body, the query and each route parameter must be text PostgreSQL can
 * store: no NUL, no lone surrogate (see findMalformedText). Once here, for every route.
 */
class RequestValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type !== 'custom') {
      const problems = findMalformedText(value, metadata.data ?? '');
      if (problems.length > 0) throw new InvalidInputError(problems);
    }
    return (await super.transform(value, metadata)) as unknown;
  }
}

/** Rejects unknown fields, wrong types and malformed text, naming each bad field in the problem body. */
export function createValidationPipe(): ValidationPipe {
  return new RequestValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    // One message per field: the first rule it breaks.
    stopAtFirstError: true,
    exceptionFactory: (errors) => new InvalidInputError(flatten(errors)),
  });
}
