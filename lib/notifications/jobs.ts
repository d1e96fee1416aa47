import "server-only";
import { defineJob } from "@/lib/jobs";
import { deliverNotifications } from "./deliver";

/** Sends the queued notification mails; rows are claimed, so every instance may run it. */
export const notificationDeliveryJob = defineJob({
  name: "notifications.deliver",
  everyMs: 10_000,
  run: async ({ db, now }) => {
    const result = await deliverNotifications(db, now);
    return { rows: result.sent + result.skipped + result.failed };
  },
});
