import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { createHmac } from "node:crypto";
import { z } from "zod";
import { parseTrustedProxies, type TrustedProxies } from "@/lib/security/client-address";

/** Seed 003 "Step 0. Authentication": how the console obtains the provider's bearer token. */
export type ProviderAuthConfig = { kind: "oauth2_client_credentials"; tokenUrl: string; clientId: string; clientSecret: string; timeoutMs?: number };

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
  ALLOW_SANDBOX: booleanFlag.default(false),
  WECHAT_MODE: z.enum(["sandbox", "live"]).optional(),
  WECHAT_API_BASE: z.url().optional(),
  // No longer read (each merchant has its own Mini Program): named only to refuse them with a sentence.
  WECHAT_APPID: z.string().optional(),
  WECHAT_APPSECRET: z.string().optional(),
  WECHAT_PLATFORM_PUBLIC_KEY: z.string().includes("BEGIN PUBLIC KEY", { message: "must be a PEM public key (-----BEGIN PUBLIC KEY-----)" }).optional(),
  WECHAT_PLATFORM_KEY_SERIAL: z.string().min(1).optional(),
  WECHAT_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
  WECHAT_RETRIES: z.coerce.number().int().min(0).max(10).default(3),
  WECHAT_POLL_INTERVAL_SECONDS: z.coerce.number().int().min(1).optional(),
  WECHAT_WORKER_INTERVAL_MS: z.coerce.number().int().min(0).default(5_000),
  WECHAT_SANDBOX_REVIEW_SECONDS: z.coerce.number().min(0).default(20),
  WECHAT_SANDBOX_FAULTS: z.string().optional(),
  PAYMENT_PROVIDER_URL: z.url().optional(),
  PAYMENT_PROVIDER_PUBLIC_KEY: z.string().min(1).optional(),
  PAYMENT_PROVIDER_KEY_SERIAL: z.string().min(1).optional(),
  PAYMENT_SANDBOX: booleanFlag.optional(),
  PAYMENT_PROVIDER_TOKEN_URL: z.url().optional(),
  PAYMENT_PROVIDER_CLIENT_ID: z.string().min(1).optional(),
  PAYMENT_PROVIDER_CLIENT_SECRET: z.string().min(1).optional(),
  PAYMENT_PENDING_TIMEOUT_MINUTES: z.coerce.number().int().min(1).max(10_080).default(120),
  WEBHOOKS_ALLOW_HTTP_LOCALHOST: booleanFlag.optional(),
  SANDBOX_WITHDRAWAL_SECONDS: z.coerce.number().int().min(0).max(86_400).default(5),
  SANDBOX_ACCOUNT_VERIFY_SECONDS: z.coerce.number().int().min(0).max(86_400).default(5),
  FUNDS_SETTLEMENT_DELAY_HOURS: z.coerce.number().int().min(0).max(720).default(24),
  SIGNIN_MAX_FAILURES_PER_ACCOUNT: z.coerce.number().int().min(1).max(1000).default(5),
  SIGNIN_MAX_FAILURES_PER_ADDRESS: z.coerce.number().int().min(1).max(100000).default(30),
  SIGNIN_WINDOW_MINUTES: z.coerce.number().int().min(1).max(1440).default(15),
  TRUSTED_PROXIES: z.string().default("").transform((value, ctx) => {
    try {
      return parseTrustedProxies(value);
    } catch (error) {
      ctx.addIssue({ code: "custom", message: `must be a comma-separated list of proxy addresses or CIDR ranges: ${(error as Error).message}` });
      return z.NEVER;
    }
  }),
  // smtp://user:pass@host:587 or smtps://…:465; unset writes mails to DATA_DIR/outbox.
  SMTP_URL: z.string().regex(/^smtps?:\/\/\S+$/, "an smtp:// or smtps:// URL").optional(),
  MAIL_FROM: z.string().min(3).max(200).default("WeChat Pay Console <no-reply@console.invalid>"),
  METRICS_TOKEN: z.string().min(16, "must be at least 16 characters").optional(),
});

export type PaymentsConfig = {
  /** Base URL of the payment provider's API (the paths of its Mini Program API document are appended). */
  providerUrl: string;
  /** The provider's notification-signing public key (PEM) and its serial; unset with the sandbox. */
  providerPublicKey: string | undefined;
  providerKeySerial: string | undefined;
  /** The app also plays the provider under /sandbox/provider. */
  sandbox: boolean;
  /** The provider is that sandbox of this very console (called in process, not over HTTP). */
  ownSandbox: boolean;
  sandboxWithdrawalSeconds: number;
  sandboxAccountVerifySeconds: number;
  /** How long a succeeded payment stays pending before it can be withdrawn (T+1 by default). */
  settlementDelayHours: number;
  /** Seed 003 "Step 0. Authentication": OAuth 2 client credentials. */
  auth: ProviderAuthConfig;
  /** After this long a PENDING payment is closed by the provider; it is queried once more then. */
  pendingTimeoutMinutes: number;
  /** The console's own webhook, sent as notify_url. */
  notifyUrl: string;
  /** Development only: outbound webhooks may go to http://localhost. */
  webhooksAllowHttpLocalhost: boolean;
};

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
  payments: PaymentsConfig;
  wechat: WeChatConfig;
  signInLimits: { perAccount: number; perAddress: number; windowSeconds: number };
  /** Only these peers' X-Forwarded-For is believed; empty means nothing sits in front of the console. */
  trustedProxies: TrustedProxies;
  mail: { smtpUrl: string | undefined; from: string };
  /** Bearer token of GET /metrics; unset, the endpoint answers 404. */
  metricsToken: string | undefined;
};

export type WeChatConfig = {
  /** `sandbox`: the app serves WeChat's endpoints itself (lib/wechat/sandbox) and talks to them. */
  mode: "sandbox" | "live";
  /** Same as `mode === "sandbox"`. */
  sandbox: boolean;
  apiBase: string;
  /** Unset in sandbox mode: the client fetches the sandbox's generated key. */
  platformPublicKey: string | undefined;
  platformKeySerial: string | undefined;
  timeoutMs: number;
  retries: number;
  pollIntervalSeconds: number;
  /** 0 turns the submission and poll scheduler off. */
  workerIntervalMs: number;
  sandboxReviewSeconds: number;
  /** `kind=rate` pairs: delay_ms=<ms>, http_5xx, errcode_minus1, expired_token as 0..1 rates. */
  sandboxFaults: string;
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

  if (e.WECHAT_APPID || e.WECHAT_APPSECRET) {
    throw new ConfigError(
      "Configuration error: WECHAT_APPID and WECHAT_APPSECRET are no longer read; each merchant's appid and AppSecret are set per merchant (npm run admin -- merchant-credentials --appid … --secret …).",
    );
  }
  const wechatMode = e.WECHAT_MODE ?? (production && !e.ALLOW_SANDBOX ? "live" : "sandbox");
  const sandbox = wechatMode === "sandbox";
  if (production && sandbox && !e.ALLOW_SANDBOX) {
    throw new ConfigError("Configuration error: WECHAT_MODE=sandbox is refused when APP_ENV=production; use WECHAT_MODE=live, or set ALLOW_SANDBOX=true for a demo.");
  }
  if (!sandbox && (!e.WECHAT_PLATFORM_PUBLIC_KEY || !e.WECHAT_PLATFORM_KEY_SERIAL)) {
    throw new ConfigError("Configuration error: WECHAT_PLATFORM_PUBLIC_KEY and WECHAT_PLATFORM_KEY_SERIAL are required when WECHAT_MODE=live.");
  }
  const port = env.PORT ?? "3000";
  const authUrl = e.NEXTAUTH_URL ?? `http://localhost:${env.PORT ?? "3000"}`;
  // The sandbox plays the provider until a real one is configured.
  const paymentSandbox = e.PAYMENT_SANDBOX ?? !e.PAYMENT_PROVIDER_URL;
  if (production && paymentSandbox && !e.ALLOW_SANDBOX) {
    throw new ConfigError("Configuration error: PAYMENT_PROVIDER_URL is required when APP_ENV=production (the provider sandbox runs only with ALLOW_SANDBOX=true).");
  }
  if (!paymentSandbox && !e.PAYMENT_PROVIDER_URL) {
    throw new ConfigError("Configuration error: PAYMENT_PROVIDER_URL is required when PAYMENT_SANDBOX=false.");
  }
  if (!paymentSandbox && (!e.PAYMENT_PROVIDER_PUBLIC_KEY || !e.PAYMENT_PROVIDER_KEY_SERIAL)) {
    throw new ConfigError("Configuration error: PAYMENT_PROVIDER_PUBLIC_KEY and PAYMENT_PROVIDER_KEY_SERIAL are required with a real payment provider.");
  }
  if (!paymentSandbox && (!e.PAYMENT_PROVIDER_TOKEN_URL || !e.PAYMENT_PROVIDER_CLIENT_ID || !e.PAYMENT_PROVIDER_CLIENT_SECRET)) {
    throw new ConfigError("Configuration error: PAYMENT_PROVIDER_TOKEN_URL, PAYMENT_PROVIDER_CLIENT_ID and PAYMENT_PROVIDER_CLIENT_SECRET are required with a real payment provider.");
  }

  const authSecret = e.NEXTAUTH_SECRET ?? dev!.authSecret;
  const ownSandboxUrl = `${authUrl.replace(/\/$/, "")}/sandbox/provider`;
  const providerUrl = (e.PAYMENT_PROVIDER_URL ?? ownSandboxUrl).replace(/\/$/, "");

  return {
    appEnv: e.APP_ENV,
    dataDir,
    databaseUrl: e.DATABASE_URL,
    authSecret,
    authUrl,
    dataKeys,
    activeDataKeyId,
    seedDemo: e.SEED_DEMO ?? !production,
    // Extra merchants for end-to-end tests only (scripts/e2e-server.mjs); never in production.
    logLevel: e.LOG_LEVEL,
    wechat: {
      mode: wechatMode,
      sandbox,
      apiBase: (e.WECHAT_API_BASE ?? (sandbox ? `http://127.0.0.1:${port}/sandbox/wechat` : "https://api.weixin.qq.com")).replace(/\/+$/, ""),
      platformPublicKey: e.WECHAT_PLATFORM_PUBLIC_KEY?.replace(/\\n/g, "\n"),
      platformKeySerial: e.WECHAT_PLATFORM_KEY_SERIAL,
      timeoutMs: e.WECHAT_TIMEOUT_MS,
      retries: e.WECHAT_RETRIES,
      pollIntervalSeconds: e.WECHAT_POLL_INTERVAL_SECONDS ?? (sandbox ? 5 : 600),
      workerIntervalMs: e.WECHAT_WORKER_INTERVAL_MS,
      sandboxReviewSeconds: e.WECHAT_SANDBOX_REVIEW_SECONDS,
      sandboxFaults: e.WECHAT_SANDBOX_FAULTS ?? "",
    },
    payments: {
      providerUrl,
      providerPublicKey: e.PAYMENT_PROVIDER_PUBLIC_KEY,
      providerKeySerial: e.PAYMENT_PROVIDER_KEY_SERIAL,
      sandbox: paymentSandbox,
      ownSandbox: paymentSandbox && providerUrl === ownSandboxUrl,
      sandboxWithdrawalSeconds: e.SANDBOX_WITHDRAWAL_SECONDS,
      sandboxAccountVerifySeconds: e.SANDBOX_ACCOUNT_VERIFY_SECONDS,
      settlementDelayHours: e.FUNDS_SETTLEMENT_DELAY_HOURS,
      auth: {
        kind: "oauth2_client_credentials",
        tokenUrl: e.PAYMENT_PROVIDER_TOKEN_URL ?? `${providerUrl}/oauth/token`,
        clientId: e.PAYMENT_PROVIDER_CLIENT_ID ?? "console-sandbox",
        // The sandbox's client secret is derived from the auth secret: nothing fixed in the repository.
        clientSecret: e.PAYMENT_PROVIDER_CLIENT_SECRET ?? sandboxClientSecret(authSecret),
      },
      pendingTimeoutMinutes: e.PAYMENT_PENDING_TIMEOUT_MINUTES,
      notifyUrl: `${authUrl.replace(/\/$/, "")}/api/webhooks/payments`,
      webhooksAllowHttpLocalhost: (e.WEBHOOKS_ALLOW_HTTP_LOCALHOST ?? !production) && !production,
    },
    mail: { smtpUrl: e.SMTP_URL, from: e.MAIL_FROM },
    metricsToken: e.METRICS_TOKEN,
    signInLimits: {
      perAccount: e.SIGNIN_MAX_FAILURES_PER_ACCOUNT,
      perAddress: e.SIGNIN_MAX_FAILURES_PER_ADDRESS,
      windowSeconds: e.SIGNIN_WINDOW_MINUTES * 60,
    },
    trustedProxies: e.TRUSTED_PROXIES,
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

/** The client secret the provider sandbox accepts, derived from the auth secret. */
export function sandboxClientSecret(authSecret: string): string {
  return createHmac("sha256", authSecret).update("payment-provider-sandbox-client").digest("base64url");
}

const globalForConfig = globalThis as unknown as { __appConfig?: AppConfig };

/** The process's configuration, parsed once. */
export function getConfig(): AppConfig {
  globalForConfig.__appConfig ??= parseConfig(process.env);
  return globalForConfig.__appConfig;
}

/** Cookies carry Secure in production and whenever the console is served over https. */
export function secureCookiesEnabled(): boolean {
  const config = getConfig();
  return config.appEnv === "production" || config.authUrl.startsWith("https://");
}
