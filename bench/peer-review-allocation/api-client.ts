import { JwtService } from '@nestjs/jwt';
import type { SeededPerson } from './seed';

export interface Reply<T> {
  status: number;
  body: T;
}

/**
 * HTTP calls as seeded people, with access tokens minted from the API's JWT secret (claims as AccessTokens issues
 * them: the session is checked by the API on every request, as for a real login).
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

  async call<T = unknown>(who: SeededPerson, method: string, path: string, body?: unknown): Promise<Reply<T>> {
    const res = await fetch(`${this.base}${path}`, {
      method,
      headers: { authorization: `Bearer ${this.tokenOf(who)}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
  }

  /** The body of an answer with one of the `ok` statuses; anything else stops the benchmark. */
  async expect<T>(who: SeededPerson, method: string, path: string, body: unknown, ...ok: number[]): Promise<T> {
    const reply = await this.call<T>(who, method, path, body);
    if (!ok.includes(reply.status)) {
      throw new Error(`${method} ${path}: ${reply.status} ${JSON.stringify(reply.body)}`);
    }
    return reply.body;
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
