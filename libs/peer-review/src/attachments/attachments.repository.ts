import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

/** An attachment as shown in submission views: never who uploaded it. */
export interface AttachmentView {
  id: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
}

/** What deciding a download needs: where the attachment is bound, and who wrote that submission. */
export interface AttachmentAccessRecord extends AttachmentView {
  uploaderId: string;
  versionId: string | null;
  authorId: string | null;
  store: 'postgres' | 's3';
  storageKey: string;
}

export interface StoredObjectRecord {
  id: string;
  store: 'postgres' | 's3';
  storageKey: string;
}

export interface UnboundAttachmentRecord {
  id: string;
  uploaderId: string;
  cohortId: string;
  assignmentId: string;
  versionId: string | null;
}

const VIEW_COLUMNS = `a.id, a.file_name AS "fileName", a.content_type AS "contentType", a.size_bytes AS "sizeBytes",
  a.sha256`;

/** Queries of peer_review_attachments: one statement per set, never one per row. */
@Injectable()
export class AttachmentsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Uploads of the person for the assignment not yet bound to a submission. */
  async countUnbound(cohortId: string, assignmentId: string, uploaderId: string): Promise<number> {
    const rows = await this.dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM peer_review_attachments
        WHERE cohort_id = $1 AND assignment_id = $2 AND uploader_id = $3 AND version_id IS NULL`,
      [cohortId, assignmentId, uploaderId],
    );
    return rows[0]?.n ?? 0;
  }

  async findForAccess(cohortId: string, assignmentId: string, id: string): Promise<AttachmentAccessRecord | null> {
    const rows = await this.dataSource.query<AttachmentAccessRecord[]>(
      `SELECT ${VIEW_COLUMNS}, a.uploader_id AS "uploaderId", a.version_id AS "versionId", s.author_id AS "authorId",
              a.store, a.storage_key AS "storageKey"
         FROM peer_review_attachments a
         LEFT JOIN peer_review_submissions s ON s.id = a.submission_id
        WHERE a.id = $1 AND a.cohort_id = $2 AND a.assignment_id = $3`,
      [id, cohortId, assignmentId],
    );
    return rows[0] ?? null;
  }

  /** Whether the person holds or held a review (a lease, a draft, a submitted or an expired one) of the version. */
  async reviewsVersion(versionId: string, reviewerId: string): Promise<boolean> {
    const rows = await this.dataSource.query<unknown[]>(
      `SELECT 1 FROM peer_reviews WHERE version_id = $1 AND reviewer_id = $2 LIMIT 1`,
      [versionId, reviewerId],
    );
    return rows.length > 0;
  }

  /** The listed attachments, locked for binding (FOR UPDATE: two submissions cannot both take one). */
  async lockForBinding(manager: EntityManager, ids: readonly string[]): Promise<UnboundAttachmentRecord[]> {
    return manager.query<UnboundAttachmentRecord[]>(
      `SELECT id, uploader_id AS "uploaderId", cohort_id AS "cohortId", assignment_id AS "assignmentId",
              version_id AS "versionId"
         FROM peer_review_attachments WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`,
      [ids],
    );
  }

  async bind(
    manager: EntityManager,
    binding: { submissionId: string; versionId: string; ids: readonly string[]; now: Date },
  ): Promise<void> {
    await manager.query(
      `UPDATE peer_review_attachments a
          SET submission_id = $1, version_id = $2, position = listed.position - 1, bound_at = $4
         FROM unnest($3::uuid[]) WITH ORDINALITY AS listed(id, position)
        WHERE a.id = listed.id`,
      [binding.submissionId, binding.versionId, binding.ids, binding.now],
    );
  }

  /** Deletes up to `limit` of the oldest uploads never bound and made before `before`; returns where their bytes are. */
  async removeUnbound(before: Date, limit: number): Promise<StoredObjectRecord[]> {
    const [rows] = await this.dataSource.query<[StoredObjectRecord[], number]>(
      `DELETE FROM peer_review_attachments
        WHERE id IN (SELECT id FROM peer_review_attachments
                      WHERE version_id IS NULL AND created_at < $1
                      ORDER BY created_at LIMIT $2 FOR UPDATE SKIP LOCKED)
        RETURNING id, store, storage_key AS "storageKey"`,
      [before, limit],
    );
    return rows;
  }
}
