/** The API's limits (peer-review DTOs), checked in the forms before a round trip. */
export const REVIEW_LIMITS = {
  bodyMaxLength: 50_000,
  linksMax: 10,
  linkMaxLength: 2_000,
  commentMaxLength: 5_000,
  overallMaxLength: 10_000,
  flagNoteMaxLength: 2_000,
  reasonMaxLength: 2_000,
} as const;
