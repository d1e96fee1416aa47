import { migrateDatabase, openDatabase, type Db } from "@/db/client";
import { ConfigError, getConfig, type AppConfig } from "@/lib/config";
import { isAppError } from "@/lib/errors";

/** What every file in scripts/admin/ exports. */
export type AdminCommand = {
  summary: string;
  usage: string;
  run: (flags: Flags) => Promise<void>;
};

export type Flags = Record<string, string | true>;

/** A failure the operator can act on: printed as its one sentence, exit code 1. */
export class CommandError extends Error {
  override name = "CommandError";
}

/** `--email a@b --name "X Y" --force` → { email: "a@b", name: "X Y", force: true }; `--k=v` too. */
export function parseFlags(args: string[]): Flags {
  const flags: Flags = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (!arg.startsWith("--")) throw new CommandError(`Unexpected argument "${arg}": options are written --name value.`);
    const eq = arg.indexOf("=");
    if (eq > 0) {
      flags[arg.slice(2, eq)] = arg.slice(eq + 1);
    } else if (args[i + 1] !== undefined && !args[i + 1]!.startsWith("--")) {
      flags[arg.slice(2)] = args[++i]!;
    } else {
      flags[arg.slice(2)] = true;
    }
  }
  return flags;
}

export function requiredFlag(flags: Flags, name: string, usage: string): string {
  const value = flags[name];
  if (typeof value !== "string" || !value.trim()) throw new CommandError(`--${name} is required. Usage: ${usage}`);
  return value;
}

/**
 * Runs `fn` on the configured database (PGlite in DATA_DIR or DATABASE_URL), migrated first, and
 * turns configuration errors and AppErrors into one sentence for the operator.
 */
export async function withDatabase<T>(fn: (db: Db, config: AppConfig) => Promise<T>): Promise<T> {
  let config: AppConfig;
  try {
    config = getConfig();
  } catch (error) {
    if (error instanceof ConfigError) throw new CommandError(error.message);
    throw error;
  }
  const handle = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: 2 });
  try {
    await migrateDatabase(handle);
    return await fn(handle.db, config);
  } catch (error) {
    if (isAppError(error)) throw new CommandError(error.message);
    throw error;
  } finally {
    await handle.close();
  }
}
