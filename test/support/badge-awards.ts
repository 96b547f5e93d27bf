import { execFile } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Achievement, AwardIssuer, Issuers } from '@app/badges';
import type { TestApi } from './api-app';

const VERIFIER_SCRIPT = join(__dirname, 'independent-verifier.mjs');

/** A stored credential, as far as these tests read it. */
export interface IssuedCredential extends Record<string, unknown> {
  id: string;
  name: string;
  issuer: { id: string; name: string };
  validFrom: string;
  validUntil?: string;
  credentialStatus: { statusListCredential: string; statusListIndex: string };
  proof: { verificationMethod: string; proofValue: string };
}

/** An achievement of the platform issuer (or the one given), made directly: these tests are about publishing it. */
export async function makeAchievement(api: TestApi, spec: Partial<Achievement> = {}): Promise<Achievement> {
  const issuerId = spec.issuerId ?? (await api.app.get(Issuers).platformIssuerId());
  const made = api.db.manager.create(Achievement, {
    issuerId,
    scopeType: 'platform',
    scopeId: null,
    name: 'Steady Reviewer',
    description: 'Gave careful reviews.',
    criteriaNarrative: 'Give ten reviews rated helpful.',
    tags: ['peer-review'],
    validityDays: null,
    rule: null,
    endorsementsNeeded: null,
    ...spec,
  });
  return api.db.manager.save(made);
}

/** Issues the achievement to a new person through AwardIssuer; returns the award id and its stored credential. */
export async function issueBadge(
  api: TestApi,
  achievement: Achievement,
  email?: string,
): Promise<{ awardId: string; credential: IssuedCredential }> {
  const person = await api.make.user(email ? { email } : {});
  return awardBadge(api, achievement, person.user.id);
}

/** Issues the achievement to someone who exists, as a facilitator's award would; returns the award and credential. */
export async function awardBadge(
  api: TestApi,
  achievement: Achievement,
  recipientId: string,
): Promise<{ awardId: string; credential: IssuedCredential }> {
  const [outcome] = await api.db.transaction((m) =>
    api.app
      .get(AwardIssuer)
      .issue(m, [{ achievementId: achievement.id, recipientId, source: 'facilitator', awardedBy: null, evidence: [] }]),
  );
  const awardId = outcome!.awardId!;
  const [row] = await api.db.query<{ credential: IssuedCredential }[]>(
    `SELECT credential FROM badge_awards WHERE id = $1`,
    [awardId],
  );
  return { awardId, credential: row!.credential };
}

export interface IndependentVerdict {
  verified: boolean;
  errors: string[];
  /** The status bit as @digitalbazaar/vc-bitstring-status-list read it; null when it could not check. */
  revoked: boolean | null;
  statusErrors: string[];
}

/**
 * Digital Bazaar's verifier in a child process, dereferencing our real public URLs from the running API (which
 * must be listening: see `listen`); only the four bundled contexts are local.
 */
export function verifyIndependently(api: TestApi, baseUrl: string, credential: object): Promise<IndependentVerdict> {
  return new Promise((resolve, reject) => {
    const child = execFile(process.execPath, [VERIFIER_SCRIPT], { timeout: 30_000 }, (error, stdout, stderr) => {
      if (error) {
        reject(new Error(`independent verifier crashed: ${stderr || error.message}`));
        return;
      }
      resolve(JSON.parse(stdout) as IndependentVerdict);
    });
    child.stdin?.end(JSON.stringify({ credential, publicUrl: api.config.PUBLIC_URL.replace(/\/$/, ''), baseUrl }));
  });
}

/** Makes the test API listen on a free port, so a child process can GET its public documents; returns its origin. */
export async function listen(api: TestApi): Promise<string> {
  await api.app.listen(0, '127.0.0.1');
  const { port } = api.app.getHttpServer().address() as AddressInfo;
  return `http://127.0.0.1:${port}`;
}
