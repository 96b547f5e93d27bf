import { CohortGroupsQuery } from './cohort-groups.query';
import { FormCohortGroupsUseCase } from './form-cohort-groups.use-case';
import { GroupMovesUseCase } from './group-moves.use-case';
import { GroupingPreferenceUseCase } from './grouping-preference.use-case';
import { GroupingRepository } from './grouping.repository';

/** Grouping learners who can meet: formation, late placement, moves and the explained view. */
export const GROUPING_EXPORTS = [
  CohortGroupsQuery,
  FormCohortGroupsUseCase,
  GroupingPreferenceUseCase,
  GroupMovesUseCase,
];
export const GROUPING_PROVIDERS = [GroupingRepository, ...GROUPING_EXPORTS];
