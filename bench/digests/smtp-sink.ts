import { createServer, type Socket } from 'node:net';
import { answerRequests } from '../support/ipc';
import type { SinkCounts, SinkRequest } from './sink-process';

/**
 * The mail provider of the digests benchmark: an SMTP server in a process of its own (forked by sink-process.ts),
 * so its work does not share an event loop with the senders it measures. It speaks the part of SMTP a client
 * needs to hand over messages (EHLO/HELO, MAIL, RCPT, DATA, RSET, NOOP, QUIT, pipelined commands), accepts every
 * message, reads it to its end and counts it by its Message-ID header; nothing is logged per message. Answers
 * `counts` and `reset` over IPC; exits when the benchmark that forked it goes away.
 *
 * Not `smtp-server`: that library unstuffs the dot-escaped body byte by byte in JavaScript, which cost this
 * machine 0.3 ms of CPU per 16 KiB digest, on the cores the pipeline it measures runs on. A provider is not on
 * the sender's machine; here it finds the end of DATA with `Buffer.indexOf` (native) and unstuffs nothing (a
 * stuffed line starts with "..", so "\r\n.\r\n" can only be the end), so its cost stays small for both the ceiling
 * and the pipeline.
 */

/** Headers are read from the first bytes of a message only; a Message-ID is near the top. */
const HEADER_BYTES = 64 * 1024;
const END_OF_DATA = Buffer.from('\r\n.\r\n');
const CRLF = Buffer.from('\r\n');
/** What smtp-server (the sink before) offered, so clients send the same commands. */
const EHLO_REPLY =
  '250-sink.bench.local Nice to meet you\r\n250-PIPELINING\r\n250-8BITMIME\r\n250-SMTPUTF8\r\n' +
  '250-ENHANCEDSTATUSCODES\r\n250 DSN\r\n';
/** A command line longer than this is refused and the connection closed (RFC 5321 allows 512 octets). */
const MAX_LINE = 4096;

let counts: Omit<SinkCounts, 'distinct' | 'openConnections'>;
let ids: Set<string>;
let openConnections = 0;
let queued = 0;

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

/** One client connection: commands line by line, then a message's bytes until "\r\n.\r\n". */
class SmtpSession {
  private pending = Buffer.alloc(0);
  private inData = false;
  private head = '';
  private size = 0;
  /** The last bytes of DATA seen, so an end split across two chunks is found. */
  private tail = CRLF;
  private replies: string[] = [];

  constructor(private readonly socket: Socket) {
    socket.write('220 sink.bench.local ESMTP\r\n');
    socket.on('data', (chunk: Buffer) => this.receive(chunk));
  }

  private receive(chunk: Buffer): void {
    let rest: Buffer | null = chunk;
    while (rest && rest.length > 0) rest = this.inData ? this.data(rest) : this.commands(rest);
    // Pipelined commands get their replies together, as a pipelining server sends them.
    if (this.replies.length > 0) {
      this.socket.write(this.replies.join(''));
      this.replies = [];
    }
  }

  /** Reads message bytes; returns what follows the end of DATA (pipelined commands), or null. */
  private data(chunk: Buffer): Buffer | null {
    const joined = Buffer.concat([this.tail, chunk]);
    const end = joined.indexOf(END_OF_DATA);
    const bodyEnd = end < 0 ? chunk.length : end - this.tail.length + 2;
    if (this.head.length < HEADER_BYTES && !this.head.includes('\r\n\r\n')) {
      this.head += chunk.toString('latin1', 0, Math.max(0, Math.min(bodyEnd, HEADER_BYTES)));
    }
    if (end < 0) {
      this.size += chunk.length;
      this.tail = joined.subarray(Math.max(0, joined.length - (END_OF_DATA.length - 1)));
      return null;
    }
    this.size += Math.max(0, bodyEnd);
    accepted(this.head, this.size);
    queued += 1;
    this.replies.push(`250 2.0.0 Ok: queued as ${queued.toString(16)}\r\n`);
    this.inData = false;
    return joined.subarray(end + END_OF_DATA.length);
  }

  /** Answers complete command lines; returns the bytes after DATA's line (the message), or null. */
  private commands(chunk: Buffer): Buffer | null {
    let buffer = this.pending.length > 0 ? Buffer.concat([this.pending, chunk]) : chunk;
    for (;;) {
      const lineEnd = buffer.indexOf(CRLF);
      if (lineEnd < 0) {
        if (buffer.length > MAX_LINE) {
          this.replies.push('500 5.5.2 Line too long\r\n');
          this.socket.end();
        }
        this.pending = Buffer.from(buffer);
        return null;
      }
      const line = buffer.toString('latin1', 0, lineEnd);
      buffer = buffer.subarray(lineEnd + 2);
      const verb = line.slice(0, 4).toUpperCase();
      switch (verb) {
        case 'EHLO':
          this.replies.push(EHLO_REPLY);
          break;
        case 'HELO':
          this.replies.push('250 sink.bench.local\r\n');
          break;
        case 'MAIL':
          this.replies.push('250 2.1.0 Accepted\r\n');
          break;
        case 'RCPT':
          this.replies.push('250 2.1.5 Accepted\r\n');
          break;
        case 'RSET':
          this.replies.push('250 2.0.0 Flushed\r\n');
          break;
        case 'NOOP':
          this.replies.push('250 2.0.0 OK\r\n');
          break;
        case 'QUIT':
          this.replies.push('221 2.0.0 Bye\r\n');
          this.socket.end(this.replies.join(''));
          this.replies = [];
          this.pending = Buffer.alloc(0);
          return null;
        case 'DATA':
          this.replies.push('354 End data with <CR><LF>.<CR><LF>\r\n');
          this.inData = true;
          this.head = '';
          this.size = 0;
          this.tail = CRLF;
          this.pending = Buffer.alloc(0);
          return buffer;
        default:
          this.replies.push('502 5.5.2 Command not recognized\r\n');
      }
    }
  }
}

reset();

const server = createServer((socket) => {
  openConnections += 1;
  counts.connections += 1;
  counts.peakConnections = Math.max(counts.peakConnections, openConnections);
  socket.setNoDelay(true);
  // A client that drops its connections (a sender stopped midway) must not stop the server; counted, not thrown.
  socket.on('error', () => {
    counts.connectionErrors += 1;
  });
  socket.on('close', () => {
    openConnections -= 1;
  });
  new SmtpSession(socket);
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
  const address = server.address();
  process.send?.({ type: 'listening', port: typeof address === 'object' && address ? address.port : 0 });
});

// The benchmark went away (even killed outright): no server outlives a run.
process.once('disconnect', () => server.close(() => process.exit(0)));
