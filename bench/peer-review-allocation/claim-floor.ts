import { Pool, type PoolClient } from 'pg';
import type { Sender } from '../support/open-loop-load';
import { ReviewAllocationRepository } from '../../libs/peer-review/src/allocation/review-allocation.repository';

/** What `next` asks the allocation for, as plain JSON (it crosses to the load generator's process). */
export interface ClaimFloorRequest {
  cohortId: string;
  assignmentId: string;
  now: string;
  leaseExpiresAt: string;
  needed: number;
}

const claims = new ReviewAllocationRepository();

/**
 * `next`'s floor: the very claim the API makes (ReviewAllocationRepository.claimRound, its prepared statements) on
 * a `pg` client in a transaction, rolled back, so the floor leaves the pool as it found it.
 */
export async function claimAndRollBack(pool: Pool, request: ClaimFloorRequest, reviewerId: string): Promise<void> {
  const client: PoolClient = await pool.connect();
  try {
    await client.query('BEGIN');
    // The repository's statements on this client, as the API runs them in its transaction.
    const manager = {
      queryRunner: { connect: () => Promise.resolve(client) },
      query: async (sql: string, params: unknown[]) => (await client.query<Record<string, unknown>>(sql, params)).rows,
    };
    await claims.claimRound(manager as never, {
      cohortId: request.cohortId,
      assignmentId: request.assignmentId,
      reviewerId,
      now: new Date(request.now),
      leaseExpiresAt: new Date(request.leaseExpiresAt),
      needed: request.needed,
      excludedAuthors: [],
    });
    await client.query('ROLLBACK');
  } finally {
    client.release();
  }
}

export interface ClaimFloorOptions {
  databaseUrl: string;
  poolSize: number;
  request: ClaimFloorRequest;
  /** Claim n is made for reviewer n (modulo). */
  reviewerIds: string[];
}

/** The load generator's sender for the floor (open-loop-load.ts `ModuleLoad`). */
export function sender(options: ClaimFloorOptions): Sender {
  const pool = new Pool({ connectionString: options.databaseUrl, max: options.poolSize });
  return {
    send: async (index) => {
      try {
        await claimAndRollBack(pool, options.request, options.reviewerIds[index % options.reviewerIds.length]!);
        return { ok: true, status: 'ok', bytes: 0 };
      } catch {
        return { ok: false, status: 'error', bytes: 0 };
      }
    },
    close: () => pool.end(),
  };
}
