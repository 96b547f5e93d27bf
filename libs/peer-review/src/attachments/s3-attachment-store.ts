import { DeleteObjectsCommand, GetObjectCommand, NoSuchKey, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { AppConfig } from '@app/core';
import type { AttachmentStore } from './attachment-store';

/**
 * An S3-compatible bucket (AWS S3, MinIO, Ceph, Garage...). Objects are keyed `peer-review/attachments/<id>`;
 * nothing about the uploader or the file name goes into the key or the object's metadata.
 */
export class S3AttachmentStore implements AttachmentStore {
  readonly kind = 's3';
  private readonly client: S3Client;
  private readonly bucket: string;

  constructor(config: AppConfig) {
    if (!config.PEER_REVIEW_S3_BUCKET || !config.PEER_REVIEW_S3_ENDPOINT) {
      // loadConfig refuses this already; a guard for stores built by hand.
      throw new Error('The s3 attachment store needs PEER_REVIEW_S3_BUCKET and PEER_REVIEW_S3_ENDPOINT');
    }
    this.bucket = config.PEER_REVIEW_S3_BUCKET;
    this.client = new S3Client({
      endpoint: config.PEER_REVIEW_S3_ENDPOINT,
      region: config.PEER_REVIEW_S3_REGION,
      forcePathStyle: config.PEER_REVIEW_S3_FORCE_PATH_STYLE,
      credentials:
        config.PEER_REVIEW_S3_ACCESS_KEY_ID && config.PEER_REVIEW_S3_SECRET_ACCESS_KEY
          ? {
              accessKeyId: config.PEER_REVIEW_S3_ACCESS_KEY_ID,
              secretAccessKey: config.PEER_REVIEW_S3_SECRET_ACCESS_KEY,
            }
          : undefined,
    });
  }

  private objectKey(key: string): string {
    return `peer-review/attachments/${key}`;
  }

  async put(_manager: unknown, key: string, bytes: Buffer, contentType: string): Promise<void> {
    await this.client.send(
      new PutObjectCommand({
        Bucket: this.bucket,
        Key: this.objectKey(key),
        Body: bytes,
        ContentType: contentType,
        ContentLength: bytes.length,
      }),
    );
  }

  async get(key: string): Promise<Buffer | null> {
    try {
      const object = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: this.objectKey(key) }));
      if (!object.Body) return null;
      return Buffer.from(await object.Body.transformToByteArray());
    } catch (error) {
      if (error instanceof NoSuchKey) return null;
      throw error;
    }
  }

  async delete(_manager: unknown, keys: readonly string[]): Promise<void> {
    // DeleteObjects takes up to 1,000 keys a request.
    for (let i = 0; i < keys.length; i += 1000) {
      await this.client.send(
        new DeleteObjectsCommand({
          Bucket: this.bucket,
          Delete: { Objects: keys.slice(i, i + 1000).map((key) => ({ Key: this.objectKey(key) })), Quiet: true },
        }),
      );
    }
  }
}
