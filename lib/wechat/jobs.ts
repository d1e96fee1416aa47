import "server-only";
import { getConfig } from "@/lib/config";
import { defineJob } from "@/lib/jobs";
import { wechatFor } from "./index";
import { runPollWorker } from "./poll-worker";
import { runSubmissionWorker } from "./submission-worker";

// WECHAT_WORKER_INTERVAL_MS sets both intervals; 0 turns them off.
const intervalMs = () => getConfig().wechat.workerIntervalMs;
const everyMs = () => Math.max(intervalMs(), 1_000);
const enabled = () => intervalMs() > 0;

/** Sends applications queued for WeChat (apply, then the media they need). */
export const wechatSubmissionJob = defineJob({
  name: "wechat.submit",
  everyMs,
  enabled,
  run: async ({ db }) => ({ rows: (await runSubmissionWorker(db, (merchantId) => wechatFor(db, merchantId), { limit: 10 })).claimed }),
});

/** Asks WeChat about submitted applications until they are finished or rejected. */
export const wechatPollJob = defineJob({
  name: "wechat.poll",
  everyMs,
  enabled,
  run: async ({ db }) => ({ rows: (await runPollWorker(db, (merchantId) => wechatFor(db, merchantId), { limit: 20 })).polled }),
});
