// The end-to-end test data, written by the test server's start script (scripts/lib/e2e-seed.mjs)
// before the console starts on the same data folder; the console itself never loads it.
import { openDatabase, migrateDatabase } from "@/db/client";
import { hashPassword } from "@/lib/auth/password";
import { getConfig } from "@/lib/config";
import { sealString } from "@/lib/crypto/at-rest";
import { dataKeyRing } from "@/lib/crypto/keys";
import { seedDemoData } from "@/db/seed";
import { seedSandboxAppSecrets } from "@/lib/wechat/sandbox/seed-secrets";
import { seedReconciliationE2e, seedReviewE2e, seedWizardMerchants } from "./seed";

const config = getConfig();
const handle = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
try {
  await migrateDatabase(handle);
  // The session accounts belong to the demo merchant, which the console would only seed at its start.
  const ring = dataKeyRing();
  await seedDemoData(handle.db, hashPassword, (secret) => sealString(ring, secret));
  await seedWizardMerchants(handle.db, hashPassword);
  await seedReviewE2e(handle.db, dataKeyRing(), hashPassword);
  await seedReconciliationE2e(handle.db);
  // Every test merchant's Mini Program gets its sandbox AppSecret.
  if (config.wechat.sandbox) await seedSandboxAppSecrets(handle.db, dataKeyRing(), "all");
} finally {
  await handle.close();
}
