import "server-only";
import { getConfig } from "@/lib/config";
import { dataKeyRing } from "@/lib/crypto/keys";
import { processNotificationsNow } from "@/lib/payments/app-provider";
import { getDb } from "@/lib/server/db";
import { logger } from "@/lib/server/logger";
import { advanceDueWithdrawals } from "./advance-withdrawals";
import { verifyDueSettlementChanges } from "./settlement-account";

const globalForScheduler = globalThis as unknown as { __fundsScheduler?: NodeJS.Timeout };

/** Advances the sandbox's withdrawals and account checks, and retries notifications left over. */
export async function runFundsJobs(merchantId?: string) {
  const db = await getDb();
  const config = getConfig().payments;
  if (config.sandbox) {
    await advanceDueWithdrawals(db, { merchantId, stepSeconds: config.sandboxWithdrawalSeconds });
    await verifyDueSettlementChanges(db, dataKeyRing(), { merchantId });
  }
}

/**
 * A timer per instance; every job claims rows with SKIP LOCKED and conditional updates, so several
 * instances can run it at once. Pages also run the merchant's due jobs lazily on read.
 */
export function startFundsScheduler(intervalMs = 3000) {
  if (globalForScheduler.__fundsScheduler) return;
  let running = false;
  globalForScheduler.__fundsScheduler = setInterval(async () => {
    if (running) return;
    running = true;
    try {
      await runFundsJobs();
      await processNotificationsNow(await getDb());
    } catch (error) {
      logger.warn("funds.scheduler_failed", { error: String(error) });
    } finally {
      running = false;
    }
  }, intervalMs);
  globalForScheduler.__fundsScheduler.unref();
}
