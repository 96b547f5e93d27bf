/**
 * The view the mail library defines (migration IdentityCourseMailReadViews) for libraries above it to read the
 * email ledger (what was sent to whom, and how it went). Only the ledger's own code writes the table.
 */
export const MAIL_READ_VIEWS = {
  /** Every column of `email_deliveries`. */
  deliveries: 'mail_deliveries',
} as const;
