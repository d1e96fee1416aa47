import "server-only";
import { openDatabase, migrateDatabase, type DbHandle } from "@/db/client";
import { getConfig } from "@/lib/config";

// One database per process, kept on globalThis so dev hot reload does not open PGlite twice.
const globalForDb = globalThis as unknown as { __dbHandle?: Promise<DbHandle> };

export function getDbHandle(): Promise<DbHandle> {
  globalForDb.__dbHandle ??= (async () => {
    const config = getConfig();
    const handle = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
    await migrateDatabase(handle);
    return handle;
  })();
  // A failed open is not cached: the next caller tries again (the health check reports it meanwhile).
  globalForDb.__dbHandle.catch(() => {
    globalForDb.__dbHandle = undefined;
  });
  return globalForDb.__dbHandle;
}

export async function getDb() {
  return (await getDbHandle()).db;
}
