/** What decides whether an author sees their reviews and score. */
export interface ScoreReleaseFacts {
  /** A facilitator released the assignment's scores. */
  releasedAt: Date | null;
  /** Reviews the author gave (submitted) in the assignment. */
  given: number;
  /** Counted reviews of their submission (submitted, not removed). */
  received: number;
  reviewClosesAt: Date;
}

/**
 * The release rule, in one place (the scores endpoint and the "score released" notification): once the author gave
 * m reviews and k are in, or their review window has closed, or a facilitator released the assignment's scores.
 */
export function scoresReleased(
  facts: ScoreReleaseFacts,
  review: { reviewsPerSubmission: number; reviewsPerLearner: number },
  now: Date,
): boolean {
  return (
    facts.releasedAt !== null ||
    (facts.given >= review.reviewsPerLearner && facts.received >= review.reviewsPerSubmission) ||
    facts.reviewClosesAt <= now
  );
}
