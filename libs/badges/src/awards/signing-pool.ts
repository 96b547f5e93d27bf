import { Logger } from '@nestjs/common';
import type { KeyObject } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { extname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { SignedCredential, UnsignedCredential } from '../credentials';

/** A chunk of credentials for one thread; the key as PKCS#8 DER, copied into the message and wiped after use. */
export interface SigningJob {
  id: number;
  unsigned: UnsignedCredential[];
  pkcs8: Uint8Array;
  verificationMethod: string;
  /** Epoch milliseconds of the proofs' `created`. */
  created: number;
}

export type SigningReply =
  | { id: number; signed: SignedCredential[]; error?: undefined }
  | { id: number; error: { name: string; message: string } };

interface Pending {
  resolve: (signed: SignedCredential[]) => void;
  reject: (error: Error) => void;
}

/** Credentials per message: small enough to keep every thread busy to the end of a 500-credential batch. */
const CHUNK = 25;

/**
 * Worker threads that sign credentials (jsonld's RDFC-1.0 canonization is CPU-bound, ~5 ms a credential, and
 * would otherwise keep a whole batch on one core). Started on first use, one thread per available core; a thread
 * that dies rejects what it held and is replaced on the next call.
 */
export class SigningPool {
  private readonly logger = new Logger(SigningPool.name);
  private readonly threads: Worker[] = [];
  private readonly pending = new Map<number, Pending>();
  private readonly idle: Worker[] = [];
  private readonly queue: SigningJob[] = [];
  /** Which job each thread holds, to reject it if the thread dies. */
  private readonly busy = new Map<Worker, number>();
  private nextId = 1;

  constructor(readonly size: number = availableParallelism()) {}

  async signAll(
    unsigned: readonly UnsignedCredential[],
    privateKey: KeyObject,
    verificationMethod: string,
    created: Date,
  ): Promise<SignedCredential[]> {
    this.start();
    const pkcs8 = privateKey.export({ format: 'der', type: 'pkcs8' });
    try {
      const chunks: Promise<SignedCredential[]>[] = [];
      for (let from = 0; from < unsigned.length; from += CHUNK) {
        const job: SigningJob = {
          id: this.nextId++,
          unsigned: unsigned.slice(from, from + CHUNK),
          pkcs8: new Uint8Array(pkcs8),
          verificationMethod,
          created: created.getTime(),
        };
        chunks.push(new Promise((resolve, reject) => this.pending.set(job.id, { resolve, reject })));
        this.queue.push(job);
      }
      this.dispatch();
      return (await Promise.all(chunks)).flat();
    } finally {
      pkcs8.fill(0);
    }
  }

  /** Ends the threads; a batch still being signed fails (at shutdown its transaction is rolled back anyway). */
  async close(): Promise<void> {
    const threads = this.threads.splice(0);
    this.idle.length = 0;
    this.queue.length = 0;
    this.busy.clear();
    for (const { reject } of this.pending.values()) reject(new Error('the signing pool was closed'));
    this.pending.clear();
    await Promise.all(threads.map((t) => t.terminate()));
  }

  private start(): void {
    while (this.threads.length < this.size) {
      const thread = new Worker(workerEntry(), workerOptions());
      // An idle thread does not keep the process alive (close() ends it at shutdown); a busy one does.
      thread.unref();
      thread.on('message', (reply: SigningReply) => this.settle(thread, reply));
      thread.on('error', (error) => this.lose(thread, error));
      thread.on('exit', (code) => this.lose(thread, new Error(`signing thread exited with code ${code}`)));
      this.threads.push(thread);
      this.idle.push(thread);
    }
  }

  private dispatch(): void {
    while (this.idle.length > 0 && this.queue.length > 0) {
      const thread = this.idle.pop()!;
      const job = this.queue.shift()!;
      this.busy.set(thread, job.id);
      thread.ref();
      thread.postMessage(job);
      job.pkcs8.fill(0);
    }
  }

  private settle(thread: Worker, reply: SigningReply): void {
    this.busy.delete(thread);
    thread.unref();
    const pending = this.pending.get(reply.id);
    this.pending.delete(reply.id);
    this.idle.push(thread);
    this.dispatch();
    if (!pending) return;
    if (reply.error) pending.reject(Object.assign(new Error(reply.error.message), { name: reply.error.name }));
    else pending.resolve(reply.signed);
  }

  /**
   * A thread died (a crash, or it could not start): what it held and everything still queued is rejected, so the
   * callers' transactions roll back; the next call starts a fresh thread in its place (no respawn loop).
   */
  private lose(thread: Worker, error: Error): void {
    const index = this.threads.indexOf(thread);
    if (index < 0) return;
    this.threads.splice(index, 1);
    const idleIndex = this.idle.indexOf(thread);
    if (idleIndex >= 0) this.idle.splice(idleIndex, 1);
    this.logger.error({ err: error.message }, 'badge signing thread lost');
    const lost = [this.busy.get(thread), ...this.queue.splice(0).map((job) => job.id)];
    this.busy.delete(thread);
    for (const id of lost) {
      if (id === undefined) continue;
      this.pending.get(id)?.reject(error);
      this.pending.delete(id);
    }
  }
}

/** The compiled worker next to this file, or the TypeScript source (tests) run through ts-node's transpiler. */
function workerEntry(): string {
  return join(__dirname, `credential-signing.worker${extname(__filename)}`);
}

function workerOptions(): { execArgv?: string[] } {
  return extname(__filename) === '.ts' ? { execArgv: ['--require', 'ts-node/register/transpile-only'] } : {};
}
