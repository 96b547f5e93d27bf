import { Body, Controller, Delete, HttpCode, Param, Patch, Post, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import type { Actor } from '@app/core';
import {
  GroupAction,
  GroupPolicy,
  JoinGroupUseCase,
  LeaveGroupUseCase,
  MemberRolesUseCase,
  type JoinResult,
} from '@app/groups';
import { Authenticated, Authorize, CurrentActor } from '../auth/auth.decorators';
import { ProblemDto } from '../http/problem.dto';
import { uuidParam } from '../http/uuid-param';
import { GroupDetailDto } from './groups.dto';
import { ChangeRoleDto, JoinByInviteDto, JoinGroupDto, MembershipDto } from './membership.dto';

const UserId = uuidParam('userId');

/**
 * Joining, leaving and roles. A join takes a seat if one is free (capacity counts everyone active, facilitators
 * included) or the end of the waitlist; when a seat frees, the head of the waitlist gets it at once. Joining
 * again is idempotent: 200 with the current place, nothing changed (a first join answers 201).
 */
@ApiTags('groups')
@Authenticated()
@ApiBadRequestResponse({ type: ProblemDto, description: 'Invalid fields, each named in `errors`' })
@ApiNotFoundResponse({ type: ProblemDto, description: 'No such group (or member), or a private group' })
@Controller('groups')
export class MembershipController {
  constructor(
    private readonly joining: JoinGroupUseCase,
    private readonly leaving: LeaveGroupUseCase,
    private readonly roles: MemberRolesUseCase,
  ) {}

  @Post('join')
  @ApiCreatedResponse({ type: MembershipDto, description: 'Joined a private group by its invite code (or waitlisted)' })
  @ApiOkResponse({ type: MembershipDto, description: 'Already in the group or on its waitlist: nothing changed' })
  @ApiConflictResponse({ type: ProblemDto, description: 'signup_closed' })
  async joinByInvite(
    @CurrentActor() actor: Actor,
    @Body() body: JoinByInviteDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<MembershipDto> {
    return respond(await this.joining.byInviteCode(actor, body.inviteCode, body.answers), res);
  }

  @Post(':groupId/join')
  @Authorize(GroupPolicy, GroupAction.View, 'groupId')
  @ApiCreatedResponse({ type: MembershipDto, description: 'Joined (status active) or waitlisted' })
  @ApiOkResponse({ type: MembershipDto, description: 'Already in the group or on its waitlist: nothing changed' })
  @ApiConflictResponse({ type: ProblemDto, description: 'signup_closed' })
  async join(
    @CurrentActor() actor: Actor,
    @Param('groupId') groupId: string,
    @Body() body: JoinGroupDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<MembershipDto> {
    return respond(await this.joining.byId(actor, groupId, body.answers), res);
  }

  @Post(':groupId/leave')
  @HttpCode(204)
  @Authorize(GroupPolicy, GroupAction.View, 'groupId')
  @ApiNoContentResponse({ description: 'Left the group or its waitlist; a freed seat went to the waitlist' })
  @ApiConflictResponse({ type: ProblemDto, description: 'last_facilitator: hand the group over first' })
  async leave(@CurrentActor() actor: Actor, @Param('groupId') groupId: string): Promise<void> {
    await this.leaving.leave(actor, groupId);
  }

  @Patch(':groupId/members/:userId')
  @Authorize(GroupPolicy, GroupAction.Facilitate, 'groupId')
  @ApiOkResponse({ type: GroupDetailDto, description: 'The group with the new roles' })
  @ApiForbiddenResponse({ type: ProblemDto, description: 'facilitator_required' })
  @ApiConflictResponse({ type: ProblemDto, description: 'member_not_active, last_facilitator' })
  changeRole(
    @CurrentActor() actor: Actor,
    @Param('groupId') groupId: string,
    @Param('userId', UserId) userId: string,
    @Body() body: ChangeRoleDto,
  ): Promise<GroupDetailDto> {
    return this.roles.change(actor, groupId, userId, body.role);
  }

  @Delete(':groupId/members/:userId')
  @HttpCode(204)
  @Authorize(GroupPolicy, GroupAction.Facilitate, 'groupId')
  @ApiNoContentResponse({ description: 'Removed from the group or its waitlist' })
  @ApiForbiddenResponse({ type: ProblemDto, description: 'facilitator_required' })
  @ApiConflictResponse({ type: ProblemDto, description: 'last_facilitator' })
  async remove(
    @CurrentActor() actor: Actor,
    @Param('groupId') groupId: string,
    @Param('userId', UserId) userId: string,
  ): Promise<void> {
    await this.leaving.remove(actor, groupId, userId);
  }
}

function respond(result: JoinResult, res: Response): MembershipDto {
  res.status(result.created ? 201 : 200);
  return { groupId: result.groupId, ...result.membership };
}
