import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";

/** Thrown when the environment cannot run the console; its message is one sentence naming the setting. */
export class ConfigError extends Error {
  override name = "ConfigError";
}

const postgresUrl = z
  .string()
  .refine((value) => {
    try {
      const url = new URL(value);
      return (url.protocol === "postgres:" || url.protocol === "postgresql:") && url.hostname !== "";
    } catch {
      return false;
    }
  }, "must be a URL like postgres://user:password@host:5432/database");

/** `kid:base64key` pairs, comma-separated; each key is 32 bytes for AES-256-GCM. */
const dataKeys = z.string().transform((value, ctx) => {
  const keys = new Map<string, Buffer>();
  for (const pair of value.split(",").map((part) => part.trim()).filter(Boolean)) {
    const [kid, encoded] = pair.split(":");
    const key = encoded ? Buffer.from(encoded, "base64") : Buffer.alloc(0);
    if (!kid || !/^[A-Za-z0-9_-]{1,32}$/.test(kid) || key.length !== 32) {
      ctx.addIssue({ code: "custom", message: "must be a comma-separated list of kid:base64 pairs, each key 32 bytes" });
      return z.NEVER;
    }
    keys.set(kid, key);
  }
  if (keys.size === 0) {
    ctx.addIssue({ code: "custom", message: "must name at least one key" });
    return z.NEVER;
  }
  return keys;
});

const booleanFlag = z.enum(["true", "false", "1", "0"]).transform((v) => v === "true" || v === "1");

const envSchema = z.object({
  APP_ENV: z.enum(["development", "production"]).default("development"),
  DATA_DIR: z.string().min(1).default(".data"),
  DATABASE_URL: postgresUrl.optional(),
  NEXTAUTH_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  NEXTAUTH_URL: z.url().optional(),
  DATA_ENCRYPTION_KEYS: dataKeys.optional(),
  DATA_ENCRYPTION_ACTIVE_KEY: z.string().optional(),
  SEED_DEMO: booleanFlag.optional(),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).default("info"),
  SIGNIN_MAX_FAILURES_PER_ACCOUNT: z.coerce.number().int().min(1).max(1000).default(5),
  SIGNIN_MAX_FAILURES_PER_ADDRESS: z.coerce.number().int().min(1).max(100000).default(30),
  SIGNIN_WINDOW_MINUTES: z.coerce.number().int().min(1).max(1440).default(15),
});

export type AppConfig = {
  appEnv: "development" | "production";
  dataDir: string;
  databaseUrl: string | undefined;
  authSecret: string;
  authUrl: string;
  dataKeys: Map<string, Buffer>;
  activeDataKeyId: string;
  seedDemo: boolean;
  logLevel: "debug" | "info" | "warn" | "error";
  /** Failed sign-ins allowed per account and per client address in one window. */
  signInLimits: { perAccount: number; perAddress: number; windowSeconds: number };
};

/**
 * `dataKeyId`/`dataKey` is the generated key; `npm run keys:rotate -- --new-key` adds later ones to
 * `extraDataKeys` (kid → base64) and makes the newest active.
 */
type DevSecrets = { authSecret: string; dataKeyId: string; dataKey: string; extraDataKeys?: Record<string, string>; activeDataKeyId?: string };

/** Development secrets are generated once into the data folder (never the repo) and reused after. */
function loadDevSecrets(dataDir: string): DevSecrets {
  const file = path.join(dataDir, "secrets.json");
  if (existsSync(file)) return JSON.parse(readFileSync(file, "utf8")) as DevSecrets;
  mkdirSync(dataDir, { recursive: true });
  const secrets: DevSecrets = {
    authSecret: randomBytes(32).toString("base64url"),
    dataKeyId: "dev1",
    dataKey: randomBytes(32).toString("base64"),
  };
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}

function describe(error: z.ZodError): string {
  const issue = error.issues[0]!;
  const name = issue.path.join(".") || "environment";
  return `Configuration error: ${name} ${issue.message.replace(/^Invalid input: ?/, "")}.`;
}

export function parseConfig(env: Record<string, string | undefined>): AppConfig {
  const parsed = envSchema.safeParse(
    Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== "")),
  );
  if (!parsed.success) throw new ConfigError(describe(parsed.error));
  const e = parsed.data;
  const production = e.APP_ENV === "production";
  const dataDir = path.resolve(e.DATA_DIR);

  if (production && !e.NEXTAUTH_SECRET) {
    throw new ConfigError("Configuration error: NEXTAUTH_SECRET is required when APP_ENV=production (32 characters or more).");
  }
  if (production && !e.DATA_ENCRYPTION_KEYS) {
    throw new ConfigError("Configuration error: DATA_ENCRYPTION_KEYS is required when APP_ENV=production (kid:base64key pairs).");
  }
  if (production && !e.NEXTAUTH_URL) {
    throw new ConfigError("Configuration error: NEXTAUTH_URL is required when APP_ENV=production (the console's public URL).");
  }
  const dev = production && e.NEXTAUTH_SECRET && e.DATA_ENCRYPTION_KEYS ? undefined : loadDevSecrets(dataDir);
  const dataKeys =
    e.DATA_ENCRYPTION_KEYS ??
    new Map([[dev!.dataKeyId, dev!.dataKey] as const, ...Object.entries(dev!.extraDataKeys ?? {})].map(([kid, b64]) => [kid, Buffer.from(b64, "base64")]));
  const activeDataKeyId = e.DATA_ENCRYPTION_ACTIVE_KEY ?? (e.DATA_ENCRYPTION_KEYS ? undefined : dev!.activeDataKeyId) ?? [...dataKeys.keys()].at(-1)!;
  if (!dataKeys.has(activeDataKeyId)) {
    throw new ConfigError(`Configuration error: DATA_ENCRYPTION_ACTIVE_KEY names "${activeDataKeyId}", which is not in DATA_ENCRYPTION_KEYS.`);
  }

  return {
    appEnv: e.APP_ENV,
    dataDir,
    databaseUrl: e.DATABASE_URL,
    authSecret: e.NEXTAUTH_SECRET ?? dev!.authSecret,
    authUrl: e.NEXTAUTH_URL ?? `http://localhost:${env.PORT ?? "3000"}`,
    dataKeys,
    activeDataKeyId,
    seedDemo: e.SEED_DEMO ?? !production,
    logLevel: e.LOG_LEVEL,
    signInLimits: {
      perAccount: e.SIGNIN_MAX_FAILURES_PER_ACCOUNT,
      perAddress: e.SIGNIN_MAX_FAILURES_PER_ADDRESS,
      windowSeconds: e.SIGNIN_WINDOW_MINUTES * 60,
    },
  };
}

/**
 * Development only: generates a new data key into the data folder's secrets.json and makes it
 * the active one (the earlier keys stay, so existing values still open). Answers its key id.
 */
export function addDevDataKey(dataDir: string): string {
  const file = path.join(path.resolve(dataDir), "secrets.json");
  const secrets = loadDevSecrets(path.resolve(dataDir));
  const taken = new Set([secrets.dataKeyId, ...Object.keys(secrets.extraDataKeys ?? {})]);
  let n = taken.size + 1;
  while (taken.has(`dev${n}`)) n += 1;
  const kid = `dev${n}`;
  const next: DevSecrets = { ...secrets, extraDataKeys: { ...secrets.extraDataKeys, [kid]: randomBytes(32).toString("base64") }, activeDataKeyId: kid };
  writeFileSync(file, JSON.stringify(next, null, 2), { mode: 0o600 });
  return kid;
}

const globalForConfig = globalThis as unknown as { __appConfig?: AppConfig };

/** The process's configuration, parsed once. */
export function getConfig(): AppConfig {
  globalForConfig.__appConfig ??= parseConfig(process.env);
  return globalForConfig.__appConfig;
}
