import type { DataSource } from 'typeorm';

/**
 * Waits until the email ledger row with `dedupeKey` has `status` (the worker records outcomes a few milliseconds
 * after the SMTP server answers), or fails naming what it saw.
 */
export async function waitForLedgerStatus(
  db: DataSource,
  dedupeKey: string,
  status: string,
  timeoutMs = 10_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let seen: string | undefined;
  while (Date.now() < deadline) {
    const rows = await db.query<{ status: string }[]>('SELECT status FROM email_deliveries WHERE dedupe_key = $1', [
      dedupeKey,
    ]);
    seen = rows[0]?.status;
    if (seen === status) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`ledger row ${dedupeKey} is ${seen ?? 'missing'}, expected ${status}`);
}
