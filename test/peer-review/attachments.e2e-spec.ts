import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetObjectCommand, NoSuchKey, S3Client } from '@aws-sdk/client-s3';
import { parse as parseContentDisposition } from 'content-disposition';
import supertest, { type Response } from 'supertest';
import { ConfigError, loadConfig } from '@app/core';
import { Anonymity } from '@app/courses';
import { RetentionPass } from '@app/notifications';
import { signedIn, startReplica, startTestApi, v1, type TestApi } from '../support/api-app';
import type { MadeUser } from '../support/factories';

interface AttachmentBody {
  id: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
}

interface VersionBody {
  id: string;
  version: number;
  attachments: AttachmentBody[];
}

const MAX_BYTES = 64 * 1024;

// Files made here, each recognised by its bytes only.
const PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n');
const PNG = Buffer.concat([
  Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex'),
  Buffer.from('1f15c4890000000a49444154789c63000100000500010d0a2db40000000049454e44ae426082', 'hex'),
]);
const HTML = Buffer.from('<!DOCTYPE html>\n<html><body><script>fetch("/api/v1/users")</script></body></html>\n');
const EXE = Buffer.concat([Buffer.from('MZ', 'latin1'), Buffer.alloc(62, 0), Buffer.from('PE\0\0', 'latin1')]);
const ELF = Buffer.concat([Buffer.from('7f454c46020101000000000000000000', 'hex'), Buffer.alloc(48, 0)]);
const NOTES = Buffer.from('Clamp torque: 4 Nm.\nLeak test after 24 h: none.\n');

/** s3rver ships no types: the little used here. */
interface S3rverServer {
  run(): Promise<{ port: number }>;
  close(): Promise<void>;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const S3rver = require('s3rver') as new (options: {
  port: number;
  address: string;
  silent: boolean;
  directory: string;
  configureBuckets: { name: string }[];
}) => S3rverServer;

const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

/** supertest hands binary bodies back as a Buffer only when told to collect them. */
const binary = (res: Response, done: (error: Error | null, body: Buffer) => void): void => {
  const stream = res as unknown as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  stream.on('end', () => done(null, Buffer.concat(chunks)));
};

describe('peer review: file attachments on submissions', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi({
      PEER_REVIEW_ATTACHMENT_MAX_BYTES: String(MAX_BYTES),
      PEER_REVIEW_ATTACHMENTS_PER_VERSION: '3',
    });
  });
  afterAll(() => api.close());

  const as = (who: MadeUser) => signedIn(api, who);

  interface Setup {
    facilitator: MadeUser;
    learners: MadeUser[];
    base: string;
    cohortId: string;
  }

  /** A cohort whose module 1 (released 2 March, due 8 March 2026, UTC) has a peer-reviewed assignment, k = m = 1. */
  async function setup(learnerCount: number): Promise<Setup> {
    api.clock.set('2026-03-03T12:00:00Z');
    const facilitator = await api.make.user({ displayName: 'Facilitator Fatima', timeZone: 'UTC' });
    const { cohort, version } = await api.make.cohort(facilitator, {
      timeZone: 'UTC',
      assignment: { review: { reviewsPerSubmission: 1, reviewsPerLearner: 1, anonymity: Anonymity.DoubleBlind } },
    });
    const learners: MadeUser[] = [];
    for (let i = 0; i < learnerCount; i += 1) {
      const learner = await api.make.user({ displayName: `Learner ${i + 1}` });
      await api.make.enrollment(cohort, learner);
      learners.push(learner);
    }
    const assignment = version.modules[0]!.assignments[0]!;
    return { facilitator, learners, cohortId: cohort.id, base: `/cohorts/${cohort.id}/assignments/${assignment.id}` };
  }

  function upload(s: Setup, who: MadeUser, bytes: Buffer, filename: string, contentType = 'application/pdf') {
    return api
      .http()
      .post(v1(`${s.base}/attachments`))
      .set('Authorization', who.auth)
      .attach('file', bytes, { filename, contentType });
  }

  async function uploaded(s: Setup, who: MadeUser, bytes: Buffer, filename: string): Promise<AttachmentBody> {
    const res = await upload(s, who, bytes, filename);
    expect(res.status).toBe(201);
    return res.body as AttachmentBody;
  }

  function download(s: Setup, who: MadeUser | null, id: string) {
    const req = api
      .http()
      .get(v1(`${s.base}/attachments/${id}`))
      .buffer(true)
      .parse(binary);
    return who ? req.set('Authorization', who.auth) : req;
  }

  const bodyOf = (res: Response): Buffer => res.body as Buffer;

  it('binds uploads to the version submitted; author, reviewer and facilitators download them, nobody else', async () => {
    const s = await setup(3);
    const [ana, bruno, chen] = s.learners as [MadeUser, MadeUser, MadeUser];
    const pdf = await uploaded(s, ana, PDF, 'seal-report.pdf');
    expect(pdf).toEqual({
      id: expect.any(String),
      fileName: 'seal-report.pdf',
      contentType: 'application/pdf',
      sizeBytes: PDF.length,
      sha256: sha256(PDF),
    });
    const notes = await uploaded(s, ana, NOTES, 'notes.txt');
    // Before it is submitted, only its uploader sees it.
    expect((await download(s, s.facilitator, pdf.id)).status).toBe(404);

    const submitted = await as(ana).post(`${s.base}/submissions`, {
      body: 'Report and notes attached.',
      attachmentIds: [pdf.id, notes.id],
    });
    expect(submitted.status).toBe(201);

    const mine = await as(ana).get(`${s.base}/submissions/mine`);
    expect((mine.body.versions as VersionBody[])[0]!.attachments).toEqual([pdf, notes]);

    await as(bruno).post(`${s.base}/submissions`, { body: 'Mine' });
    const next = await as(bruno).post(`${s.base}/reviews/next`);
    expect(next.status).toBe(200);
    expect(next.body.submission.attachments).toEqual([pdf, notes]);
    // Double-blind: nothing in the reviewer's view names who uploaded the files.
    expect(JSON.stringify(next.body)).not.toContain(ana.user.id);

    const facilitatorView = await as(s.facilitator).get(`${s.base}/submissions`);
    const anas = (facilitatorView.body as { items: { latestVersion: VersionBody }[] }).items.find(
      (x) => x.latestVersion.id === submitted.body.versionId,
    );
    expect(anas!.latestVersion.attachments).toEqual([pdf, notes]);

    for (const who of [ana, bruno, s.facilitator]) {
      const res = await download(s, who, pdf.id);
      expect(res.status).toBe(200);
      expect(bodyOf(res).equals(PDF)).toBe(true);
      expect(sha256(bodyOf(res))).toBe(pdf.sha256);
      expect(res.headers['content-type']).toBe('application/pdf');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['content-disposition']).toBe('attachment; filename=seal-report.pdf');
      expect(res.headers.etag).toBe(`"sha256-${pdf.sha256}"`);
      expect(res.headers['repr-digest']).toBe(`sha-256=:${Buffer.from(pdf.sha256, 'hex').toString('base64')}:`);
      expect(JSON.stringify(res.headers)).not.toContain(ana.user.id);
    }
    const text = await download(s, bruno, notes.id);
    expect(text.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(bodyOf(text).equals(NOTES)).toBe(true);

    // Unchanged since: 304 without the bytes.
    const again = await download(s, bruno, pdf.id).set('If-None-Match', `"sha256-${pdf.sha256}"`);
    expect(again.status).toBe(304);

    // Chen (a learner with no review of it) and a stranger to the cohort: it does not exist for them.
    const stranger = await api.make.user({ displayName: 'Stranger' });
    for (const who of [chen, stranger]) {
      const res = await download(s, who, pdf.id);
      expect(res.status).toBe(404);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(JSON.parse(bodyOf(res).toString()).code).toBe('attachment_not_found');
    }
    expect((await download(s, null, pdf.id)).status).toBe(401);

    // Stored where every API replica reads: a second process serves the same bytes.
    const replica = await startReplica(api);
    try {
      const res = await supertest(replica.app.getHttpServer())
        .get(v1(`${s.base}/attachments/${pdf.id}`))
        .set('Authorization', s.facilitator.auth)
        .buffer(true)
        .parse(binary);
      expect(res.status).toBe(200);
      expect(bodyOf(res).equals(PDF)).toBe(true);
    } finally {
      await replica.app.close();
    }
  });

  it('tells the type from the bytes: a PNG named .pdf is a PNG; HTML or a program named .pdf is refused (415)', async () => {
    const s = await setup(1);
    const [ana] = s.learners as [MadeUser];
    const png = await uploaded(s, ana, PNG, 'photo.pdf');
    // Saved, it opens as what it is.
    expect(png).toMatchObject({ contentType: 'image/png', fileName: 'photo.pdf.png', sha256: sha256(PNG) });

    for (const [bytes, name] of [
      [HTML, 'report.pdf'],
      [EXE, 'report.pdf'],
      [ELF, 'report.pdf'],
    ] as const) {
      const refused = await upload(s, ana, bytes, name, 'application/pdf');
      expect(refused.status).toBe(415);
      expect(refused.headers['content-type']).toContain('application/problem+json');
      expect(refused.body).toMatchObject({ code: 'attachment_type_refused', errors: [{ field: 'file' }] });
    }
    const submitted = await as(ana).post(`${s.base}/submissions`, { body: '', attachmentIds: [png.id] });
    expect(submitted.status).toBe(201);
    const res = await download(s, ana, png.id);
    expect(res.headers['content-type']).toBe('image/png');
  });

  it('refuses a file over the size limit (413 naming the file), an empty one, and a body without the file', async () => {
    const s = await setup(1);
    const [ana] = s.learners as [MadeUser];
    const big = Buffer.concat([PDF, Buffer.alloc(MAX_BYTES, 0x20)]);
    const tooLarge = await upload(s, ana, big, 'big.pdf');
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.headers['content-type']).toContain('application/problem+json');
    expect(tooLarge.body).toMatchObject({ code: 'attachment_too_large', errors: [{ field: 'file' }] });

    const empty = await upload(s, ana, Buffer.alloc(0), 'empty.pdf');
    expect(empty.status).toBe(400);
    expect(empty.body.errors).toEqual([expect.objectContaining({ field: 'file' })]);

    const json = await as(ana).post(`${s.base}/attachments`, { file: 'not a file' });
    expect(json.status).toBe(400);
    expect(json.body.errors).toEqual([expect.objectContaining({ field: 'file' })]);

    const otherField = await api
      .http()
      .post(v1(`${s.base}/attachments`))
      .set('Authorization', ana.auth)
      .attach('upload', PDF, { filename: 'a.pdf', contentType: 'application/pdf' });
    expect(otherField.status).toBe(400);
    expect(otherField.body.errors).toEqual([expect.objectContaining({ field: 'file' })]);

    const truncated = await api
      .http()
      .post(v1(`${s.base}/attachments`))
      .set('Authorization', ana.auth)
      .set('Content-Type', 'multipart/form-data; boundary=xyz')
      .send('--xyz\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n\r\n%PDF-1.4');
    expect(truncated.status).toBe(400);
    expect(truncated.headers['content-type']).toContain('application/problem+json');
    expect(truncated.body.errors).toEqual([expect.objectContaining({ field: 'file' })]);

    const byFacilitator = await upload(s, s.facilitator, PDF, 'a.pdf');
    expect(byFacilitator.status).toBe(403);
    expect(byFacilitator.body.code).toBe('learners_only');

    // Nothing was stored: the submission finds no upload to bind.
    expect((await as(ana).get(`${s.base}/submissions/mine`)).status).toBe(404);
  });

  it('keeps a hostile file name harmless: no path, no control characters, a safe Content-Disposition', async () => {
    const s = await setup(1);
    const [ana] = s.learners as [MadeUser];
    // Sent as RFC 5987 so the CR LF, quote and right-to-left override reach the server as they are.
    const hostile = '../../etc/résumé"\r\nSet-Cookie: a=b;\u202Efdp.exe';
    const boundary = '----attachment-test-boundary';
    const body = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename*=UTF-8''${encodeURIComponent(hostile)}` +
          `\r\nContent-Type: application/pdf\r\n\r\n`,
      ),
      PDF,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const res = await api
      .http()
      .post(v1(`${s.base}/attachments`))
      .set('Authorization', ana.auth)
      .set('Content-Type', `multipart/form-data; boundary=${boundary}`)
      .send(body);
    expect(res.status).toBe(201);
    // The right-to-left override is gone, so the name reads as it is; its content is a PDF, so it ends in .pdf.
    expect(res.body.fileName).toBe('résumé"Set-Cookie: a=b;fdp.exe.pdf');

    await as(ana).post(`${s.base}/submissions`, { body: 'See file', attachmentIds: [res.body.id] });
    const got = await download(s, ana, res.body.id as string);
    const disposition = got.headers['content-disposition'] as string;
    expect(got.headers['set-cookie']).toBeUndefined();
    expect(disposition).toMatch(/^attachment; filename="[\x20-\x7E]*"; filename\*=UTF-8''[A-Za-z0-9%._~!'()*-]+$/);
    expect(disposition).toContain('filename="r_sum__Set-Cookie: a=b_fdp.exe.pdf"');
    // A client reading filename* gets the exact (sanitized) name.
    expect(parseContentDisposition(disposition)).toMatchObject({
      type: 'attachment',
      parameters: { filename: 'résumé"Set-Cookie: a=b;fdp.exe.pdf' },
    });
  });

  it('binds only the author’s own unbound uploads; a bad id is a 400 naming attachmentIds.N, nothing written', async () => {
    const s = await setup(2);
    const [ana, bruno] = s.learners as [MadeUser, MadeUser];
    const anas = await uploaded(s, ana, PDF, 'a.pdf');
    const brunos = await uploaded(s, bruno, PDF, 'b.pdf');

    const stolen = await as(ana).post(`${s.base}/submissions`, { body: 'x', attachmentIds: [anas.id, brunos.id] });
    expect(stolen.status).toBe(400);
    expect(stolen.body.errors).toEqual([expect.objectContaining({ field: 'attachmentIds.1' })]);
    // Nothing half-written: no submission, and Ana's upload is still free to bind.
    expect((await as(ana).get(`${s.base}/submissions/mine`)).status).toBe(404);

    expect((await as(ana).post(`${s.base}/submissions`, { body: 'x', attachmentIds: [anas.id] })).status).toBe(201);
    const reused = await as(ana).post(`${s.base}/submissions`, { body: 'y', attachmentIds: [anas.id] });
    expect(reused.status).toBe(400);
    expect(reused.body.errors).toEqual([expect.objectContaining({ field: 'attachmentIds.0' })]);
    const unknown = await as(ana).post(`${s.base}/submissions`, {
      body: 'y',
      attachmentIds: ['00000000-0000-4000-8000-000000000000'],
    });
    expect(unknown.body.errors).toEqual([expect.objectContaining({ field: 'attachmentIds.0' })]);
    const mine = await as(ana).get(`${s.base}/submissions/mine`);
    expect((mine.body.versions as VersionBody[]).map((v) => v.version)).toEqual([1]);

    const many = [];
    for (let i = 0; i < 4; i += 1) many.push((await uploaded(s, bruno, NOTES, `n${i}.txt`)).id);
    const tooMany = await as(bruno).post(`${s.base}/submissions`, { body: 'z', attachmentIds: many });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.errors).toEqual([expect.objectContaining({ field: 'attachmentIds' })]);
  });

  it('a resubmission is a new version with its own attachments; the old version keeps its', async () => {
    const s = await setup(1);
    const [ana] = s.learners as [MadeUser];
    const first = await uploaded(s, ana, PDF, 'draft.pdf');
    await as(ana).post(`${s.base}/submissions`, { body: 'Draft', attachmentIds: [first.id] });
    api.clock.advance(3600_000);
    const second = await uploaded(s, ana, PNG, 'final.png');
    const resubmitted = await as(ana).post(`${s.base}/submissions`, { body: 'Final', attachmentIds: [second.id] });
    expect(resubmitted.body.version).toBe(2);

    const versions = (await as(ana).get(`${s.base}/submissions/mine`)).body.versions as VersionBody[];
    expect(versions.map((v) => [v.version, v.attachments.map((a) => a.fileName)])).toEqual([
      [1, ['draft.pdf']],
      [2, ['final.png']],
    ]);
    expect(bodyOf(await download(s, ana, first.id)).equals(PDF)).toBe(true);
    expect(bodyOf(await download(s, ana, second.id)).equals(PNG)).toBe(true);
  });

  it('retention deletes uploads never submitted a day after; submitted ones stay', async () => {
    const s = await setup(1);
    const [ana] = s.learners as [MadeUser];
    const kept = await uploaded(s, ana, PDF, 'kept.pdf');
    const dropped = await uploaded(s, ana, NOTES, 'forgotten.txt');
    await as(ana).post(`${s.base}/submissions`, { body: 'x', attachmentIds: [kept.id] });

    api.clock.advance(23 * 3600_000);
    await api.app.get(RetentionPass).run();
    expect((await download(s, ana, dropped.id)).status).toBe(200);

    api.clock.advance(2 * 3600_000);
    const run = await api.app.get(RetentionPass).run();
    expect(run.unboundAttachments).toBeGreaterThanOrEqual(1);
    expect((await download(s, ana, dropped.id)).status).toBe(404);
    expect((await download(s, ana, kept.id)).status).toBe(200);
  });

  it('exports the metadata of a person’s files; erasing the person deletes the files', async () => {
    const s = await setup(1);
    const [ana] = s.learners as [MadeUser];
    const file = await uploaded(s, ana, PDF, 'mine.pdf');
    const made = await as(ana).post(`${s.base}/submissions`, { body: 'x', attachmentIds: [file.id] });

    const exported = await as(ana).get(`/users/${ana.user.id}/export`);
    expect(exported.body.sections.peerReview.attachments).toEqual([
      expect.objectContaining({
        id: file.id,
        submissionId: made.body.submissionId,
        version: 1,
        fileName: 'mine.pdf',
        contentType: 'application/pdf',
        sizeBytes: PDF.length,
        sha256: sha256(PDF),
      }),
    ]);

    expect((await as(ana).delete(`/users/${ana.user.id}`, { password: ana.password })).status).toBe(204);
    expect((await download(s, s.facilitator, file.id)).status).toBe(404);
    const view = await as(s.facilitator).get(`${s.base}/submissions`);
    expect((view.body as { items: { latestVersion: VersionBody }[] }).items[0]!.latestVersion.attachments).toEqual([]);
    const contents = await api.db.query<{ n: number }[]>(
      'SELECT count(*)::int AS n FROM peer_review_attachment_contents WHERE attachment_id = $1',
      [file.id],
    );
    expect(contents[0]!.n).toBe(0);
  });

  it('configuration: an s3 store needs its bucket and endpoint, credentials come in pairs, types are a list', () => {
    expect(() => loadConfig({ PEER_REVIEW_ATTACHMENT_STORE: 's3' })).toThrow(
      /PEER_REVIEW_S3_BUCKET[\s\S]*PEER_REVIEW_S3_ENDPOINT/,
    );
    expect(() => loadConfig({ PEER_REVIEW_ATTACHMENT_STORE: 's3', PEER_REVIEW_S3_BUCKET: 'attachments' })).toThrow(
      ConfigError,
    );
    const s3 = loadConfig({
      PEER_REVIEW_ATTACHMENT_STORE: 's3',
      PEER_REVIEW_S3_BUCKET: 'attachments',
      PEER_REVIEW_S3_ENDPOINT: 'http://127.0.0.1:9000',
    });
    expect(s3).toMatchObject({
      PEER_REVIEW_S3_BUCKET: 'attachments',
      PEER_REVIEW_S3_ENDPOINT: 'http://127.0.0.1:9000',
    });
    expect(() => loadConfig({ PEER_REVIEW_S3_ACCESS_KEY_ID: 'key' })).toThrow(/set both or neither/);
    expect(() => loadConfig({ PEER_REVIEW_ATTACHMENT_TYPES: 'pdf, exe' })).toThrow(ConfigError);
  });
});

/**
 * The S3 store against an S3-compatible server in this process (s3rver, on loopback, a temporary directory as its
 * disk): the same upload, bind and download through the API, the object under its key, and deleted by retention and
 * erasure.
 */
describe('peer review attachments in an S3-compatible bucket', () => {
  let api: TestApi;
  let server: S3rverServer;
  let directory: string;
  let bucket: S3Client;

  beforeAll(async () => {
    directory = mkdtempSync(join(tmpdir(), 's3rver-'));
    server = new S3rver({
      port: 0,
      address: '127.0.0.1',
      silent: true,
      directory,
      configureBuckets: [{ name: 'attachments' }],
    });
    const { port } = await server.run();
    const endpoint = `http://127.0.0.1:${port}`;
    api = await startTestApi({
      PEER_REVIEW_ATTACHMENT_STORE: 's3',
      PEER_REVIEW_S3_ENDPOINT: endpoint,
      PEER_REVIEW_S3_BUCKET: 'attachments',
      PEER_REVIEW_S3_ACCESS_KEY_ID: 'S3RVER',
      PEER_REVIEW_S3_SECRET_ACCESS_KEY: 'S3RVER',
    });
    bucket = new S3Client({
      endpoint,
      region: 'us-east-1',
      forcePathStyle: true,
      credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    });
  });
  afterAll(async () => {
    await api.close();
    bucket.destroy();
    await server.close();
    rmSync(directory, { recursive: true, force: true });
  });

  async function objectBytes(id: string): Promise<Buffer | null> {
    try {
      const object = await bucket.send(
        new GetObjectCommand({ Bucket: 'attachments', Key: `peer-review/attachments/${id}` }),
      );
      return Buffer.from(await object.Body!.transformToByteArray());
    } catch (error) {
      if (error instanceof NoSuchKey) return null;
      throw error;
    }
  }

  it('stores the bytes in the bucket, serves them to the author and facilitators, and deletes them with the rows', async () => {
    api.clock.set('2026-03-03T12:00:00Z');
    const facilitator = await api.make.user({ displayName: 'Facilitator', timeZone: 'UTC' });
    const { cohort, version } = await api.make.cohort(facilitator, { timeZone: 'UTC', assignment: {} });
    const ana = await api.make.user({ displayName: 'Ana' });
    await api.make.enrollment(cohort, ana);
    const base = `/cohorts/${cohort.id}/assignments/${version.modules[0]!.assignments[0]!.id}`;
    const send = (bytes: Buffer, filename: string) =>
      api
        .http()
        .post(v1(`${base}/attachments`))
        .set('Authorization', ana.auth)
        .attach('file', bytes, { filename, contentType: 'application/octet-stream' });
    const get = (who: MadeUser, id: string) =>
      api
        .http()
        .get(v1(`${base}/attachments/${id}`))
        .set('Authorization', who.auth)
        .buffer(true)
        .parse(binary);

    const pdf = (await send(PDF, 'report.pdf')).body as AttachmentBody;
    const forgotten = (await send(NOTES, 'notes.txt')).body as AttachmentBody;
    expect(pdf).toMatchObject({ contentType: 'application/pdf', sha256: sha256(PDF) });
    expect((await objectBytes(pdf.id))?.equals(PDF)).toBe(true);
    const rows = await api.db.query<{ n: number }[]>(
      'SELECT count(*)::int AS n FROM peer_review_attachment_contents WHERE attachment_id = $1',
      [pdf.id],
    );
    expect(rows[0]!.n).toBe(0);

    expect((await signedIn(api, ana).post(`${base}/submissions`, { body: 'x', attachmentIds: [pdf.id] })).status).toBe(
      201,
    );
    for (const who of [ana, facilitator]) {
      const res = await get(who, pdf.id);
      expect(res.status).toBe(200);
      expect(sha256(res.body as Buffer)).toBe(pdf.sha256);
    }

    api.clock.advance(25 * 3600_000);
    expect((await api.app.get(RetentionPass).run()).unboundAttachments).toBe(1);
    expect(await objectBytes(forgotten.id)).toBeNull();
    expect(await objectBytes(pdf.id)).not.toBeNull();

    expect((await signedIn(api, ana).delete(`/users/${ana.user.id}`, { password: ana.password })).status).toBe(204);
    expect(await objectBytes(pdf.id)).toBeNull();
    expect((await get(facilitator, pdf.id)).status).toBe(404);
  });
});
