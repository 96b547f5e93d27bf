/** Kinds of the emails the cohorts domain sends (ledger `kind`, composer key). Persisted: never rename one. */
export enum CohortsMailKind {
  Announcement = 'cohorts.announcement',
}

/** What an announcement email's ledger row carries: ids only, the composer reloads the rest. */
export interface AnnouncementMailPayload {
  announcementId: string;
}

/** One email per announcement and person, whatever retries happen. */
export const announcementDedupeKey = (announcementId: string, userId: string): string =>
  `announcement:${announcementId}:${userId}`;
