import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional, IsString, IsUUID, Matches, MaxLength, ValidateIf } from 'class-validator';
import { PageQueryDto } from '@app/core';
import { DISCUSSION_LIMITS } from '@app/cohorts';

const L = DISCUSSION_LIMITS;
/** Something to read: whitespace alone is not a post. */
const NOT_BLANK = /\S/;
const NOT_BLANK_MESSAGE = { message: '$property must not be empty' };
/** Optional, but when present not null (`@IsOptional` would let null through to a NOT NULL column). */
const Optional = (): PropertyDecorator => ValidateIf((_, value) => value !== undefined);

export class NewThreadDto {
  @ApiProperty({ example: 'Where do you get your polyethylene tube?', maxLength: L.title })
  @IsString()
  @MaxLength(L.title)
  @Matches(NOT_BLANK, NOT_BLANK_MESSAGE)
  title!: string;

  @ApiProperty({ description: 'The opening post, in Markdown', maxLength: L.body })
  @IsString()
  @MaxLength(L.body)
  @Matches(NOT_BLANK, NOT_BLANK_MESSAGE)
  body!: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: "One of the cohort's groups you are in (facilitators: any); omit for a cohort-wide thread",
  })
  @Optional()
  @IsUUID()
  groupId?: string;
}

export class PostBodyDto {
  @ApiProperty({ description: 'Markdown', maxLength: L.body })
  @IsString()
  @MaxLength(L.body)
  @Matches(NOT_BLANK, NOT_BLANK_MESSAGE)
  body!: string;
}

export class ThreadChangesDto {
  @ApiPropertyOptional({ maxLength: L.title, description: "The thread's author only" })
  @Optional()
  @IsString()
  @MaxLength(L.title)
  @Matches(NOT_BLANK, NOT_BLANK_MESSAGE)
  title?: string;

  @ApiPropertyOptional({ description: 'Facilitators only: pinned threads list first' })
  @Optional()
  @IsBoolean()
  pinned?: boolean;

  @ApiPropertyOptional({ description: 'Facilitators only: a locked thread takes no new replies or edits' })
  @Optional()
  @IsBoolean()
  locked?: boolean;
}

export class ThreadListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: "One group's threads; omit for the cohort-wide threads" })
  @IsOptional()
  @IsUUID()
  groupId?: string;
}

// Responses

export class AuthorDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() displayName!: string;
}

export class ThreadDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) cohortId!: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'null: a cohort-wide thread' })
  groupId!: string | null;
  @ApiProperty() title!: string;
  @ApiProperty({ type: AuthorDto }) author!: AuthorDto;
  @ApiProperty() pinned!: boolean;
  @ApiProperty() locked!: boolean;
  @ApiProperty({ description: 'Replies not deleted (the opening post excluded)' }) replyCount!: number;
  @ApiProperty({ description: 'When the newest post still there was written' }) lastActivityAt!: Date;
  @ApiProperty() createdAt!: Date;
}

export class PostDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) threadId!: string;
  @ApiProperty({ type: AuthorDto, nullable: true, description: 'null once deleted' }) author!: AuthorDto | null;
  @ApiProperty({ nullable: true, type: String, description: 'Markdown source; null once deleted' })
  body!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Sanitized HTML; null once deleted' })
  bodyHtml!: string | null;
  @ApiProperty({ description: "False for the thread's opening post" }) reply!: boolean;
  @ApiProperty({ description: 'Deleted posts keep their place, without text or author' }) deleted!: boolean;
  @ApiProperty() createdAt!: Date;
  @ApiProperty({ nullable: true, type: Date }) editedAt!: Date | null;
  @ApiProperty({ nullable: true, type: Date }) deletedAt!: Date | null;
}

export class ThreadPageDto {
  @ApiProperty({ type: [ThreadDto] }) items!: ThreadDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}

export class PostPageDto {
  @ApiProperty({ type: [PostDto] }) items!: PostDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}

export class ThreadWithPostsDto {
  @ApiProperty({ type: ThreadDto }) thread!: ThreadDto;
  @ApiProperty({ type: PostPageDto, description: 'Oldest first; `cursor` and `limit` page through them' })
  posts!: PostPageDto;
}
