import { SMTPServer } from 'smtp-server';
import { answerRequests } from '../support/ipc';
import type { SinkCounts, SinkRequest } from './sink-process';

/**
 * The mail provider of the digests benchmark: a real SMTP server in a process of its own (forked by
 * sink-process.ts), so its work does not share an event loop with the senders it measures. It accepts every
 * message, reads it to the end, and counts it by its Message-ID header; nothing is logged per message. Answers
 * `counts` and `reset` over IPC; exits when the benchmark that forked it goes away.
 */

/** Headers are read from the first bytes of a message only; a Message-ID is near the top. */
const HEADER_BYTES = 64 * 1024;

let counts: Omit<SinkCounts, 'distinct' | 'openConnections'>;
let ids: Set<string>;
let openConnections = 0;

function reset(): void {
  counts = {
    total: 0,
    withoutMessageId: 0,
    connectionErrors: 0,
    bytes: 0,
    firstAt: null,
    lastAt: null,
    peakConnections: openConnections,
    connections: 0,
    perSecond: {},
  };
  ids = new Set();
}

/** The Message-ID of a header block (folded lines unfolded), if it has one. */
function messageIdOf(head: string): string | undefined {
  const end = head.indexOf('\r\n\r\n');
  const headers = (end >= 0 ? head.slice(0, end) : head).replace(/\r\n[ \t]+/g, ' ');
  return /^message-id:[ \t]*(\S+)/im.exec(headers)?.[1];
}

function accepted(head: string, size: number): void {
  const now = Date.now();
  const id = messageIdOf(head);
  if (id === undefined) counts.withoutMessageId += 1;
  else ids.add(id);
  counts.total += 1;
  counts.bytes += size;
  counts.firstAt ??= now;
  counts.lastAt = now;
  const second = Math.floor(now / 1000);
  counts.perSecond[second] = (counts.perSecond[second] ?? 0) + 1;
}

reset();

const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['AUTH', 'STARTTLS'],
  disableReverseLookup: true,
  logger: false,
  onConnect(_session, callback) {
    openConnections += 1;
    counts.connections += 1;
    counts.peakConnections = Math.max(counts.peakConnections, openConnections);
    callback();
  },
  onClose() {
    openConnections -= 1;
  },
  onData(stream, _session, callback) {
    let head = '';
    let size = 0;
    stream.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (head.length < HEADER_BYTES && !head.includes('\r\n\r\n')) head += chunk.toString('latin1');
    });
    stream.on('end', () => {
      accepted(head, size);
      callback();
    });
    stream.on('error', (error: Error) => callback(error));
  },
});

// A client that drops its connections (a sender stopped midway) must not stop the server; counted, not thrown.
server.on('error', () => {
  counts.connectionErrors += 1;
});

answerRequests((body) => {
  const request = body as SinkRequest;
  switch (request.type) {
    case 'counts':
      return { ...counts, distinct: ids.size, openConnections } satisfies SinkCounts;
    case 'reset':
      reset();
      return { ...counts, distinct: ids.size, openConnections } satisfies SinkCounts;
  }
});

server.listen(0, '127.0.0.1', () => {
  const address = server.server.address();
  process.send?.({ type: 'listening', port: typeof address === 'object' && address ? address.port : 0 });
});

// The benchmark went away (even killed outright): no server outlives a run.
process.once('disconnect', () => server.close(() => process.exit(0)));
