import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { Actor } from '@app/core';
import { GroupAction, MeetingPolicy, MeetingsService, ParticipationService } from '@app/groups';
import { Authenticated, Authorize, CurrentActor } from '../auth/auth.decorators';
import { ProblemDto } from '../http/problem.dto';
import { uuidParam } from '../http/uuid-param';
import {
  AttendanceDto,
  AttendanceListDto,
  EditMeetingDto,
  MeetingDto,
  RsvpDto,
  RsvpListDto,
  ViewerZoneQueryDto,
} from './meetings.dto';

/** A malformed id is the client's mistake (400), not a missing row or a server error. */
const MeetingId = uuidParam('meetingId');

/** One meeting: its group's rules apply (a meeting of a private group is not found by outsiders). */
@ApiTags('meetings')
@Authenticated()
@ApiBadRequestResponse({ type: ProblemDto, description: 'Invalid fields, each named in `errors`' })
@ApiNotFoundResponse({ type: ProblemDto })
@Controller('meetings/:meetingId')
export class MeetingsController {
  constructor(
    private readonly meetings: MeetingsService,
    private readonly participation: ParticipationService,
  ) {}

  @Get()
  @Authorize(MeetingPolicy, GroupAction.View, 'meetingId')
  @ApiOkResponse({ type: MeetingDto })
  get(
    @CurrentActor() actor: Actor,
    @Param('meetingId', MeetingId) meetingId: string,
    @Query() query: ViewerZoneQueryDto,
  ): Promise<MeetingDto> {
    return this.meetings.get(actor, meetingId, query.timeZone);
  }

  @Patch()
  @Authorize(MeetingPolicy, GroupAction.Facilitate, 'meetingId')
  @ApiOkResponse({
    type: MeetingDto,
    description:
      'Moves the meeting or changes its length or title. A meeting moved or resized by hand leaves the weekly ' +
      'schedule: later schedule edits do not touch it.',
  })
  @ApiConflictResponse({ type: ProblemDto, description: 'The meeting was cancelled or has started' })
  edit(
    @CurrentActor() actor: Actor,
    @Param('meetingId', MeetingId) meetingId: string,
    @Body() body: EditMeetingDto,
  ): Promise<MeetingDto> {
    return this.meetings.edit(actor, meetingId, body);
  }

  @Post('cancel')
  @HttpCode(200)
  @Authorize(MeetingPolicy, GroupAction.Facilitate, 'meetingId')
  @ApiOkResponse({ type: MeetingDto })
  @ApiConflictResponse({ type: ProblemDto, description: 'The meeting was cancelled already or has started' })
  cancel(@CurrentActor() actor: Actor, @Param('meetingId', MeetingId) meetingId: string): Promise<MeetingDto> {
    return this.meetings.cancel(actor, meetingId);
  }

  @Put('rsvp')
  @HttpCode(204)
  @Authorize(MeetingPolicy, GroupAction.ViewAsMember, 'meetingId')
  @ApiNoContentResponse({ description: 'Your answer is saved (active members, before the meeting starts)' })
  @ApiConflictResponse({ type: ProblemDto, description: 'The meeting was cancelled or has started' })
  async rsvp(
    @CurrentActor() actor: Actor,
    @Param('meetingId', MeetingId) meetingId: string,
    @Body() body: RsvpDto,
  ): Promise<void> {
    await this.participation.rsvp(actor, meetingId, body.answer);
  }

  @Delete('rsvp')
  @HttpCode(204)
  @Authorize(MeetingPolicy, GroupAction.ViewAsMember, 'meetingId')
  @ApiNoContentResponse({ description: 'Your answer is withdrawn' })
  async withdrawRsvp(@CurrentActor() actor: Actor, @Param('meetingId', MeetingId) meetingId: string): Promise<void> {
    await this.participation.withdrawRsvp(actor, meetingId);
  }

  @Get('rsvps')
  @Authorize(MeetingPolicy, GroupAction.ViewAsMember, 'meetingId')
  @ApiOkResponse({ type: RsvpListDto, description: "Active members' answers" })
  async rsvps(@Param('meetingId', MeetingId) meetingId: string): Promise<RsvpListDto> {
    return { items: await this.participation.listRsvps(meetingId) };
  }

  @Get('attendance')
  @Authorize(MeetingPolicy, GroupAction.Facilitate, 'meetingId')
  @ApiOkResponse({ type: AttendanceListDto })
  async attendance(@Param('meetingId', MeetingId) meetingId: string): Promise<AttendanceListDto> {
    return { items: await this.participation.listAttendance(meetingId) };
  }

  @Put('attendance')
  @Authorize(MeetingPolicy, GroupAction.Facilitate, 'meetingId')
  @ApiOkResponse({
    type: AttendanceListDto,
    description: 'Records (or corrects) who came, for active members, once the meeting has started; all or none',
  })
  @ApiConflictResponse({ type: ProblemDto, description: 'The meeting was cancelled or has not started' })
  async recordAttendance(
    @CurrentActor() actor: Actor,
    @Param('meetingId', MeetingId) meetingId: string,
    @Body() body: AttendanceDto,
  ): Promise<AttendanceListDto> {
    return { items: await this.participation.recordAttendance(actor, meetingId, body.records) };
  }
}
