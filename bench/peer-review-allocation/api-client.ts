import { Agent, request } from 'node:http';
import { JwtService } from '@nestjs/jwt';
import type { SeededPerson } from './seed';

export interface Reply<T> {
  status: number;
  body: T;
}

/**
 * HTTP calls as seeded people, with access tokens minted from the API's JWT secret (claims as AccessTokens issues
 * them: the session is checked by the API on every request, as for a real login). Through node:http with a
 * keep-alive agent, as bench/discovery/load.ts: the load generator shares the machine with the API, and `fetch`
 * costs it several times the CPU per request.
 */
export class BenchApiClient {
  private readonly jwt: JwtService;
  private readonly tokens = new Map<string, string>();

  constructor(
    private readonly base: string,
    jwtSecret: string,
  ) {
    this.jwt = new JwtService({ secret: jwtSecret, signOptions: { algorithm: 'HS256', expiresIn: 4 * 3600 } });
  }

  // Idle sockets close on our side (4 s) before the server's keep-alive timeout (5 s) can close one under a request.
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 256, timeout: 4000, scheduling: 'lifo' });

  call<T = unknown>(who: SeededPerson, method: string, path: string, body?: unknown): Promise<Reply<T>> {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const url = new URL(`${this.base}${path}`);
    return new Promise((resolve, reject) => {
      const req = request(
        {
          agent: this.agent,
          host: url.hostname,
          port: url.port,
          path: url.pathname,
          method,
          headers: {
            authorization: this.authorizationOf(who),
            ...(payload === undefined
              ? {}
              : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            resolve({ status: res.statusCode ?? 0, body: (text ? JSON.parse(text) : undefined) as T });
          });
          res.on('error', reject);
        },
      );
      req.setTimeout(60_000, () => req.destroy(new Error(`${method} ${path}: no answer in 60 s`)));
      req.on('error', reject);
      req.end(payload);
    });
  }

  close(): void {
    this.agent.destroy();
  }

  /** The body of an answer with one of the `ok` statuses; anything else stops the benchmark. */
  async expect<T>(who: SeededPerson, method: string, path: string, body: unknown, ...ok: number[]): Promise<T> {
    const reply = await this.call<T>(who, method, path, body);
    if (!ok.includes(reply.status)) {
      throw new Error(`${method} ${path}: ${reply.status} ${JSON.stringify(reply.body)}`);
    }
    return reply.body;
  }

  /** The `authorization` header of `person`'s requests. */
  authorizationOf(person: SeededPerson): string {
    return `Bearer ${this.tokenOf(person)}`;
  }

  private tokenOf(person: SeededPerson): string {
    let token = this.tokens.get(person.userId);
    if (!token) {
      token = this.jwt.sign({ sub: person.userId, role: 'user', sv: 0, sid: person.sessionId });
      this.tokens.set(person.userId, token);
    }
    return token;
  }
}
