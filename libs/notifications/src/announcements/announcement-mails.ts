/** What an announcement email's ledger row carries: ids only, the composer reloads the rest. */
export interface AnnouncementMailPayload {
  announcementId: string;
}

/** One email per announcement and person, whatever retries happen. Persisted in the ledger: never change it. */
export const announcementDedupeKey = (announcementId: string, userId: string): string =>
  `announcement:${announcementId}:${userId}`;

/**
 * `announcementDedupeKey` as a SQL expression over two uuid expressions, for queries that look an announcement's
 * email up in the ledger (the digest leaves out what was emailed): one place knows the key's shape.
 */
export const announcementDedupeKeySql = (announcementIdSql: string, userIdSql: string): string =>
  `'announcement:' || ${announcementIdSql} || ':' || ${userIdSql}`;
