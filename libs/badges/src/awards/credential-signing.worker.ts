import { createPrivateKey } from 'node:crypto';
import { parentPort } from 'node:worker_threads';
import { signCredentials } from '../credentials/data-integrity';
import type { SigningJob, SigningReply } from './signing-pool';

/**
 * A signing thread of SigningPool: loads jsonld and the bundled contexts once (on import) and signs the chunks it is
 * handed with `signCredentials`, the in-thread code itself, so its output is byte for byte the same.
 */
parentPort?.on('message', (job: SigningJob) => {
  void sign(job).then((reply) => parentPort?.postMessage(reply));
});

async function sign(job: SigningJob): Promise<SigningReply> {
  try {
    // The key arrives as PKCS#8 DER in memory (never on disk); a KeyObject does not outlive the chunk.
    const der = Buffer.from(job.pkcs8.buffer, job.pkcs8.byteOffset, job.pkcs8.byteLength);
    const privateKey = createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
    const signed = await signCredentials(job.unsigned, {
      privateKey,
      verificationMethod: job.verificationMethod,
      created: new Date(job.created),
    });
    return { id: job.id, signed };
  } catch (error) {
    const { name, message } = error instanceof Error ? error : { name: 'Error', message: String(error) };
    return { id: job.id, error: { name, message } };
  } finally {
    job.pkcs8.fill(0);
  }
}
