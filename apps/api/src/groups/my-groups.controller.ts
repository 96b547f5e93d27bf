import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { PageQueryDto, type Actor } from '@app/core';
import { MyGroupsQuery } from '@app/groups';
import { Authenticated, CurrentActor } from '../auth/auth.decorators';
import { MyGroupPageDto } from './membership.dto';

@ApiTags('groups')
@Authenticated()
@Controller('users/me/groups')
export class MyGroupsController {
  constructor(private readonly myGroups: MyGroupsQuery) {}

  @Get()
  @ApiOkResponse({ type: MyGroupPageDto, description: 'My groups and waitlist places, newest first' })
  list(@CurrentActor() actor: Actor, @Query() query: PageQueryDto): Promise<MyGroupPageDto> {
    return this.myGroups.page(actor.userId, query.limit ?? 20, query.cursor);
  }
}
