import { ApiProperty } from '@nestjs/swagger';

/** A file of a submission version: never who uploaded it. */
export class AttachmentDto {
  @ApiProperty({ format: 'uuid', description: 'List it in `attachmentIds` of a submission to attach it' })
  id!: string;

  @ApiProperty({ description: 'The name it was uploaded with, without any path or control characters' })
  fileName!: string;

  @ApiProperty({ example: 'application/pdf', description: 'Detected from the bytes, not from the name' })
  contentType!: string;

  @ApiProperty({ example: 48213 })
  sizeBytes!: number;

  @ApiProperty({ pattern: '^[0-9a-f]{64}$', description: 'SHA-256 of the bytes, lowercase hex' })
  sha256!: string;
}

export class AttachmentUploadDto {
  @ApiProperty({ type: 'string', format: 'binary', description: 'The file (the only part of the body)' })
  file!: unknown;
}
