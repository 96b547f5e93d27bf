import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { addLocalDays, Clock, localParts, Outbox, zonedInstant, type Actor } from '@app/core';
import { DUE_LOCAL_TIME } from '@app/cohorts';
import { AssignmentContexts } from '../assignments/assignment-context';
import { AttachmentsService } from '../attachments/attachments.service';
import { PeerReviewError, PeerReviewErrorCode } from '../peer-review.errors';
import { PeerReviewEvent } from '../peer-review.events';
import { PeerReviewSettingsService } from '../settings/peer-review-settings.service';
import { checkSubmissionInput, type SubmissionInput } from './submission-input';
import { SubmissionVersion } from './submission-version.entity';
import { Submission } from './submission.entity';

export interface SubmittedVersion {
  submissionId: string;
  versionId: string;
  version: number;
  late: boolean;
}

/**
 * A learner hands in work for an assignment of a released module. Before their own due date (extension included)
 * each submission makes a new immutable version; after it, a first submission is taken only when the cohort takes
 * late work (flagged late), and nothing is revised. Files uploaded before are bound to the new version.
 */
@Injectable()
export class SubmitWorkUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly contexts: AssignmentContexts,
    private readonly settings: PeerReviewSettingsService,
    private readonly outbox: Outbox,
    private readonly attachments: AttachmentsService,
  ) {}

  async execute(
    actor: Actor,
    cohortId: string,
    assignmentId: string,
    input: SubmissionInput,
  ): Promise<SubmittedVersion> {
    const work = checkSubmissionInput(input);
    const context = await this.contexts.forPerson(cohortId, assignmentId, actor.userId);
    if (!context.activeLearner) throw new PeerReviewError(PeerReviewErrorCode.LearnersOnly);
    const now = this.clock.now();
    if (now < context.dates.releaseAt) throw new PeerReviewError(PeerReviewErrorCode.ModuleNotReleased);
    const late = now > context.dates.dueAt;
    const settings = await this.settings.get(cohortId);
    if (late && !settings.lateSubmissions) throw new PeerReviewError(PeerReviewErrorCode.LateSubmissionRefused);
    // The window runs N local days past the author's due date, closing at the same local time (23:59); a late
    // submission gets N days from the day it came in, so it is never left without reviewers.
    const windowFrom = late ? localParts(now, context.dates.zone).date : context.dates.dueDate;
    const reviewClosesAt = zonedInstant(
      addLocalDays(windowFrom, settings.reviewWindowDays),
      DUE_LOCAL_TIME,
      context.dates.zone,
    );

    return this.dataSource.transaction(async (manager) => {
      // A first submission inserts; any later one (or one racing a concurrent first) locks the row and numbers
      // the next version, so versions never collide.
      const inserted = await manager
        .createQueryBuilder()
        .insert()
        .into(Submission)
        .values({
          cohortId,
          assignmentId,
          moduleId: context.moduleId,
          authorId: actor.userId,
          latestVersion: 1,
          dueAt: context.dates.dueAt,
          reviewClosesAt,
          createdAt: now,
          updatedAt: now,
        })
        .orIgnore()
        .returning(['id'])
        .execute();
      const insertedRow = (inserted.raw as { id: string }[])[0];
      let submission: Submission;
      if (insertedRow) {
        submission = await manager.findOneByOrFail(Submission, { id: insertedRow.id });
      } else {
        const existing = await manager.findOneOrFail(Submission, {
          where: { cohortId, assignmentId, authorId: actor.userId },
          lock: { mode: 'pessimistic_write' },
        });
        if (late) throw new PeerReviewError(PeerReviewErrorCode.ResubmissionClosed);
        existing.latestVersion += 1;
        existing.dueAt = context.dates.dueAt;
        existing.reviewClosesAt = reviewClosesAt;
        existing.updatedAt = now;
        submission = await manager.save(existing);
      }
      const version = await manager.save(
        manager.create(SubmissionVersion, {
          submissionId: submission.id,
          version: submission.latestVersion,
          body: work.body,
          links: work.links,
          late,
          createdAt: now,
        }),
      );
      await this.attachments.bind(manager, {
        uploaderId: actor.userId,
        cohortId,
        assignmentId,
        submissionId: submission.id,
        versionId: version.id,
        attachmentIds: work.attachmentIds ?? [],
        now,
      });
      await this.outbox.record(manager, PeerReviewEvent.SubmissionMade, submission.id, {
        submissionId: submission.id,
        versionId: version.id,
        version: version.version,
        cohortId,
        assignmentId,
        authorId: actor.userId,
        late,
      });
      return { submissionId: submission.id, versionId: version.id, version: version.version, late };
    });
  }
}
