import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Query } from '@nestjs/common';
import { ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ISSUED_CREDENTIALS_NOTE } from '@app/badges';
import { InvalidInputError, isAdmin, PageQueryDto, type Actor } from '@app/core';
import { AccountDataService, ProfileService, UserAction, UserPolicy, UserRepository } from '@app/identity';
import { AdminOnly, Authenticated, Authorize, CurrentActor } from '../auth/auth.decorators';
import { ProblemDto } from '../http/problem.dto';
import { uuidParam } from '../http/uuid-param';
import { DeleteAccountDto, OwnProfileDto, PublicProfileDto, UpdateProfileDto, UserPageDto } from './profile.dto';

const UserId = uuidParam('userId');

@ApiTags('users')
@Authenticated()
@ApiNotFoundResponse({ type: ProblemDto })
@Controller('users')
export class UsersController {
  constructor(
    private readonly profiles: ProfileService,
    private readonly accountData: AccountDataService,
    private readonly users: UserRepository,
  ) {}

  @Get('me')
  @ApiOkResponse({ type: OwnProfileDto })
  me(@CurrentActor() actor: Actor): Promise<OwnProfileDto> {
    return this.profiles.own(actor.userId);
  }

  @Patch('me')
  @ApiOkResponse({ type: OwnProfileDto })
  updateMe(@CurrentActor() actor: Actor, @Body() body: UpdateProfileDto): Promise<OwnProfileDto> {
    return this.profiles.update(actor.userId, body);
  }

  @Get()
  @AdminOnly()
  @ApiOkResponse({ type: UserPageDto, description: 'Active users, oldest first' })
  async list(@Query() query: PageQueryDto): Promise<UserPageDto> {
    const page = await this.users.pageActive(query.limit ?? 20, query.cursor);
    return {
      items: page.items.map((u) => ({
        id: u.id,
        displayName: u.displayName,
        bio: u.bio,
        timeZone: u.timeZone,
        createdAt: u.createdAt,
      })),
      nextCursor: page.nextCursor,
    };
  }

  @Get(':userId')
  @ApiOkResponse({ type: PublicProfileDto, description: 'Public profile: no email, no preferences' })
  profile(@Param('userId', UserId) userId: string): Promise<PublicProfileDto> {
    return this.profiles.publicProfile(userId);
  }

  @Get(':userId/export')
  @Authorize(UserPolicy, UserAction.ReadPrivate, 'userId')
  @ApiOkResponse({
    description:
      'Everything the platform holds about the user, as JSON. Badges come with their signed credentials; ' +
      ISSUED_CREDENTIALS_NOTE,
  })
  export(@Param('userId', UserId) userId: string): Promise<unknown> {
    return this.accountData.export(userId);
  }

  @Delete(':userId')
  @HttpCode(204)
  @Authorize(UserPolicy, UserAction.Delete, 'userId')
  @ApiNoContentResponse({
    description: `Personal data erased; shared contributions kept without the person. ${ISSUED_CREDENTIALS_NOTE}`,
  })
  async delete(
    @CurrentActor() actor: Actor,
    @Param('userId', UserId) userId: string,
    @Body() body: DeleteAccountDto,
  ): Promise<void> {
    const byAdminForOther = isAdmin(actor) && actor.userId !== userId;
    if (!byAdminForOther && !body.password) {
      throw new InvalidInputError([{ field: 'password', message: 'password is required to delete your account' }]);
    }
    await this.accountData.delete(userId, byAdminForOther ? 'admin' : { password: body.password ?? '' });
  }
}
