import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches, MaxLength } from 'class-validator';
import { DISCUSSION_LIMITS } from '@app/cohorts';
import { AuthorDto } from './discussions.dto';

const L = DISCUSSION_LIMITS;
const NOT_BLANK = /\S/;
const NOT_BLANK_MESSAGE = { message: '$property must not be empty' };

export class NewAnnouncementDto {
  @ApiProperty({ example: 'Week 2 starts Monday', maxLength: L.title })
  @IsString()
  @MaxLength(L.title)
  @Matches(NOT_BLANK, NOT_BLANK_MESSAGE)
  title!: string;

  @ApiProperty({ description: 'Markdown', maxLength: L.body })
  @IsString()
  @MaxLength(L.body)
  @Matches(NOT_BLANK, NOT_BLANK_MESSAGE)
  body!: string;
}

export class AnnouncementDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) cohortId!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ description: 'Markdown source' }) body!: string;
  @ApiProperty({ description: 'Sanitized HTML' }) bodyHtml!: string;
  @ApiProperty({ type: AuthorDto }) author!: AuthorDto;
  @ApiProperty() publishedAt!: Date;
}

export class PublishedAnnouncementDto extends AnnouncementDto {
  @ApiProperty({ description: 'How many people it is being emailed to' }) recipientCount!: number;
}

export class AnnouncementPageDto {
  @ApiProperty({ type: [AnnouncementDto] }) items!: AnnouncementDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}
