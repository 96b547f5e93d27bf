import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { preparedQuery, type PlatformRole } from '@app/core';

export interface SessionHolder {
  id: string;
  role: PlatformRole;
}

/** Who holds a live session: the one read every authenticated request costs. */
@Injectable()
export class SessionHolders {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * The active user `userId` if their sessionVersion is still `sessionVersion` and the refresh-token family
   * `familyId` is theirs and not revoked. One statement: the user by primary key, then two probes of the family
   * index (the partial one holds revoked rows only, so a live family costs one index lookup that finds nothing).
   * A family counts as revoked as soon as any of its tokens is: a token rotated in concurrently with the
   * revocation (and so missed by it) does not bring the session back.
   */
  async findLive(userId: string, sessionVersion: number, familyId: string): Promise<SessionHolder | null> {
    const rows = await preparedQuery<SessionHolder>(
      this.dataSource.manager,
      'identity-session-holder',
      `SELECT u.id, u.role FROM users u
        WHERE u.id = $1 AND u.deleted_at IS NULL AND u.session_version = $2
          AND EXISTS (SELECT 1 FROM refresh_tokens t WHERE t.family_id = $3 AND t.user_id = u.id)
          AND NOT EXISTS (SELECT 1 FROM refresh_tokens t WHERE t.family_id = $3 AND t.revoked_at IS NOT NULL)`,
      [userId, sessionVersion, familyId],
    );
    return rows[0] ?? null;
  }
}
