import { ApiProperty } from '@nestjs/swagger';
import { IsBoolean } from 'class-validator';

export class HeldBadgeLinksDto {
  @ApiProperty({ description: 'The public credential page: the link to share (HTML for people, JSON-LD for machines)' })
  credential!: string;

  @ApiProperty({ description: 'The signed OpenBadgeCredential as JSON (the credential URL, asked for JSON)' })
  json!: string;

  @ApiProperty({ description: 'The badge image baked with the credential (PNG)' })
  png!: string;

  @ApiProperty({ description: 'The badge image baked with the credential (SVG)' })
  svg!: string;
}

export class HeldBadgeDto {
  @ApiProperty({ format: 'uuid' }) awardId!: string;
  @ApiProperty({ format: 'uuid' }) achievementId!: string;
  @ApiProperty() name!: string;
  @ApiProperty() description!: string;
  @ApiProperty() imageUrl!: string;
  @ApiProperty() issuerName!: string;
  @ApiProperty() issuedAt!: Date;
  @ApiProperty({ nullable: true, type: Date }) validUntil!: Date | null;
  @ApiProperty({ enum: ['valid', 'expired', 'revoked'] }) state!: 'valid' | 'expired' | 'revoked';

  @ApiProperty({ nullable: true, type: String, description: 'Why it was revoked (only shown to its holder)' })
  revocationReason!: string | null;

  @ApiProperty({ description: 'Hidden from the public profile (the credential stays verifiable at its URL)' })
  hidden!: boolean;

  @ApiProperty({ type: HeldBadgeLinksDto }) links!: HeldBadgeLinksDto;
}

export class HeldBadgeListDto {
  @ApiProperty({ type: [HeldBadgeDto] }) items!: HeldBadgeDto[];
}

export class BadgeVisibilityDto {
  @ApiProperty({ description: 'true hides the badge from your public profile; false shows it again' })
  @IsBoolean()
  hidden!: boolean;
}
