import { createHash, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AppConfig, Clock, ConfigError, InvalidInputError, isAdmin, type Actor, type FieldProblem } from '@app/core';
import { CohortRole, EnrollmentStatus } from '@app/cohorts';
import { AssignmentContexts } from '../assignments/assignment-context';
import { PeerReviewError, PeerReviewErrorCode } from '../peer-review.errors';
import { ATTACHMENT_STORE, type AttachmentStore } from './attachment-store';
import { ATTACHMENT_TYPES, detectAttachmentType, parseAttachmentTypeNames } from './attachment-types';
import { sanitizeFileName, withTypeExtension } from './attachment-file-name';
import { AttachmentsRepository, type AttachmentView } from './attachments.repository';
import { SubmissionAttachment } from './submission-attachment.entity';

/** The limits attachments are held to, from the configuration. */
export interface AttachmentLimits {
  maxBytes: number;
  perVersion: number;
  /** MIME types taken (detected from the bytes). */
  contentTypes: string[];
}

/** An upload as received: the name the client gave (not trusted) and the bytes. */
export interface UploadedFile {
  originalName: string;
  bytes: Buffer;
}

export interface AttachmentDownload {
  attachment: AttachmentView;
  bytes: Buffer;
}

/**
 * Files on submissions. A learner uploads a file for an assignment (checked: size, type told by its bytes, a SHA-256
 * kept), then lists it in a submission, which binds it to that version for good. A bound attachment is served to
 * whoever may see that version: its author, the cohort's facilitators, and reviewers who hold or held a review of it.
 */
@Injectable()
export class AttachmentsService {
  readonly limits: AttachmentLimits;

  constructor(
    config: AppConfig,
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly contexts: AssignmentContexts,
    private readonly repository: AttachmentsRepository,
    @Inject(ATTACHMENT_STORE) private readonly store: AttachmentStore,
  ) {
    const { names, unknown } = parseAttachmentTypeNames(config.PEER_REVIEW_ATTACHMENT_TYPES);
    if (unknown.length > 0) {
      throw new ConfigError(
        `Invalid configuration:\n  PEER_REVIEW_ATTACHMENT_TYPES: unknown ${unknown.join(', ')} ` +
          `(known: ${Object.keys(ATTACHMENT_TYPES).join(', ')})`,
      );
    }
    this.limits = {
      maxBytes: config.PEER_REVIEW_ATTACHMENT_MAX_BYTES,
      perVersion: config.PEER_REVIEW_ATTACHMENTS_PER_VERSION,
      contentTypes: names.map((n) => ATTACHMENT_TYPES[n]),
    };
  }

  /** Stores an upload of an active learner, not yet part of any submission. */
  async upload(actor: Actor, cohortId: string, assignmentId: string, file: UploadedFile): Promise<AttachmentView> {
    if (this.limits.perVersion === 0) throw new PeerReviewError(PeerReviewErrorCode.AttachmentsDisabled);
    const context = await this.contexts.forPerson(cohortId, assignmentId, actor.userId);
    if (!context.activeLearner) throw new PeerReviewError(PeerReviewErrorCode.LearnersOnly);
    const now = this.clock.now();
    if (now < context.dates.releaseAt) throw new PeerReviewError(PeerReviewErrorCode.ModuleNotReleased);
    if (file.bytes.length === 0) throw new InvalidInputError([{ field: 'file', message: 'The file is empty.' }]);
    if (file.bytes.length > this.limits.maxBytes) {
      throw new PeerReviewError(PeerReviewErrorCode.AttachmentTooLarge, 'file');
    }
    const detected = await detectAttachmentType(file.bytes);
    if (!detected?.name || !this.limits.contentTypes.includes(ATTACHMENT_TYPES[detected.name])) {
      throw new PeerReviewError(PeerReviewErrorCode.AttachmentTypeRefused, 'file');
    }
    // A bound on what one person can park here; the write rate limit bounds how fast.
    if ((await this.repository.countUnbound(cohortId, assignmentId, actor.userId)) >= 2 * this.limits.perVersion) {
      throw new PeerReviewError(PeerReviewErrorCode.TooManyUnboundAttachments);
    }
    const contentType = ATTACHMENT_TYPES[detected.name];
    const sha256 = createHash('sha256').update(file.bytes).digest('hex');
    const id = randomUUID();
    const fileName = withTypeExtension(sanitizeFileName(file.originalName), detected.name);
    const sizeBytes = file.bytes.length;
    await this.dataSource.transaction(async (manager) => {
      await manager.insert(SubmissionAttachment, {
        id,
        cohortId,
        assignmentId,
        uploaderId: actor.userId,
        fileName,
        contentType,
        sizeBytes,
        sha256,
        store: this.store.kind,
        storageKey: id,
        createdAt: now,
      });
      // Last before the commit: a store outside the database has nothing to undo if this throws.
      await this.store.put(manager, id, file.bytes, contentType);
    });
    return { id, fileName, contentType, sizeBytes, sha256 };
  }

  /**
   * Binds the listed uploads to a new version, in the submission's transaction. Each must be the author's own
   * upload for this assignment and not bound yet; anything else is a 400 naming `attachmentIds.<i>`, and the
   * submission is not made.
   */
  async bind(
    manager: EntityManager,
    binding: {
      uploaderId: string;
      cohortId: string;
      assignmentId: string;
      submissionId: string;
      versionId: string;
      attachmentIds: readonly string[];
      now: Date;
    },
  ): Promise<void> {
    const ids = binding.attachmentIds;
    if (ids.length === 0) return;
    const problems: FieldProblem[] = [];
    if (ids.length > this.limits.perVersion) {
      problems.push({ field: 'attachmentIds', message: `At most ${this.limits.perVersion} attachments.` });
    }
    const found = new Map((await this.repository.lockForBinding(manager, ids)).map((a) => [a.id, a]));
    ids.forEach((id, i) => {
      const row = found.get(id);
      if (ids.indexOf(id) !== i) {
        problems.push({ field: `attachmentIds.${i}`, message: 'Listed twice.' });
      } else if (
        !row ||
        row.uploaderId !== binding.uploaderId ||
        row.cohortId !== binding.cohortId ||
        row.assignmentId !== binding.assignmentId
      ) {
        problems.push({ field: `attachmentIds.${i}`, message: 'No such upload of yours for this assignment.' });
      } else if (row.versionId !== null) {
        problems.push({
          field: `attachmentIds.${i}`,
          message: 'Already part of a submitted version: upload the file again to attach it to a new one.',
        });
      }
    });
    if (problems.length > 0) throw new InvalidInputError(problems);
    await this.repository.bind(manager, { ...binding, ids });
  }

  /** The attachment's bytes, for those who may see it; anyone else is told it does not exist. */
  async download(
    actor: Actor,
    cohortId: string,
    assignmentId: string,
    attachmentId: string,
  ): Promise<AttachmentDownload> {
    const notFound = new PeerReviewError(PeerReviewErrorCode.AttachmentNotFound);
    const record = await this.repository.findForAccess(cohortId, assignmentId, attachmentId);
    if (!record || !(await this.maySee(actor, cohortId, assignmentId, record))) throw notFound;
    const bytes = await this.store.get(record.storageKey);
    if (!bytes) throw notFound;
    const { id, fileName, contentType, sizeBytes, sha256 } = record;
    return { attachment: { id, fileName, contentType, sizeBytes, sha256 }, bytes };
  }

  private async maySee(
    actor: Actor,
    cohortId: string,
    assignmentId: string,
    record: { uploaderId: string; versionId: string | null; authorId: string | null },
  ): Promise<boolean> {
    // Not yet submitted: only its uploader.
    if (record.versionId === null) return record.uploaderId === actor.userId;
    if (record.authorId === actor.userId || isAdmin(actor)) return true;
    if (await this.repository.reviewsVersion(record.versionId, actor.userId)) return true;
    // Someone with no place in the cohort has no dates there: not a facilitator (and told only "not found").
    const context = await this.contexts.forPerson(cohortId, assignmentId, actor.userId).catch((error: unknown) => {
      if (error instanceof PeerReviewError) return null;
      throw error;
    });
    return context?.dates.role === CohortRole.Facilitator && context.dates.status === EnrollmentStatus.Active;
  }
}
