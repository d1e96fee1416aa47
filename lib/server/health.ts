import { sql } from "drizzle-orm";
import { getConfig } from "@/lib/config";
import { getDbHandle } from "@/lib/runtime/db";

export type Health = { status: "ok"; db: "pglite" | "postgres" } | { status: "error"; db: "pglite" | "postgres"; reason: string };

export async function checkHealth(): Promise<Health> {
  const engine = getConfig().databaseUrl ? "postgres" : "pglite";
  try {
    const handle = await withTimeout(getDbHandle(), 3000);
    await withTimeout(handle.db.execute(sql`select 1`), 3000);
    return { status: "ok", db: handle.engine };
  } catch (error) {
    return { status: "error", db: engine, reason: `database unreachable: ${error instanceof Error ? error.message.split("\n")[0] : "unknown error"}` };
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return Promise.race([promise, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms))]);
}
