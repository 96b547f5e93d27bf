import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString } from 'class-validator';
import { NotificationCategory } from '@app/notifications';

export class UnsubscribedDto {
  @ApiProperty({ enum: NotificationCategory, description: 'The category of email now turned off' })
  category!: NotificationCategory;

  @ApiProperty({ example: true })
  unsubscribed!: true;
}

export class EmailPreviewQueryDto {
  @ApiPropertyOptional({ example: 'es', description: 'A supported locale (en, es, fr); default en' })
  @IsOptional()
  @IsString()
  locale?: string;

  @ApiPropertyOptional({ enum: ['json', 'html'], description: '`html`: the HTML part alone, as a page' })
  @IsOptional()
  @IsIn(['json', 'html'])
  format?: 'json' | 'html';
}

export class EmailPreviewDto {
  @ApiProperty({ example: 'Confirm your email address' })
  subject!: string;

  @ApiProperty({ description: 'The HTML part, inside the shared layout' })
  html!: string;

  @ApiProperty({ description: 'The plain-text part' })
  text!: string;
}

export class EmailPreviewKindsDto {
  @ApiProperty({ type: [String], example: ['cohorts.announcement', 'identity.verify-email'] })
  kinds!: string[];
}
