import { In, type EntityManager } from 'typeorm';
import { ReviewFeedback, type ReviewFlagReason } from './review-feedback.entity';

/** The author's own rating and flag of a review they received: theirs alone, never shown to another reader. */
export interface AuthorFeedback {
  helpfulness: number | null;
  flag: { reason: ReviewFlagReason; note: string | null; flaggedAt: Date } | null;
}

const NONE: AuthorFeedback = { helpfulness: null, flag: null };

/** The author's feedback on each of these reviews (one query for the set); a review without any reads as none. */
export async function readAuthorFeedback(
  manager: EntityManager,
  reviewIds: readonly string[],
): Promise<(reviewId: string) => AuthorFeedback> {
  const rows = reviewIds.length === 0 ? [] : await manager.findBy(ReviewFeedback, { reviewId: In([...reviewIds]) });
  const byReview = new Map(rows.map((row) => [row.reviewId, authorFeedback(row)]));
  return (reviewId) => byReview.get(reviewId) ?? NONE;
}

function authorFeedback(row: ReviewFeedback): AuthorFeedback {
  return {
    helpfulness: row.helpfulness,
    flag:
      row.flagReason && row.flaggedAt ? { reason: row.flagReason, note: row.flagNote, flaggedAt: row.flaggedAt } : null,
  };
}
