import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
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
import { PageQueryDto, type Actor } from '@app/core';
import {
  CohortAction,
  CohortFacilitatorsUseCase,
  CohortInvitationsService,
  CohortPolicy,
  CohortRosterQuery,
  EnrollmentRequestsUseCase,
  EnrollmentStatus,
  EnrollUseCase,
  WithdrawUseCase,
  type InvitationRecord,
} from '@app/cohorts';
import { Authenticated, Authorize, CurrentActor } from '../auth/auth.decorators';
import { ProblemDto } from '../http/problem.dto';
import { uuidParam } from '../http/uuid-param';
import {
  AddFacilitatorDto,
  CohortInviteCodeDto,
  EnrollDto,
  EnrollmentDto,
  InvitationDto,
  PendingRequestPageDto,
  CohortRosterPageDto,
  CohortRosterQueryDto,
  RotatedInviteDto,
} from './enrollment.dto';

/**
 * Enrollment: enroll and withdraw, the approval queue, invite links, co-facilitators and the roster. Invite codes
 * travel in bodies, never in URLs (which proxies, browsers and our own request log keep).
 */
@ApiTags('cohorts')
@Authenticated()
@ApiBadRequestResponse({ type: ProblemDto, description: 'Invalid fields, each named in `errors`' })
@ApiNotFoundResponse({ type: ProblemDto, description: 'No such cohort, or an invite-only one you are not in' })
@Controller('cohorts')
export class EnrollmentController {
  constructor(
    private readonly enrolling: EnrollUseCase,
    private readonly withdrawing: WithdrawUseCase,
    private readonly requests: EnrollmentRequestsUseCase,
    private readonly invitations: CohortInvitationsService,
    private readonly facilitators: CohortFacilitatorsUseCase,
    private readonly roster: CohortRosterQuery,
  ) {}

  @Post('invitation')
  @HttpCode(200)
  @ApiOkResponse({ type: InvitationDto, description: 'The cohort behind an invite code (its public face)' })
  async invitation(@CurrentActor() actor: Actor, @Body() body: CohortInviteCodeDto): Promise<InvitationDto> {
    return toInvitation(await this.invitations.invitation(actor, body.inviteCode));
  }

  /**
   * No @Authorize: the policy hides invite-only cohorts from outsiders, and an outsider holding the code must get
   * in. The use case applies the same rule itself, and answers 404 to an outsider without the current code.
   */
  @Post(':cohortId/enrollment')
  @ApiCreatedResponse({ type: EnrollmentDto, description: 'Enrolled (active), or requested (pending approval)' })
  @ApiForbiddenResponse({ type: ProblemDto, description: 'invite_required, invite_invalid' })
  @ApiConflictResponse({ type: ProblemDto, description: 'already_enrolled, already_facilitator, cohort_full' })
  enroll(
    @CurrentActor() actor: Actor,
    @Param('cohortId', uuidParam('cohortId')) cohortId: string,
    @Body() body: EnrollDto,
  ): Promise<EnrollmentDto> {
    return this.enrolling.enroll(actor, cohortId, body.inviteCode);
  }

  /** View rather than Participate: a person whose request is pending may take it back. */
  @Delete(':cohortId/enrollment')
  @HttpCode(204)
  @Authorize(CohortPolicy, CohortAction.View, 'cohortId')
  @ApiNoContentResponse({ description: 'Withdrawn (or request taken back); the seat and the group place free' })
  async withdraw(@CurrentActor() actor: Actor, @Param('cohortId') cohortId: string): Promise<void> {
    await this.withdrawing.withdraw(actor, cohortId);
  }

  @Get(':cohortId/requests')
  @Authorize(CohortPolicy, CohortAction.Facilitate, 'cohortId')
  @ApiOkResponse({ type: PendingRequestPageDto, description: 'Pending requests, oldest first' })
  pending(@Param('cohortId') cohortId: string, @Query() query: PageQueryDto): Promise<PendingRequestPageDto> {
    return this.requests.pending(cohortId, query.limit ?? 20, query.cursor);
  }

  @Post(':cohortId/requests/:userId/approve')
  @HttpCode(200)
  @Authorize(CohortPolicy, CohortAction.Facilitate, 'cohortId')
  @ApiOkResponse({ type: EnrollmentDto, description: 'The learner is enrolled' })
  @ApiConflictResponse({ type: ProblemDto, description: 'not_pending, cohort_full' })
  approve(
    @Param('cohortId') cohortId: string,
    @Param('userId', uuidParam('userId')) userId: string,
  ): Promise<EnrollmentDto> {
    return this.requests.approve(cohortId, userId);
  }

  @Post(':cohortId/requests/:userId/decline')
  @HttpCode(200)
  @Authorize(CohortPolicy, CohortAction.Facilitate, 'cohortId')
  @ApiOkResponse({ type: EnrollmentDto, description: 'The request is declined' })
  @ApiConflictResponse({ type: ProblemDto, description: 'not_pending' })
  decline(
    @Param('cohortId') cohortId: string,
    @Param('userId', uuidParam('userId')) userId: string,
  ): Promise<EnrollmentDto> {
    return this.requests.decline(cohortId, userId);
  }

  @Post(':cohortId/invite-code/rotate')
  @HttpCode(200)
  @Authorize(CohortPolicy, CohortAction.Facilitate, 'cohortId')
  @ApiOkResponse({ type: RotatedInviteDto, description: 'A new code; links with the old one stop working' })
  rotateInviteCode(@Param('cohortId') cohortId: string): Promise<RotatedInviteDto> {
    return this.invitations.rotate(cohortId);
  }

  @Post(':cohortId/facilitators')
  @Authorize(CohortPolicy, CohortAction.Facilitate, 'cohortId')
  @ApiCreatedResponse({ type: EnrollmentDto, description: 'The person facilitates the cohort' })
  @ApiConflictResponse({ type: ProblemDto, description: 'already_facilitator' })
  addFacilitator(
    @CurrentActor() actor: Actor,
    @Param('cohortId') cohortId: string,
    @Body() body: AddFacilitatorDto,
  ): Promise<EnrollmentDto> {
    return this.facilitators.add(actor, cohortId, body.userId);
  }

  @Delete(':cohortId/facilitators/:userId')
  @HttpCode(204)
  @Authorize(CohortPolicy, CohortAction.Facilitate, 'cohortId')
  @ApiNoContentResponse({ description: 'No longer a facilitator' })
  @ApiConflictResponse({ type: ProblemDto, description: 'last_facilitator' })
  async removeFacilitator(
    @Param('cohortId') cohortId: string,
    @Param('userId', uuidParam('userId')) userId: string,
  ): Promise<void> {
    await this.facilitators.remove(cohortId, userId);
  }

  /** Facilitators only: learners never see each other's emails (they see their own group instead). */
  @Get(':cohortId/roster')
  @Authorize(CohortPolicy, CohortAction.Facilitate, 'cohortId')
  @ApiOkResponse({ type: CohortRosterPageDto, description: 'Learners with emails, in the order they asked to join' })
  async rosterPage(
    @Param('cohortId') cohortId: string,
    @Query() query: CohortRosterQueryDto,
  ): Promise<CohortRosterPageDto> {
    const page = await this.roster.page(cohortId, { status: query.status }, query.limit ?? 50, query.cursor);
    return {
      items: page.items.map((r) => ({
        userId: r.userId,
        displayName: r.displayName,
        email: r.email,
        status: r.status,
        requestedAt: r.requestedAt,
        enrolledAt: r.status === EnrollmentStatus.Active ? r.statusChangedAt : null,
        statusChangedAt: r.statusChangedAt,
        groupingOptIn: r.groupingOptIn,
        groupId: r.groupId,
      })),
      nextCursor: page.nextCursor,
    };
  }
}

function toInvitation(r: InvitationRecord): InvitationDto {
  return {
    cohortId: r.cohortId,
    title: r.title,
    description: r.description,
    courseVersionId: r.courseVersionId,
    courseTitle: r.courseTitle,
    startDate: r.startDate,
    timeZone: r.timeZone,
    enrollmentMode: r.enrollmentMode,
    deadlineMode: r.deadlineMode,
    capacity: r.capacity,
    seatsLeft: Math.max(0, r.capacity - r.enrolledCount),
    facilitators: r.facilitators,
    membership: r.ownRole && r.ownStatus ? { role: r.ownRole, status: r.ownStatus } : null,
  };
}
