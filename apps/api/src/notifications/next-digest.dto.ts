import { ApiProperty } from '@nestjs/swagger';

export class NextDigestDto {
  @ApiProperty({ enum: ['daily', 'weekly'], nullable: true, type: String, description: 'null while digests are off' })
  frequency!: 'daily' | 'weekly' | null;

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description:
      'When the next digest goes (UTC): the chosen local hour, or the end of the quiet hours holding it back; ' +
      'null while digests are off',
  })
  dueAt!: Date | null;

  @ApiProperty({ example: 'Asia/Kathmandu', description: 'The profile’s zone the hour is kept in' })
  timeZone!: string;
}
