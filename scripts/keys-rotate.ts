// `npm run keys:rotate`: re-seals every sealed value under DATA_ENCRYPTION_ACTIVE_KEY, in batches
// (one transaction each), while the console keeps running on PostgreSQL. Safe to stop and start
// again. `--check` only counts values per key; `--new-key` (development, without
// DATA_ENCRYPTION_KEYS) first generates a new key into the data folder. See README "Security".
import { migrateDatabase, openDatabase } from "@/db/client";
import { ConfigError, addDevDataKey, getConfig, parseConfig } from "@/lib/config";
import { dataKeyRing } from "@/lib/crypto/keys";
import { rotateSealedColumns, sealedKeyCensus } from "@/lib/crypto/rotate";

async function main() {
  const checkOnly = process.argv.includes("--check");
  if (process.argv.includes("--new-key")) {
    const current = parseConfig(process.env);
    if (current.appEnv === "production" || process.env.DATA_ENCRYPTION_KEYS) {
      throw new ConfigError("--new-key only generates development keys; in production add the key to DATA_ENCRYPTION_KEYS and set DATA_ENCRYPTION_ACTIVE_KEY.");
    }
    console.log(`Generated data key ${addDevDataKey(current.dataDir)} into ${current.dataDir}/secrets.json; restart the console to seal new values with it.`);
  }
  const config = getConfig();
  const ring = dataKeyRing();
  const handle = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    await migrateDatabase(handle);
    console.log(`Database: ${handle.engine}. Active key: ${ring.activeKeyId}. Configured keys: ${[...ring.keys.keys()].join(", ")}.`);
    if (!checkOnly) {
      const results = await rotateSealedColumns(handle.db, ring, {
        onBatch: (column, rotated) => console.log(`  ${column}: ${rotated} re-sealed`),
      });
      for (const r of results) {
        console.log(`${r.column}: ${r.rotated} re-sealed, ${r.raced} changed meanwhile, ${r.failed.length} not readable, ${r.remaining} still under an old key`);
        for (const f of r.failed) console.log(`  row ${f.id}: ${f.reason}`);
      }
    }
    const census = await sealedKeyCensus(handle.db);
    console.log("Values per key:");
    for (const [column, counts] of Object.entries(census)) console.log(`  ${column}: ${JSON.stringify(counts)}`);
    const stale = Object.values(census).some((counts) => Object.keys(counts).some((kid) => kid !== ring.activeKeyId));
    console.log(stale ? "Values remain under old keys: keep those keys configured and run again." : `Every value is under ${ring.activeKeyId}: old keys may be removed from DATA_ENCRYPTION_KEYS.`);
    process.exitCode = stale ? 1 : 0;
  } finally {
    await handle.close();
  }
}

main().catch((error) => {
  console.error(error instanceof ConfigError ? error.message : `Key rotation stopped: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(2);
});
