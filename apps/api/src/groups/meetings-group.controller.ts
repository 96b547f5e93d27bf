import { Body, Controller, Delete, Get, Param, Post, Put, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { Actor } from '@app/core';
import { GroupAction, GroupPolicy, MeetingScheduleService, MeetingsService } from '@app/groups';
import { Authenticated, Authorize, CurrentActor } from '../auth/auth.decorators';
import { ProblemDto } from '../http/problem.dto';
import { uuidParam } from '../http/uuid-param';
import {
  AddMeetingsDto,
  CancelledCountDto,
  ListMeetingsQueryDto,
  MeetingListDto,
  MeetingPageDto,
  ScheduleChangeDto,
  ScheduleDto,
  ScheduleInputDto,
} from './meetings.dto';

/** A malformed id is the client's mistake (400), not a missing row or a server error. */
const GroupId = uuidParam('groupId');

/**
 * A group's weekly schedule and its list of meetings. Anyone who may see the group sees when it meets; the
 * meeting link and RSVPs are for active members; only facilitators change the schedule or add meetings.
 */
@ApiTags('meetings')
@Authenticated()
@ApiBadRequestResponse({ type: ProblemDto, description: 'Invalid fields, each named in `errors`' })
@ApiNotFoundResponse({ type: ProblemDto, description: 'No such group (private groups: unless you are in it)' })
@Controller('groups/:groupId')
export class GroupMeetingsController {
  constructor(
    private readonly schedules: MeetingScheduleService,
    private readonly meetings: MeetingsService,
  ) {}

  @Get('schedule')
  @Authorize(GroupPolicy, GroupAction.View, 'groupId')
  @ApiOkResponse({ type: ScheduleDto })
  schedule(@Param('groupId', GroupId) groupId: string): Promise<ScheduleDto> {
    return this.schedules.get(groupId);
  }

  @Put('schedule')
  @Authorize(GroupPolicy, GroupAction.Facilitate, 'groupId')
  @ApiOkResponse({
    type: ScheduleChangeDto,
    description:
      'Sets or edits the weekly schedule. Only meetings that have not started change: a kept date is updated in ' +
      'place (same meeting, RSVPs kept), a dropped date is cancelled, a new date gets a new meeting. Meetings ' +
      'moved or cancelled by hand are left alone.',
  })
  setSchedule(@Param('groupId', GroupId) groupId: string, @Body() body: ScheduleInputDto): Promise<ScheduleChangeDto> {
    return this.schedules.set(groupId, body);
  }

  @Delete('schedule')
  @Authorize(GroupPolicy, GroupAction.Facilitate, 'groupId')
  @ApiOkResponse({ type: CancelledCountDto, description: 'Ends the schedule and cancels its future meetings' })
  removeSchedule(@Param('groupId', GroupId) groupId: string): Promise<CancelledCountDto> {
    return this.schedules.remove(groupId);
  }

  @Get('meetings')
  @Authorize(GroupPolicy, GroupAction.View, 'groupId')
  @ApiOkResponse({ type: MeetingPageDto, description: 'Meetings not over yet at `from` (default now), by start' })
  list(
    @CurrentActor() actor: Actor,
    @Param('groupId', GroupId) groupId: string,
    @Query() query: ListMeetingsQueryDto,
  ): Promise<MeetingPageDto> {
    return this.meetings.list(actor, groupId, {
      from: query.from ? new Date(query.from) : undefined,
      to: query.to ? new Date(query.to) : undefined,
      limit: query.limit,
      cursor: query.cursor,
      timeZone: query.timeZone,
    });
  }

  @Post('meetings')
  @Authorize(GroupPolicy, GroupAction.Facilitate, 'groupId')
  @ApiCreatedResponse({ type: MeetingListDto, description: 'Adds meetings on explicit dates, all or none' })
  async add(
    @CurrentActor() actor: Actor,
    @Param('groupId', GroupId) groupId: string,
    @Body() body: AddMeetingsDto,
  ): Promise<MeetingListDto> {
    return { items: await this.meetings.add(actor, groupId, body.meetings) };
  }
}
