/** The longest a failing job waits before its next try. */
export const MAX_BACKOFF_MS = 30 * 60_000;

/**
 * Delay before the next run: the job's interval after a success; after `consecutiveFailures`
 * failures in a row, doubling from min(interval, 1 min) up to MAX_BACKOFF_MS, so a daily job
 * retries within the hour and a fast job stops hammering a failing service.
 */
export function nextDelayMs(everyMs: number, consecutiveFailures: number): number {
  if (consecutiveFailures <= 0) return everyMs;
  const base = Math.min(everyMs, 60_000);
  const exponent = Math.min(consecutiveFailures - 1, 30);
  return Math.min(base * 2 ** exponent, Math.max(MAX_BACKOFF_MS, base));
}
