import type { Provider } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '@app/core';
import { ATTACHMENT_STORE, type AttachmentStore } from './attachment-store';
import { PostgresAttachmentStore } from './postgres-attachment-store';
import { S3AttachmentStore } from './s3-attachment-store';

/** The store PEER_REVIEW_ATTACHMENT_STORE names. */
export const attachmentStoreProvider: Provider = {
  provide: ATTACHMENT_STORE,
  inject: [AppConfig, DataSource],
  useFactory: (config: AppConfig, dataSource: DataSource): AttachmentStore =>
    config.PEER_REVIEW_ATTACHMENT_STORE === 's3'
      ? new S3AttachmentStore(config)
      : new PostgresAttachmentStore(dataSource),
};
