import "server-only";
import type { Db } from "@/db/client";
import { getConfig } from "@/lib/config";
import { dataKeyRing } from "@/lib/crypto/keys";
import { logger } from "@/lib/runtime/logger";
import { wechatFor } from "@/lib/wechat";
import type { CreatePaymentDeps } from "./create-payment";
import { drainDueNotifications, processDueNotifications } from "./notifications";
import { wechatOpenidResolver } from "./openid";
import { pollPendingPayments } from "./poll-payments";
import { providerFor } from "./provider";
import type { Transport } from "./provider-auth";
import { sandboxProviderRoute } from "./sandbox/route";
import { deliverDueWebhooks } from "./webhooks-out/deliver";

// The console's own sandbox is called in process, its token requests too: the same requests and
// answers, without a round trip through this server (which may not even reach its own public address).
const ownSandbox: Transport = (url, init) => sandboxProviderRoute(new Request(url, init));

/** The configured provider for the app's database. */
export function appProvider(db: Db) {
  const config = getConfig();
  return providerFor(db, config.payments, dataKeyRing(), config.payments.ownSandbox ? ownSandbox : undefined);
}

/** What creating a payment needs in the app; jscode2session goes out under the merchant's own Mini Program. */
export function appCreatePaymentDeps(db: Db): CreatePaymentDeps {
  const config = getConfig();
  return {
    provider: appProvider(db),
    resolveOpenid: wechatOpenidResolver((merchantId) => wechatFor(db, merchantId)),
    notifyUrl: config.payments.notifyUrl,
  };
}

/** Processes one batch of due notifications; failed ones stay queued for retry. */
export async function processNotifications(db: Db, onlyId?: string) {
  return processDueNotifications(db, appProvider(db), { settlementDelayHours: getConfig().payments.settlementDelayHours, onlyId, limit: 200 });
}

/** Processes due notifications until none is left (the jobs module's handler, and the drain after webhook answers). */
export async function drainNotifications(db: Db) {
  return drainDueNotifications(db, appProvider(db), { settlementDelayHours: getConfig().payments.settlementDelayHours, limit: 200 });
}

/** Processes notifications now, after a webhook answer; a failure is logged and left to the job. */
export async function processNotificationsNow(db: Db, onlyId?: string) {
  try {
    return await processNotifications(db, onlyId);
  } catch (error) {
    logger.warn("payments.notifications.process_failed", { error: String(error) });
    return { processed: 0, failed: 0 };
  }
}

/** Queries due PENDING payments (the provider's order query); the jobs module's handler. */
export async function pollPaymentsNow(db: Db) {
  const config = getConfig().payments;
  return pollPendingPayments(db, appProvider(db), { settlementDelayHours: config.settlementDelayHours, pendingTimeoutMinutes: config.pendingTimeoutMinutes });
}

/** Sends due webhook deliveries to merchants' endpoints; the jobs module's handler. */
export async function deliverWebhooksNow(db: Db, onlyEventId?: string) {
  return deliverDueWebhooks(db, dataKeyRing(), { allowHttpLocalhost: getConfig().payments.webhooksAllowHttpLocalhost, onlyEventId });
}

const globalForKick = globalThis as unknown as { __notificationDrain?: { running: boolean; again: boolean } };

/**
 * Asks for the inbox to be drained soon. A thousand webhook answers a second become one drain at a
 * time in batches (claimed with SKIP LOCKED), not a thousand provider round trips racing each other.
 */
export function kickNotificationProcessing(db: Db) {
  const state = (globalForKick.__notificationDrain ??= { running: false, again: false });
  if (state.running) {
    state.again = true;
    return;
  }
  state.running = true;
  void (async () => {
    try {
      do {
        state.again = false;
        await drainNotifications(db).catch((error) => logger.warn("payments.notifications.process_failed", { error: String(error) }));
      } while (state.again);
    } finally {
      state.running = false;
    }
  })();
}
