import "server-only";
import { getConfig } from "@/lib/config";
import { dataKeyRing } from "@/lib/crypto/keys";
import { getDb } from "@/lib/server/db";
import { logger } from "@/lib/server/logger";
import { WeChatClient } from "./client";
import { parseFaults } from "./sandbox/faults";
import { createSandbox, type Sandbox } from "./sandbox/handler";

const globalForWeChat = globalThis as unknown as { __wechatClient?: WeChatClient; __wechatSandbox?: Promise<Sandbox> };

/** The process's WeChat client (its token cache is per process; the stable token endpoint keeps instances in step). */
export function getWeChatClient(): WeChatClient {
  const config = getConfig().wechat;
  globalForWeChat.__wechatClient ??= new WeChatClient({
    baseUrl: config.apiBase,
    appid: config.appid,
    secret: config.secret,
    timeoutMs: config.timeoutMs,
    retries: config.retries,
    log: (event, fields) => logger.warn(event, fields),
  });
  return globalForWeChat.__wechatClient;
}

/** The built-in sandbox, or null when real credentials are configured. */
export function getSandbox(): Promise<Sandbox> | null {
  const config = getConfig().wechat;
  if (!config.sandbox) return null;
  globalForWeChat.__wechatSandbox ??= getDb().then((db) =>
    createSandbox({ db, keyRing: dataKeyRing(), reviewSeconds: config.sandboxReviewSeconds, faults: parseFaults(config.sandboxFaults) }),
  );
  return globalForWeChat.__wechatSandbox;
}
