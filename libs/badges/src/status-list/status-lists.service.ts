import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { Clock } from '@app/core';
import { CREDENTIALS_V2_CONTEXT_URL, signCredential, toXsdDateTime } from '../credentials';
import { BadgeUrls } from '../badge-urls';
import type { SigningKey } from '../issuers/issuer-keys.service';
import { BitstringStatusList, MIN_STATUS_LIST_ENTRIES } from './bitstring';

/** One credential's revocation entry. */
export interface StatusEntry {
  statusListId: string;
  statusIndex: number;
}

/**
 * Scrambles the n-th allocation into an index: multiplication by an odd number is a bijection modulo a power of
 * two, so every index is used once, yet consecutive badges do not sit side by side (an index tells a watcher of
 * the list nothing about when, or next to whom, a badge was issued).
 */
const SCRAMBLE_MULTIPLIER = 92_821;
const SCRAMBLE_OFFSET = 40_503;
export function scrambledIndex(n: number, size: number): number {
  return Number((BigInt(n) * BigInt(SCRAMBLE_MULTIPLIER) + BigInt(SCRAMBLE_OFFSET)) % BigInt(size));
}

/**
 * Issuers' revocation status lists: entries handed out to new credentials, and the signed status list credential
 * rebuilt from the awards' revocations whenever one changes.
 */
@Injectable()
export class StatusLists {
  constructor(
    private readonly clock: Clock,
    private readonly urls: BadgeUrls,
  ) {}

  /**
   * `count` fresh entries of the issuer's lists, from a sequence: no lock is held until the caller commits, so
   * concurrent awards never queue on a list. A list is made (signed, empty) the first time one of its entries is
   * handed out; two transactions making the same list at once agree on one row.
   */
  async allocate(manager: EntityManager, issuerId: string, count: number, key: SigningKey): Promise<StatusEntry[]> {
    const drawn = await manager.query<{ n: string }[]>(
      `SELECT nextval('badge_status_entries') AS n FROM generate_series(1, $1)`,
      [count],
    );
    const size = MIN_STATUS_LIST_ENTRIES;
    const numbers = [...new Set(drawn.map((d) => Math.floor(Number(d.n) / size)))];
    const listIds = new Map<number, string>();
    for (const number of numbers) listIds.set(number, await this.listId(manager, issuerId, number, key));
    return drawn.map(({ n }) => ({
      statusListId: listIds.get(Math.floor(Number(n) / size))!,
      statusIndex: scrambledIndex(Number(n) % size, size),
    }));
  }

  private async listId(manager: EntityManager, issuerId: string, number: number, key: SigningKey): Promise<string> {
    const find = () =>
      manager.query<{ id: string }[]>(`SELECT id FROM badge_status_lists WHERE issuer_id = $1 AND number = $2`, [
        issuerId,
        number,
      ]);
    const [existing] = await find();
    if (existing) return existing.id;
    const id = randomUUID();
    const now = this.clock.now();
    const credential = await this.signed(id, issuerId, new BitstringStatusList(MIN_STATUS_LIST_ENTRIES), key, now);
    await manager.query(
      `INSERT INTO badge_status_lists (id, issuer_id, number, size, credential, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT ON CONSTRAINT badge_status_lists_number DO NOTHING`,
      [id, issuerId, number, MIN_STATUS_LIST_ENTRIES, credential, now],
    );
    const [made] = await find();
    return made!.id;
  }

  /** Signs the list again from the revoked awards it holds. Call in the transaction that revokes, list row locked. */
  async republish(manager: EntityManager, statusListId: string, key: SigningKey): Promise<void> {
    const [list] = await manager.query<{ issuer_id: string; size: number }[]>(
      `SELECT issuer_id, size FROM badge_status_lists WHERE id = $1 FOR UPDATE`,
      [statusListId],
    );
    if (!list) throw new Error(`status list ${statusListId} does not exist`);
    const revoked = await manager.query<{ status_index: number }[]>(
      `SELECT status_index FROM badge_awards WHERE status_list_id = $1 AND revoked_at IS NOT NULL`,
      [statusListId],
    );
    const bits = new BitstringStatusList(list.size);
    for (const { status_index } of revoked) bits.set(status_index, true);
    const now = this.clock.now();
    const credential = await this.signed(statusListId, list.issuer_id, bits, key, now);
    await manager.query(`UPDATE badge_status_lists SET credential = $2, updated_at = $3 WHERE id = $1`, [
      statusListId,
      credential,
      now,
    ]);
  }

  /** A BitstringStatusListCredential (VC Bitstring Status List 1.0), signed like the badges it serves. */
  private signed(
    statusListId: string,
    issuerId: string,
    bits: BitstringStatusList,
    key: SigningKey,
    now: Date,
  ): Promise<Record<string, unknown>> {
    const url = this.urls.statusList(statusListId);
    return signCredential(
      {
        '@context': [CREDENTIALS_V2_CONTEXT_URL],
        id: url,
        type: ['VerifiableCredential', 'BitstringStatusListCredential'],
        issuer: this.urls.issuer(issuerId),
        validFrom: toXsdDateTime(now),
        credentialSubject: {
          id: `${url}#list`,
          type: 'BitstringStatusList',
          statusPurpose: 'revocation',
          encodedList: bits.encode(),
        },
      },
      { privateKey: key.privateKey, verificationMethod: this.urls.key(issuerId, key.keyId), created: now },
    );
  }
}
