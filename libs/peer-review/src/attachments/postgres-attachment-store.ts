import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AttachmentContent } from './attachment-content.entity';
import type { AttachmentStore } from './attachment-store';

/** The default store: bytes in peer_review_attachment_contents (bytea), written in the metadata's transaction. */
@Injectable()
export class PostgresAttachmentStore implements AttachmentStore {
  readonly kind = 'postgres';

  constructor(private readonly dataSource: DataSource) {}

  async put(manager: EntityManager, key: string, bytes: Buffer): Promise<void> {
    await manager.insert(AttachmentContent, { attachmentId: key, content: bytes });
  }

  async get(key: string): Promise<Buffer | null> {
    const rows = await this.dataSource.query<{ content: Buffer }[]>(
      `SELECT content FROM peer_review_attachment_contents WHERE attachment_id = $1`,
      [key],
    );
    return rows[0]?.content ?? null;
  }

  async delete(manager: EntityManager, keys: readonly string[]): Promise<void> {
    // Deleting the metadata row cascades here too; this is for a store switched while rows remain.
    if (keys.length === 0) return;
    await manager.query(`DELETE FROM peer_review_attachment_contents WHERE attachment_id = ANY($1::uuid[])`, [keys]);
  }
}
