import { mkdirSync } from "node:fs";
import path from "node:path";
import type { SQL } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import * as schema from "./schema";

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
export type Engine = "pglite" | "postgres";
export type DbHandle = { db: Db; engine: Engine; url?: string; close: () => Promise<void> };

export const migrationsFolder = path.join(process.cwd(), "db", "migrations");

/** Opens PostgreSQL when a URL is given, otherwise an embedded PGlite in `dataDir/pglite` (or in memory). */
export async function openDatabase(options: { databaseUrl?: string; dataDir?: string; poolSize?: number }): Promise<DbHandle> {
  if (options.databaseUrl) {
    const [{ drizzle }, { Pool }] = await Promise.all([import("drizzle-orm/node-postgres"), import("pg")]);
    const pool = new Pool({ connectionString: options.databaseUrl, max: options.poolSize ?? 10 });
    // An idle connection dropped by the server (restart, failover) must not crash the process;
    // the pool replaces it on the next query.
    pool.on("error", (error) => console.error(JSON.stringify({ level: "warn", event: "db.idle_client_error", code: (error as { code?: string }).code })));
    const db = drizzle(pool, { schema }) as unknown as Db;
    return { db, engine: "postgres", url: options.databaseUrl, close: () => pool.end() };
  }
  const [{ drizzle }, { PGlite }] = await Promise.all([import("drizzle-orm/pglite"), import("@electric-sql/pglite")]);
  let dir: string | undefined;
  if (options.dataDir) {
    dir = path.join(options.dataDir, "pglite");
    mkdirSync(dir, { recursive: true });
  }
  const client = dir ? new PGlite(dir) : new PGlite();
  await client.waitReady;
  const db = drizzle(client, { schema }) as unknown as Db;
  return { db, engine: "pglite", close: () => client.close() };
}

export async function migrateDatabase(handle: DbHandle): Promise<void> {
  if (handle.engine === "postgres") {
    const { migrate } = await import("drizzle-orm/node-postgres/migrator");
    // Several instances may start at once: a session advisory lock lets one migrate at a time.
    const { Client } = await import("pg");
    const lockClient = new Client({ connectionString: handle.url });
    await lockClient.connect();
    try {
      await lockClient.query("select pg_advisory_lock(727001)");
      await migrate(handle.db as never, { migrationsFolder });
    } finally {
      await lockClient.query("select pg_advisory_unlock(727001)").catch(() => undefined);
      await lockClient.end();
    }
  } else {
    const { migrate } = await import("drizzle-orm/pglite/migrator");
    await migrate(handle.db as never, { migrationsFolder });
  }
}

/** Rows of a raw SQL query; both drivers answer `{ rows }`. */
export async function queryRows<T>(db: Db, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}
