import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { stopChild } from '../support/child-process';
import type { Cleanup } from '../support/cleanup';
import { ChildRequests, firstMessage } from '../support/ipc';

export type SinkRequest = { type: 'counts' } | { type: 'reset' };

/** What the SMTP sink accepted since it started or was last reset. */
export interface SinkCounts {
  /** Messages accepted (250 after DATA). */
  total: number;
  /** Distinct Message-ID headers among them. */
  distinct: number;
  withoutMessageId: number;
  /** Connections that ended in an error (reset by the client...). */
  connectionErrors: number;
  bytes: number;
  /** `Date.now()` of the first and the last acceptance (the same machine's clock as the benchmark's). */
  firstAt: number | null;
  lastAt: number | null;
  /** Connections opened, open now, and open at once at most. */
  connections: number;
  openConnections: number;
  peakConnections: number;
  /** Acceptances per wall-clock second (`Math.floor(Date.now() / 1000)`). */
  perSecond: Record<number, number>;
}

export interface SinkProcess {
  child: ChildProcess;
  /** `smtp://127.0.0.1:<port>` */
  url: string;
  counts(): Promise<SinkCounts>;
  /** Forgets what was counted; returns the counts as they were just before. */
  reset(): Promise<SinkCounts>;
}

/** Forks bench/digests/smtp-sink.ts and waits until it listens on a loopback port. */
export async function startSink(cleanup: Cleanup): Promise<SinkProcess> {
  const child = fork(join(__dirname, 'smtp-sink.js'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  cleanup.add('SMTP sink', () => stopChild(child));
  const { port } = await firstMessage<{ type: 'listening'; port: number }>(child, 'listening');
  const requests = new ChildRequests(child);
  return {
    child,
    url: `smtp://127.0.0.1:${port}`,
    counts: () => requests.request<SinkCounts>({ type: 'counts' } satisfies SinkRequest),
    async reset() {
      const before = await requests.request<SinkCounts>({ type: 'counts' } satisfies SinkRequest);
      await requests.request<SinkCounts>({ type: 'reset' } satisfies SinkRequest);
      return before;
    },
  };
}
