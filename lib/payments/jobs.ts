import "server-only";
import { defineJob } from "@/lib/jobs";
import { deliverWebhooksNow, drainNotifications, pollPaymentsNow } from "./app-provider";

/** Provider notifications the webhook answer did not get to (crash, provider down): retried here. */
export const paymentNotificationsJob = defineJob({
  name: "payments.notifications",
  everyMs: 3_000,
  run: async ({ db }) => ({ rows: (await drainNotifications(db)).processed }),
});

/** The provider's order query for PENDING payments whose notification has not come. */
export const paymentPollJob = defineJob({
  name: "payments.poll",
  everyMs: 3_000,
  run: async ({ db }) => ({ rows: (await pollPaymentsNow(db)).queried }),
});

/** Outbound webhooks to merchants' endpoints, with their retry schedule. */
export const webhookDeliveryJob = defineJob({
  name: "payments.webhooks",
  everyMs: 3_000,
  run: async ({ db }) => ({ rows: (await deliverWebhooksNow(db)).attempted }),
});
