export { formGroups, MIN_COMMON_MINUTES, SUGGESTED_MEETING_MINUTES } from './grouping/form-groups';
export { naiveGrouping } from './grouping/naive-grouping';
export type {
  FormedGroup,
  GroupingLearner,
  GroupingOptions,
  GroupingResult,
  UnplacedLearner,
} from './grouping/grouping.types';
