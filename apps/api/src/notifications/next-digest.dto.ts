import { ApiProperty } from '@nestjs/swagger';

export class NextDigestDto {
  @ApiProperty({ enum: ['daily', 'weekly'], nullable: true, type: String, description: 'null while digests are off' })
  frequency!: 'daily' | 'weekly' | null;

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'The instant the next digest is due (UTC), at the chosen local hour; null while digests are off',
  })
  dueAt!: Date | null;

  @ApiProperty({ example: 'Asia/Kathmandu', description: 'The profile’s zone the hour is kept in' })
  timeZone!: string;
}
