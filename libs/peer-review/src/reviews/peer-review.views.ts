import { Anonymity, renderMarkdown } from '@app/courses';
import type { AttachmentView } from '../attachments/attachments.repository';
import type { ReviewRecord, VersionRecord } from './peer-review.repository';
import type { CriterionScore } from './review.entity';

export enum ReviewStatus {
  /** Leased and being drafted: the lease runs. */
  Leased = 'leased',
  Submitted = 'submitted',
  /** The lease ran out before submission: the submission went back to the pool. */
  Expired = 'expired',
}

export interface PersonRef {
  id: string;
  displayName: string | null;
}

export interface SubmissionVersionView {
  id: string;
  version: number;
  body: string;
  bodyHtml: string;
  links: string[];
  late: boolean;
  submittedAt: Date;
  /** Files of this version, in the order submitted (never who uploaded them). */
  attachments: AttachmentView[];
}

/** A review as one reader may see it: `reviewer` and `author` are null where anonymity hides them. */
export interface ReviewView {
  id: string;
  submissionId: string;
  versionId: string;
  version: number;
  status: ReviewStatus;
  leaseExpiresAt: Date;
  scores: CriterionScore[] | null;
  overallComment: string | null;
  submittedAt: Date | null;
  /** Written by a facilitator (from the review queue). */
  staff: boolean;
  reviewer: PersonRef | null;
  author: PersonRef | null;
}

/** A review as its reviewer sees it, with the version under review. */
export interface ReviewAssignmentView extends ReviewView {
  submission: SubmissionVersionView;
}

/** Who reads: the identities each may see follow the assignment's anonymity (facilitators see everything). */
export type Reader = 'author' | 'reviewer' | 'facilitator';

export function reviewStatus(record: Pick<ReviewRecord, 'submittedAt' | 'leaseExpiresAt'>, now: Date): ReviewStatus {
  if (record.submittedAt) return ReviewStatus.Submitted;
  return record.leaseExpiresAt > now ? ReviewStatus.Leased : ReviewStatus.Expired;
}

/** Single- and double-blind hide the reviewer from the author; double-blind also hides the author from the reviewer. */
export function showsReviewer(anonymity: Anonymity, reader: Reader): boolean {
  return reader !== 'author' || anonymity === Anonymity.Open;
}

export function showsAuthor(anonymity: Anonymity, reader: Reader): boolean {
  return reader !== 'reviewer' || anonymity !== Anonymity.DoubleBlind;
}

export function reviewView(record: ReviewRecord, anonymity: Anonymity, reader: Reader, now: Date): ReviewView {
  return {
    id: record.id,
    submissionId: record.submissionId,
    versionId: record.versionId,
    version: record.version,
    status: reviewStatus(record, now),
    leaseExpiresAt: record.leaseExpiresAt,
    scores: record.scores,
    overallComment: record.overallComment,
    submittedAt: record.submittedAt,
    staff: record.staff,
    reviewer:
      showsReviewer(anonymity, reader) && record.reviewerId
        ? { id: record.reviewerId, displayName: record.reviewerName }
        : null,
    author: showsAuthor(anonymity, reader) ? { id: record.authorId, displayName: record.authorName } : null,
  };
}

export function versionView(version: VersionRecord): SubmissionVersionView {
  return {
    id: version.id,
    version: version.version,
    body: version.body,
    bodyHtml: renderMarkdown(version.body),
    links: version.links,
    late: version.late,
    submittedAt: version.createdAt,
    attachments: version.attachments,
  };
}
