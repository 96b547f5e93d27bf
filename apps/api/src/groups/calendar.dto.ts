import { ApiProperty } from '@nestjs/swagger';

export class CalendarFeedLinkDto {
  @ApiProperty({
    example: 'https://commonplace.example/api/v1/calendar/3q2-7wEXAMPLE.ics',
    description: 'Subscribe to this URL in a calendar app. Shown once; asking again makes a new one and revokes this.',
  })
  url!: string;

  @ApiProperty({ example: 'webcal://commonplace.example/api/v1/calendar/3q2-7wEXAMPLE.ics' })
  webcalUrl!: string;
}

export class RevokedCountDto {
  @ApiProperty({ description: 'How many live links were revoked' }) revoked!: number;
}
