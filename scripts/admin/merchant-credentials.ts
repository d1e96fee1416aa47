// `npm run admin -- merchant-credentials --appid <appid> --secret <secret>`: sets the AppSecret of the
// merchant whose Mini Program has that appid, after WeChat accepted the pair (a stable_token fetched
// with it). Exits 1 with one sentence when the appid is unknown or WeChat refuses the pair.
import { migrateDatabase, openDatabase } from "@/db/client";
import { getConfig } from "@/lib/config";
import { dataKeyRing } from "@/lib/crypto/keys";
import { isAppError } from "@/lib/errors";
import { WeChatClient } from "@/lib/wechat/client";
import { findMerchantByAppid, setMerchantAppSecret } from "@/lib/wechat/credentials";
import { createSandbox } from "@/lib/wechat/sandbox/handler";
import { CommandError, requiredFlag, type Flags } from "./_command";

export const summary = "Set a merchant's Mini Program AppSecret, after WeChat accepted the pair.";
export const usage = "npm run admin -- merchant-credentials --appid <appid> --secret <secret>";

export async function run(flags: Flags): Promise<void> {
  const values = { appid: requiredFlag(flags, "appid", usage), secret: requiredFlag(flags, "secret", usage) };
  const config = getConfig();
  const ring = dataKeyRing();
  const handle = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    await migrateDatabase(handle);
    const merchant = await findMerchantByAppid(handle.db, values.appid);
    if (!merchant) throw new CommandError(`No merchant has a Mini Program with appid ${values.appid}.`);
    // Without the web server, the sandbox answers in this process (sandbox mode only).
    const sandbox = config.wechat.sandbox ? createSandbox({ db: handle.db, keyRing: ring, reviewSeconds: config.wechat.sandboxReviewSeconds }) : null;
    const clientFor = (appid: string, secret: string) =>
      new WeChatClient({
        baseUrl: config.wechat.apiBase,
        appid,
        secret,
        timeoutMs: config.wechat.timeoutMs,
        retries: config.wechat.retries,
        ...(sandbox ? { fetch: ((input, init) => sandbox.handle(new Request(input, init))) as typeof fetch } : {}),
      });
    try {
      await setMerchantAppSecret(handle.db, ring, { merchantId: merchant.id, secret: values.secret, setBy: null, clientFor });
    } catch (error) {
      if (isAppError(error)) throw new CommandError(error.message);
      throw error;
    }
    console.log(`The AppSecret of ${merchant.name} (${values.appid}) is set; WeChat accepted it${sandbox ? " (sandbox)" : ""}.`);
  } finally {
    await handle.close();
  }
}
