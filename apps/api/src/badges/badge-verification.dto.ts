import { ApiProperty } from '@nestjs/swagger';

export class VerifiedIssuerDto {
  @ApiProperty({ description: 'The issuer URL the credential names' }) id!: string;
  @ApiProperty({ type: String, nullable: true, description: 'Our name for it when it is ours, else as claimed' })
  name!: string | null;
}

export class VerifiedCredentialDto {
  @ApiProperty({ type: String, nullable: true }) id!: string | null;
  @ApiProperty({ type: String, nullable: true }) name!: string | null;
  @ApiProperty({ type: VerifiedIssuerDto, nullable: true }) issuer!: VerifiedIssuerDto | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) validFrom!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) validUntil!: string | null;
}

export class VerificationResultDto {
  @ApiProperty({
    enum: ['valid', 'revoked', 'expired', 'not-yet-valid', 'tampered', 'unknown-issuer', 'malformed'],
    description:
      '`tampered`: the proof does not hold (a changed field, proof or key); `unknown-issuer`: not issued here ' +
      '(nothing is fetched from other issuers)',
  })
  result!: string;
  @ApiProperty({ type: [String], description: 'Why, in sentences for a person; empty when valid' }) reasons!: string[];
  @ApiProperty({ type: VerifiedCredentialDto, nullable: true, description: 'What the credential claims' })
  credential!: VerifiedCredentialDto | null;
}
