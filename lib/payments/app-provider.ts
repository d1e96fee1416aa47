import "server-only";
import type { Db } from "@/db/client";
import { getConfig } from "@/lib/config";
import { logger } from "@/lib/server/logger";
import { processDueNotifications } from "./notifications";
import { providerFor } from "./provider";

/** The configured provider for the app's database. */
export function appProvider(db: Db) {
  return providerFor(db, getConfig().payments);
}

/** Processes notifications now (after a webhook answer, or on a timer); failures stay queued for retry. */
export async function processNotificationsNow(db: Db, onlyId?: string) {
  try {
    return await processDueNotifications(db, appProvider(db), { settlementDelayHours: getConfig().payments.settlementDelayHours, onlyId });
  } catch (error) {
    logger.warn("payments.notifications.process_failed", { error: String(error) });
    return { processed: 0, failed: 0 };
  }
}
