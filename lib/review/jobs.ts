import "server-only";
import { defineJob } from "@/lib/jobs";
import { sendStaffDigest } from "./staff-digest";

/** The staff's daily digest of applications waiting longer than a day (once per China day whatever runs it). */
export const staffDigestJob = defineJob({
  name: "review.staff_digest",
  everyMs: 24 * 3_600_000,
  run: async ({ db, now }) => sendStaffDigest(db, now),
});
