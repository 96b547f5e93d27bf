import { Controller, Get, Param, Query, StreamableFile } from '@nestjs/common';
import { ApiBadRequestResponse, ApiNotFoundResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { CohortAction, CohortPolicy, FacilitatorDashboard, flagOfParam, type DashboardQuery } from '@app/cohorts';
import { Authenticated, Authorize } from '../auth/auth.decorators';
import { ProblemDto } from '../http/problem.dto';
import { DashboardDto, DashboardQueryDto, type DashboardLearnerDto } from './dashboard.dto';

const toQuery = (query: DashboardQueryDto): DashboardQuery => ({
  flag: flagOfParam(query.flag),
  groupId: query.groupId,
  q: query.q,
  sort: query.sort,
  order: query.order,
});

/**
 * The facilitator's dashboard of a cohort: per active learner, progress against their own calendar, meetings,
 * posts, last activity and at-risk flags; as JSON or as a CSV file. Facilitators (and admins) only.
 */
@ApiTags('cohorts')
@Authenticated()
@ApiBadRequestResponse({ type: ProblemDto, description: 'A bad query parameter, named in `errors`' })
@ApiNotFoundResponse({ type: ProblemDto, description: 'No such cohort (invite-only cohorts: unless you are in it)' })
@Controller('cohorts/:cohortId')
export class DashboardController {
  constructor(private readonly dashboard: FacilitatorDashboard) {}

  @Get('dashboard')
  @Authorize(CohortPolicy, CohortAction.Facilitate, 'cohortId')
  @ApiOkResponse({ type: DashboardDto })
  async show(@Param('cohortId') cohortId: string, @Query() query: DashboardQueryDto): Promise<DashboardDto> {
    const { rows, ...rest } = await this.dashboard.build(cohortId, toQuery(query));
    // The metrics of the columns libraries above cohorts register at boot (peer review's) are typed by their DTO.
    return { ...rest, items: rows as unknown as DashboardLearnerDto[] };
  }

  @Get('dashboard.csv')
  @Authorize(CohortPolicy, CohortAction.Facilitate, 'cohortId')
  @ApiProduces('text/csv')
  @ApiOkResponse({
    description: 'The same learners, filtered and sorted alike, as RFC 4180 CSV (UTF-8 with a byte order mark)',
  })
  async csv(@Param('cohortId') cohortId: string, @Query() query: DashboardQueryDto): Promise<StreamableFile> {
    const { fileName, content } = await this.dashboard.csv(cohortId, toQuery(query));
    return new StreamableFile(Buffer.from(content, 'utf8'), {
      type: 'text/csv; charset=utf-8',
      disposition: `attachment; filename="${fileName}"`,
    });
  }
}
