import type { EntityManager } from 'typeorm';

/**
 * Where attachment bytes live. Not on one process's disk: every API replica must serve every attachment. The
 * metadata row (peer_review_attachments) is written in the same transaction as `put`; a store outside the database
 * (S3) cannot join that transaction, so its `put` comes last before the commit and its `delete` after the rows go.
 */
export interface AttachmentStore {
  readonly kind: 'postgres' | 's3';
  /** Writes the bytes under `key` (the attachment's id), within the transaction of `manager` where it can. */
  put(manager: EntityManager, key: string, bytes: Buffer, contentType: string): Promise<void>;
  /** The bytes under `key`, or null when there are none. */
  get(key: string): Promise<Buffer | null>;
  /** Removes the bytes under `keys` (missing ones are no error). */
  delete(manager: EntityManager, keys: readonly string[]): Promise<void>;
}

/** Nest token of the configured AttachmentStore. */
export const ATTACHMENT_STORE = Symbol('AttachmentStore');
