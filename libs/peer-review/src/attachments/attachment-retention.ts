import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ATTACHMENT_STORE, type AttachmentStore } from './attachment-store';
import { AttachmentsRepository } from './attachments.repository';

/** Uploads never listed in a submission go this long after they were made. */
export const UNBOUND_ATTACHMENT_HOURS = 24;

/**
 * Deletes uploads never bound to a submission, a day after they were made (the notifications library's retention
 * run calls it with its other tables). A bound attachment is never deleted here: it is part of a submitted version.
 */
@Injectable()
export class AttachmentRetention {
  private readonly logger = new Logger(AttachmentRetention.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: AttachmentsRepository,
    @Inject(ATTACHMENT_STORE) private readonly store: AttachmentStore,
  ) {}

  /** One batch (one statement); the number of uploads deleted. */
  async removeBatch(now: Date, limit: number): Promise<number> {
    const removed = await this.repository.removeUnbound(
      new Date(now.getTime() - UNBOUND_ATTACHMENT_HOURS * 3600_000),
      limit,
    );
    // The PostgreSQL store's bytes went with the rows (cascade); an outside store's are deleted after them.
    const keys = removed.filter((r) => r.store === this.store.kind && r.store !== 'postgres').map((r) => r.storageKey);
    if (keys.length > 0) {
      try {
        await this.store.delete(this.dataSource.manager, keys);
      } catch (error) {
        this.logger.warn({ count: keys.length, error: String(error) }, 'attachment objects left in the store');
      }
    }
    return removed.length;
  }
}
