import "server-only";
import { getConfig } from "@/lib/config";
import { getDb } from "@/lib/server/db";
import { logger } from "@/lib/server/logger";
import { getWeChatClient } from "./index";
import { runPollWorker } from "./poll-worker";
import { runSubmissionWorker } from "./submission-worker";

const globalForScheduler = globalThis as unknown as { __wechatScheduler?: NodeJS.Timeout };

/**
 * Sends queued submissions and polls submitted applications every WECHAT_WORKER_INTERVAL_MS.
 * Every instance may run it: the workers claim their rows, so no work is done twice.
 */
export function startWeChatScheduler(): void {
  const { workerIntervalMs } = getConfig().wechat;
  if (workerIntervalMs <= 0 || globalForScheduler.__wechatScheduler) return;
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      const db = await getDb();
      const client = getWeChatClient();
      const sent = await runSubmissionWorker(db, client, { limit: 10 });
      const polled = await runPollWorker(db, client, { limit: 20 });
      if (sent.claimed || polled.finished || polled.rejected) logger.info("wechat.worker", { ...sent, ...polled });
    } catch (error) {
      logger.error("wechat.worker_failed", { error: error instanceof Error ? error.message : String(error) });
    } finally {
      running = false;
    }
  };
  globalForScheduler.__wechatScheduler = setInterval(() => void tick(), workerIntervalMs);
  globalForScheduler.__wechatScheduler.unref();
}
