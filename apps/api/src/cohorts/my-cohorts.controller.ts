import { Controller, Get, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { PageQueryDto, type Actor } from '@app/core';
import { MyCohortsQuery } from '@app/cohorts';
import { Authenticated, CurrentActor } from '../auth/auth.decorators';
import { ProblemDto } from '../http/problem.dto';
import { MyCohortPageDto } from './my-cohorts.dto';

/** The signed-in person's cohorts: where the web app's "My cohorts" list starts. Their own rows only. */
@ApiTags('cohorts')
@Authenticated()
@Controller('users/me/cohorts')
export class MyCohortsController {
  constructor(private readonly myCohorts: MyCohortsQuery) {}

  @Get()
  @ApiOkResponse({ type: MyCohortPageDto, description: 'Cohorts I run, follow, asked to join or left; newest first' })
  @ApiBadRequestResponse({ type: ProblemDto, description: 'A bad cursor or limit' })
  list(@CurrentActor() actor: Actor, @Query() query: PageQueryDto): Promise<MyCohortPageDto> {
    return this.myCohorts.page(actor.userId, query.limit ?? 20, query.cursor);
  }
}
