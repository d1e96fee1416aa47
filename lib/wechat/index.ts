import "server-only";
import { createHash } from "node:crypto";
import type { Db } from "@/db/client";
import { getConfig } from "@/lib/config";
import { registerLiveFundsTransport } from "@/lib/funds/app-gateway";
import { AppError } from "@/lib/errors";
import { dataKeyRing } from "@/lib/crypto/keys";
import { getDb } from "@/lib/runtime/db";
import { logger } from "@/lib/runtime/logger";
import { WeChatClient } from "./client";
import { merchantCredentials } from "./credentials";
import { WeChatError } from "./errors";
import { wechatFundsTransport } from "./funds-transport";
import { parseFaults } from "./sandbox/faults";
import { createSandbox, type Sandbox } from "./sandbox/handler";

export { WeChatClient } from "./client";
export { WeChatError } from "./errors";

type CachedClient = { secretDigest: string; client: WeChatClient };
const globalForWeChat = globalThis as unknown as {
  __wechatClients?: Map<string, CachedClient>;
  __wechatSandbox?: Promise<Sandbox>;
  __wechatInProcess?: boolean;
};

/**
 * The WeChat client of one Mini Program. One client (so one token cache and one in-flight token
 * request) per appid in the process; a new AppSecret replaces it. Instances stay in step through
 * the stable token endpoint.
 */
export function wechatClient(appid: string, secret: string): WeChatClient {
  const clients = (globalForWeChat.__wechatClients ??= new Map());
  const secretDigest = createHash("sha256").update(secret).digest("hex");
  const cached = clients.get(appid);
  if (cached && cached.secretDigest === secretDigest) return cached.client;
  const client = newWeChatClient(appid, secret);
  clients.set(appid, { secretDigest, client });
  return client;
}

/** A client outside the cache (a secret being verified before it is stored). */
export function newWeChatClient(appid: string, secret: string): WeChatClient {
  const config = getConfig().wechat;
  return new WeChatClient({
    baseUrl: config.apiBase,
    appid,
    secret,
    timeoutMs: config.timeoutMs,
    retries: config.retries,
    log: (event, fields) => logger.warn(event, { appid, ...fields }),
    ...(globalForWeChat.__wechatInProcess ? { fetch: sandboxFetch } : {}),
  });
}

/**
 * The client for a merchant: its Mini Program's appid and sealed AppSecret. Every WeChat call made
 * for a merchant goes through this, so it goes out under that Mini Program's access_token.
 * Throws WeChatError (`credentials_missing`) when no AppSecret is set yet.
 */
export async function wechatFor(db: Db, merchantId: string): Promise<WeChatClient> {
  const { appid, secret } = await merchantCredentials(db, dataKeyRing(), merchantId);
  return wechatClient(appid, secret);
}

/** The built-in sandbox, or null in live mode. */
export function getSandbox(): Promise<Sandbox> | null {
  const config = getConfig().wechat;
  if (!config.sandbox) return null;
  globalForWeChat.__wechatSandbox ??= getDb().then((db) =>
    createSandbox({ db, keyRing: dataKeyRing(), reviewSeconds: config.sandboxReviewSeconds, faults: parseFaults(config.sandboxFaults) }),
  );
  return globalForWeChat.__wechatSandbox;
}

/**
 * Command-line tools run without the web server: in sandbox mode their clients call the sandbox
 * in the same process instead of over HTTP.
 */
export function useInProcessSandbox(): void {
  if (getConfig().wechat.sandbox) globalForWeChat.__wechatInProcess = true;
}

const sandboxFetch: typeof fetch = async (input, init) => {
  const sandbox = getSandbox();
  if (!sandbox) throw new Error("the WeChat sandbox is off (WECHAT_MODE=live)");
  return (await sandbox).handle(new Request(input, init));
};

/**
 * Live mode's funds calls: each merchant's under its own Mini Program's client and token. A
 * merchant without an AppSecret gets a transport that refuses with a sentence, sending nothing.
 */
export function registerWeChatFundsTransport(): void {
  registerLiveFundsTransport(async ({ db, merchantId }) => {
    try {
      return wechatFundsTransport(await wechatFor(db, merchantId));
    } catch (error) {
      if (!(error instanceof WeChatError) || error.errcode !== "unconfigured") throw error;
      return async () => {
        throw new AppError("unavailable", "funds.wechat.liveUnavailable");
      };
    }
  });
}
