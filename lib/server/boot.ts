import { seedDemoData, demoAccounts } from "@/db/seed";
import { ConfigError, getConfig } from "@/lib/config";
import { hashPassword } from "@/lib/auth/password";
import { pruneBuckets } from "@/lib/security/rate-limit";
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
    console.log(`Database: ${handle.engine}. Demo accounts (role, email, password):\n${lines.join("\n")}`);
  } else {
    console.log(`Database: ${handle.engine}.`);
  }
}
