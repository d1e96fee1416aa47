import { DEMO_MERCHANT_ID, SECOND_MERCHANT_ID, demoAccounts, seedDemoData } from "@/db/seed";
import { ConfigError, getConfig } from "@/lib/config";
import { hashPassword } from "@/lib/auth/password";
import { sealString } from "@/lib/crypto/at-rest";
import { dataKeyRing } from "@/lib/crypto/keys";
import { pruneBuckets } from "@/lib/security/rate-limit";
import { registerWeChatFundsTransport } from "@/lib/wechat";
import { getDbHandle } from "@/lib/runtime/db";

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
    const ring = dataKeyRing();
    await seedDemoData(handle.db, hashPassword, (secret) => sealString(ring, secret));
    const lines = demoAccounts.map((a) => `  ${a.role.padEnd(15)} ${a.email.padEnd(28)} ${a.password.padEnd(26)}${a.totpSecret ? ` 2FA secret ${a.totpSecret}` : ""}`);
    console.log(`Database: ${handle.engine}. Demo accounts (role, email, password, two-factor secret):\n${lines.join("\n")}`);
  } else {
    console.log(`Database: ${handle.engine}.`);
  }
  if (config.wechat.sandbox && config.seedDemo) {
    // The demo merchants' Mini Programs get their sandbox AppSecrets, so a demo needs no operator step.
    const [{ seedSandboxAppSecrets }, { dataKeyRing }] = await Promise.all([import("@/lib/wechat/sandbox/seed-secrets"), import("@/lib/crypto/keys")]);
    await seedSandboxAppSecrets(handle.db, dataKeyRing(), [DEMO_MERCHANT_ID, SECOND_MERCHANT_ID]);
  }
  if (config.wechat.sandbox) console.log(`WeChat: sandbox at ${config.wechat.apiBase}.`);
  // Before any job or page asks WeChat about funds: in live mode they go out under each merchant's token.
  registerWeChatFundsTransport();
  const [{ startJobRunner }, { registeredJobs }] = await Promise.all([import("@/lib/jobs"), import("./jobs")]);
  startJobRunner(() => getDbHandle().then((h) => h.db), registeredJobs);
}
