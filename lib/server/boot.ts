import { seedDemoData, demoAccounts, seedE2eData } from "@/db/seed";
import { ConfigError, getConfig } from "@/lib/config";
import { hashPassword } from "@/lib/auth/password";
import { pruneBuckets } from "@/lib/security/rate-limit";
import { startWeChatScheduler } from "@/lib/wechat/scheduler";
import { getDbHandle } from "./db";

/** Runs once when the server starts: checks configuration, migrates, seeds the demo data. */
export async function boot(): Promise<void> {
  let config;
  try {
    config = getConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  process.env.NEXTAUTH_SECRET ??= config.authSecret;
  process.env.NEXTAUTH_URL ??= config.authUrl;
  const handle = await getDbHandle();
  // Sign-in counters whose window ended a day ago are of no further use.
  await pruneBuckets(handle.db, 24 * 60 * 60);
  if (config.seedDemo) {
    await seedDemoData(handle.db, hashPassword);
    const lines = demoAccounts.map((a) => `  ${a.role.padEnd(15)} ${a.email.padEnd(28)} ${a.password}`);
    if (config.seedE2e) await seedE2eData(handle.db, hashPassword);
    console.log(`Database: ${handle.engine}. Demo accounts (role, email, password):\n${lines.join("\n")}`);
  } else {
    console.log(`Database: ${handle.engine}.`);
  }
  if (config.seedE2e) {
    const [{ seedReviewE2e }, { dataKeyRing }] = await Promise.all([import("@/lib/review/e2e-seed"), import("@/lib/crypto/keys")]);
    await seedReviewE2e(handle.db, dataKeyRing(), hashPassword, { sandboxAppid: config.wechat.sandbox ? config.wechat.appid : undefined });
  }
  if (config.wechat.sandbox) console.log(`WeChat: sandbox at ${config.wechat.apiBase}.`);
  startWeChatScheduler();
  (await import("@/lib/funds/scheduler")).startFundsScheduler();
}
