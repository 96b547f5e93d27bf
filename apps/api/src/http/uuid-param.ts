import { ParseUUIDPipe } from '@nestjs/common';
import { InvalidInputError } from '@app/core';

/**
 * For `@Param(field, uuidParam(field))`: a malformed id is the client's mistake (400 naming `field`), not a
 * missing row or a server error.
 */
export function uuidParam(field: string): ParseUUIDPipe {
  return new ParseUUIDPipe({
    exceptionFactory: () => new InvalidInputError([{ field, message: `${field} must be a UUID` }]),
  });
}
