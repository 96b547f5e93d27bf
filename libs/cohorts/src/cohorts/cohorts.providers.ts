import { CompletionOnAttendance } from '../completion/completion-on-attendance';
import { CompletionEvaluator } from '../completion/completion.evaluator';
import { CohortsPersonalData } from '../data-rights/cohorts-personal-data';
import { CompleteModuleUseCase } from '../progress/complete-module.use-case';
import { LearnerModuleDatesReader } from '../progress/learner-module-dates';
import { LearnerProgressService } from '../progress/learner-progress.service';
import { ProgressRepository } from '../progress/progress.repository';
import { DeadlineExtensionsService } from '../schedule/deadline-extensions.service';
import { CohortReader } from './cohort-reader.service';
import { CohortRepository } from './cohort.repository';
import { CreateCohortUseCase } from './create-cohort.use-case';
import { MyCohortsQuery } from './my-cohorts.query';
import { UpdateCohortUseCase } from './update-cohort.use-case';

/** Cohorts themselves, their calendar, extensions, progress, completion and personal data; and what the API uses. */
export const COHORT_PROVIDERS = [
  CohortRepository,
  CohortReader,
  CreateCohortUseCase,
  UpdateCohortUseCase,
  DeadlineExtensionsService,
  ProgressRepository,
  LearnerProgressService,
  LearnerModuleDatesReader,
  CompleteModuleUseCase,
  CompletionEvaluator,
  CompletionOnAttendance,
  CohortsPersonalData,
  MyCohortsQuery,
];
export const COHORT_EXPORTS = [
  CohortReader,
  CreateCohortUseCase,
  UpdateCohortUseCase,
  DeadlineExtensionsService,
  LearnerProgressService,
  LearnerModuleDatesReader,
  CompleteModuleUseCase,
  CompletionEvaluator,
  MyCohortsQuery,
];
