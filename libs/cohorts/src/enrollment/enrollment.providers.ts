import { CohortFacilitatorsUseCase } from './cohort-facilitators.use-case';
import { CohortInvitationsService } from './cohort-invitations.service';
import { EnrollUseCase } from './enroll.use-case';
import { EnrollmentRequestsUseCase } from './enrollment-requests.use-case';
import { EnrollmentRepository } from './enrollment.repository';
import { CohortRosterQuery } from './roster.query';
import { WithdrawUseCase } from './withdraw.use-case';

/** Enrollment's providers, all exported by CohortsModule (the API's controllers call the use cases). */
export const ENROLLMENT_PROVIDERS = [
  EnrollmentRepository,
  EnrollUseCase,
  WithdrawUseCase,
  EnrollmentRequestsUseCase,
  CohortInvitationsService,
  CohortFacilitatorsUseCase,
  CohortRosterQuery,
];
