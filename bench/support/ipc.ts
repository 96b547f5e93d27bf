import type { ChildProcess } from 'node:child_process';

/** A request or its answer on a child's IPC channel; `requestId` pairs them. */
interface Envelope {
  requestId: number;
  body?: unknown;
  error?: string;
}

const isEnvelope = (message: unknown): message is Envelope =>
  typeof message === 'object' && message !== null && typeof (message as Envelope).requestId === 'number';

/** Requests to a forked child, each answered once, matched by id (several may be in flight). */
export class ChildRequests {
  private next = 1;
  private readonly pending = new Map<number, { resolve: (body: unknown) => void; reject: (error: Error) => void }>();

  constructor(private readonly child: ChildProcess) {
    child.on('message', (message) => {
      if (!isEnvelope(message)) return;
      const waiter = this.pending.get(message.requestId);
      if (!waiter) return;
      this.pending.delete(message.requestId);
      if (message.error !== undefined) waiter.reject(new Error(message.error));
      else waiter.resolve(message.body);
    });
    child.once('exit', (code, signal) => {
      for (const waiter of this.pending.values()) {
        waiter.reject(new Error(`the child exited (${signal ?? `code ${code}`}) before answering`));
      }
      this.pending.clear();
    });
  }

  request<T>(body: object, timeoutMs = 60_000): Promise<T> {
    if (!this.child.connected) return Promise.reject(new Error('the child has closed its channel'));
    const requestId = this.next++;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(requestId);
        reject(new Error(`no answer to ${JSON.stringify(body)} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(requestId, {
        resolve: (answer) => {
          clearTimeout(timer);
          resolve(answer as T);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      });
      this.child.send({ requestId, body } satisfies Envelope, (error) => {
        if (!error) return;
        this.pending.get(requestId)?.reject(error);
        this.pending.delete(requestId);
      });
    });
  }
}

/**
 * Child side of `ChildRequests`: answers each request with what `handle` returns (or the error it throws). An
 * answer the parent no longer waits for (it closed the channel meanwhile) is dropped.
 */
export function answerRequests(handle: (body: unknown) => unknown): void {
  const answer = (envelope: Envelope): void => {
    // With a callback, a channel closed meanwhile is reported to it instead of crashing the process (EPIPE).
    if (process.connected) process.send?.(envelope, undefined, undefined, () => undefined);
  };
  process.on('message', (message) => {
    if (!isEnvelope(message)) return;
    const { requestId } = message;
    Promise.resolve()
      .then(() => handle(message.body))
      .then(
        (body) => answer({ requestId, body }),
        (error: unknown) =>
          answer({ requestId, error: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
      );
  });
}

/** Resolves with the child's first message of `type` (`{ type, ... }`); rejects if it exits before sending one. */
export function firstMessage<T extends { type: string }>(child: ChildProcess, type: T['type']): Promise<T> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: unknown): void => {
      if (typeof message === 'object' && message !== null && (message as { type?: unknown }).type === type) {
        child.off('message', onMessage);
        child.off('exit', onExit);
        resolve(message as T);
      }
    };
    const onExit = (code: number | null, signal: string | null): void => {
      child.off('message', onMessage);
      reject(new Error(`the child exited (${signal ?? `code ${code}`}) before sending "${type}"`));
    };
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}
