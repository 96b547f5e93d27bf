import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, isUUID, Max, MaxLength, Min } from 'class-validator';
import { InvalidInputError } from '../errors/domain-error';

export const MAX_PAGE_SIZE = 100;

export class PageQueryDto {
  @ApiPropertyOptional({ description: 'Opaque cursor from the previous page.' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  cursor?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE_SIZE, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  limit?: number;
}

export interface Page<T> {
  items: T[];
  /** Pass back as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

/** Keyset position: the sort value and the id of the last item seen (ties broken by id). */
export interface CursorPosition {
  after: string;
  id: string;
}

export function encodeCursor(position: CursorPosition): string {
  return Buffer.from(JSON.stringify([position.after, position.id])).toString('base64url');
}

/** A cursor position as this API issues them: a timestamp and a UUID. */
export const isTimestampAndUuid = (p: CursorPosition): boolean => !Number.isNaN(Date.parse(p.after)) && isUUID(p.id);

/** Decodes a cursor; `valid` checks its parts, so a tampered cursor is a 400, never a failed query. */
export function decodeCursor(
  cursor: string,
  valid: (p: CursorPosition) => boolean = isTimestampAndUuid,
): CursorPosition {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 2 && value.every((v) => typeof v === 'string')) {
      const position = { after: value[0] as string, id: value[1] as string };
      if (valid(position)) return position;
    }
  } catch {
    // fall through: any undecodable cursor is the client's mistake
  }
  throw new InvalidInputError([{ field: 'cursor', message: 'cursor is not one this API issued' }]);
}

/** Builds a page from `limit + 1` rows fetched in keyset order. */
export function toPage<T>(rows: T[], limit: number, positionOf: (row: T) => CursorPosition): Page<T> {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > limit && last ? encodeCursor(positionOf(last)) : null };
}

export class PageMetaDto {
  @ApiProperty({ nullable: true, type: String, description: 'Cursor of the next page, null on the last one.' })
  nextCursor!: string | null;
}
