/**
 * Dedupe keys of peer-review notifications: one per thing told and person, so nothing is sent twice. Persisted in the
 * schedule and the ledger: never change one.
 */

/** `pr:assigned:<review>`: one "review assigned" per review (a review row is one lease of one submission). */
export const reviewAssignedKey = (reviewId: string): string => `pr:assigned:${reviewId}`;

/** `pr:lease:<review>:<expires at>`: a lease that ends at another instant (a new review) gets its own warning. */
export const leaseExpiringKey = (reviewId: string, expiresAt: Date): string =>
  `pr:lease:${reviewId}:${expiresAt.toISOString()}`;

/** `pr:due:<submission>:<closes at>`: one per learner's window (their submission's) and closing instant. */
export const reviewsDueKey = (submissionId: string, closesAt: Date): string =>
  `pr:due:${submissionId}:${closesAt.toISOString()}`;

/** `pr:received:<review>`: one per review the author receives. */
export const reviewReceivedKey = (reviewId: string): string => `pr:received:${reviewId}`;

/** `pr:score:<submission>`: one "score released" per submission, whichever rule released it first. */
export const scoreReleasedKey = (submissionId: string): string => `pr:score:${submissionId}`;

/** `pr:short:<assignment>:<closes at>:<facilitator>`: at the assignment's last window close in the cohort. */
export const shortOfKKey = (assignmentId: string, closesAt: Date, facilitatorId: string): string =>
  `pr:short:${assignmentId}:${closesAt.toISOString()}:${facilitatorId}`;
