import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class FieldProblemDto {
  @ApiProperty({ example: 'timeZone' })
  field!: string;

  @ApiProperty({ example: 'timeZone must be an IANA time zone such as Europe/Berlin' })
  message!: string;
}

/** RFC 9457 problem details, as every error of this API is answered (application/problem+json). */
export class ProblemDto {
  @ApiProperty({ example: 'urn:commonplace:problem:validation_failed' })
  type!: string;

  @ApiProperty({ example: 'Bad Request' })
  title!: string;

  @ApiProperty({ example: 400 })
  status!: number;

  @ApiProperty({ example: 'validation_failed', description: 'Stable machine-readable code.' })
  code!: string;

  @ApiProperty({ example: 'The request has invalid fields.' })
  detail!: string;

  @ApiPropertyOptional({ example: '/api/v1/auth/register' })
  instance?: string;

  @ApiPropertyOptional({ description: 'Also sent as the X-Request-Id header.' })
  requestId?: string;

  @ApiPropertyOptional({ type: [FieldProblemDto] })
  errors?: FieldProblemDto[];
}
