import { Body, Controller, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { Actor } from '@app/core';
import { CreateGroupUseCase, GroupAction, GroupPolicy, GroupReader, UpdateGroupUseCase } from '@app/groups';
import { Authenticated, Authorize, CurrentActor, VerifiedEmailRequired } from '../auth/auth.decorators';
import { ProblemDto } from '../http/problem.dto';
import { CreateGroupDto, GroupDetailDto, InviteCodeDto, UpdateGroupDto } from './groups.dto';

/**
 * Study groups. What a group shows depends on who asks: its public face to anyone who may see it, plus the
 * meeting link and member list to active members, plus emails, signup answers, the waitlist and the invite
 * code to facilitators. Private groups answer 404 to anyone without membership or the invite code.
 */
@ApiTags('groups')
@Authenticated()
@ApiBadRequestResponse({ type: ProblemDto, description: 'Invalid fields, each named in `errors`' })
@ApiNotFoundResponse({ type: ProblemDto, description: 'No such group, or a private group you are not in' })
@Controller('groups')
export class GroupsController {
  constructor(
    private readonly creating: CreateGroupUseCase,
    private readonly updating: UpdateGroupUseCase,
    private readonly reader: GroupReader,
  ) {}

  @Post()
  @VerifiedEmailRequired()
  @ApiCreatedResponse({ type: GroupDetailDto, description: 'The group, as its facilitator (the creator) sees it' })
  create(@CurrentActor() actor: Actor, @Body() body: CreateGroupDto): Promise<GroupDetailDto> {
    return this.creating.execute(actor, body);
  }

  /** The code travels in the body, never in a URL that proxies and browsers keep. */
  @Post('invitation')
  @HttpCode(200)
  @ApiOkResponse({ type: GroupDetailDto, description: 'The private group behind an invite code (its public face)' })
  invitation(@CurrentActor() actor: Actor, @Body() body: InviteCodeDto): Promise<GroupDetailDto> {
    return this.reader.byInviteCode(actor, body.inviteCode);
  }

  @Get(':groupId')
  @Authorize(GroupPolicy, GroupAction.View, 'groupId')
  @ApiOkResponse({ type: GroupDetailDto })
  detail(@CurrentActor() actor: Actor, @Param('groupId') groupId: string): Promise<GroupDetailDto> {
    return this.reader.detail(actor, groupId);
  }

  @Patch(':groupId')
  @Authorize(GroupPolicy, GroupAction.Facilitate, 'groupId')
  @ApiOkResponse({ type: GroupDetailDto })
  update(
    @CurrentActor() actor: Actor,
    @Param('groupId') groupId: string,
    @Body() body: UpdateGroupDto,
  ): Promise<GroupDetailDto> {
    return this.updating.execute(actor, groupId, body);
  }

  @Post(':groupId/invite-code')
  @HttpCode(200)
  @Authorize(GroupPolicy, GroupAction.Facilitate, 'groupId')
  @ApiOkResponse({ type: InviteCodeDto, description: 'A new invite code; the old one stops working' })
  @ApiConflictResponse({ type: ProblemDto, description: 'group_not_private' })
  rotateInviteCode(@Param('groupId') groupId: string): Promise<InviteCodeDto> {
    return this.updating.rotateInviteCode(groupId);
  }
}
