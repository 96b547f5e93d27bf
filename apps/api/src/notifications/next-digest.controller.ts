import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@app/core';
import { NextDigestQuery } from '@app/notifications';
import { Authenticated, CurrentActor } from '../auth/auth.decorators';
import { NextDigestDto } from './next-digest.dto';

/** "Your next digest will come at …" on the notification settings page: always the caller's own. */
@ApiTags('notifications')
@Authenticated()
@Controller('users/me/next-digest')
export class NextDigestController {
  constructor(private readonly nextDigest: NextDigestQuery) {}

  @Get()
  @ApiOkResponse({ type: NextDigestDto })
  show(@CurrentActor() actor: Actor): Promise<NextDigestDto> {
    return this.nextDigest.forUser(actor.userId);
  }
}
