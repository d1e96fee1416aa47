import { randomBytes } from "node:crypto";
import { Client } from "pg";
import { migrateDatabase, openDatabase, type DbHandle, type Engine } from "@/db/client";

/** PGlite always; the PostgreSQL server too when TEST_DATABASE_URL is set (.ci/run sets it). */
export const testEngines: Engine[] = ["pglite", ...(process.env.TEST_DATABASE_URL ? (["postgres"] as const) : [])];

export type TestDb = DbHandle & { destroy: () => Promise<void> };

/** A fresh, migrated database: in-memory PGlite, or a new database on the PostgreSQL server. */
export async function createTestDb(engine: Engine): Promise<TestDb> {
  if (engine === "pglite") {
    const handle = await openDatabase({});
    await migrateDatabase(handle);
    return { ...handle, destroy: handle.close };
  }
  const adminUrl = process.env.TEST_DATABASE_URL!;
  const name = `t_${Date.now()}_${randomBytes(4).toString("hex")}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ databaseUrl: url.toString(), poolSize: 20 });
  await migrateDatabase(handle);
  return {
    ...handle,
    destroy: async () => {
      await handle.close();
      const cleanup = new Client({ connectionString: adminUrl });
      await cleanup.connect();
      await cleanup.query(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}
