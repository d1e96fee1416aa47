import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, addDevDataKey, parseConfig } from "@/lib/config";

const dataDir = () => mkdtempSync(path.join(tmpdir(), "cfg-"));
const key = Buffer.alloc(32, 7).toString("base64");

describe("parseConfig", () => {
  it("generates development secrets into the data folder and reuses them", () => {
    const dir = dataDir();
    const first = parseConfig({ DATA_DIR: dir });
    const second = parseConfig({ DATA_DIR: dir });
    expect(first.authSecret).toHaveLength(43);
    expect(second.authSecret).toBe(first.authSecret);
    expect(first.dataKeys.get(first.activeDataKeyId)).toHaveLength(32);
    expect(JSON.parse(readFileSync(path.join(dir, "secrets.json"), "utf8")).authSecret).toBe(first.authSecret);
    expect(first.databaseUrl).toBeUndefined();
    expect(first.seedDemo).toBe(true);
  });

  it("adds development data keys for rotation, keeping the earlier ones", () => {
    const dir = dataDir();
    const first = parseConfig({ DATA_DIR: dir });
    expect(first.activeDataKeyId).toBe("dev1");
    expect(addDevDataKey(dir)).toBe("dev2");
    const second = parseConfig({ DATA_DIR: dir });
    expect(second.activeDataKeyId).toBe("dev2");
    expect([...second.dataKeys.keys()]).toEqual(["dev1", "dev2"]);
    expect(second.dataKeys.get("dev1")).toEqual(first.dataKeys.get("dev1"));
    expect(second.authSecret).toBe(first.authSecret);
    expect(addDevDataKey(dir)).toBe("dev3");
    expect(parseConfig({ DATA_DIR: dir }).activeDataKeyId).toBe("dev3");
  });

  it("stops production without NEXTAUTH_SECRET with one sentence naming it", () => {
    expect(() => parseConfig({ APP_ENV: "production", DATA_DIR: dataDir() })).toThrowError(/^Configuration error: NEXTAUTH_SECRET is required/);
  });

  it("rejects a malformed DATABASE_URL by name", () => {
    const error = (() => {
      try {
        parseConfig({ DATA_DIR: dataDir(), DATABASE_URL: "mysql://localhost/db" });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toMatch(/^Configuration error: DATABASE_URL must be a URL like postgres:\/\//);
    expect((error as Error).message.split(". ").length).toBe(1);
  });

  it("rejects a short NEXTAUTH_SECRET and malformed data keys", () => {
    expect(() => parseConfig({ DATA_DIR: dataDir(), NEXTAUTH_SECRET: "short" })).toThrowError(/NEXTAUTH_SECRET must be at least 32 characters/);
    expect(() => parseConfig({ DATA_DIR: dataDir(), DATA_ENCRYPTION_KEYS: "k1:abc" })).toThrowError(/DATA_ENCRYPTION_KEYS/);
  });

  it("accepts a complete production configuration without touching the data folder secrets", () => {
    const config = parseConfig({
      APP_ENV: "production",
      DATA_DIR: dataDir(),
      NEXTAUTH_SECRET: "x".repeat(40),
      NEXTAUTH_URL: "https://console.example.com",
      DATA_ENCRYPTION_KEYS: `k1:${key},k2:${key}`,
      DATA_ENCRYPTION_ACTIVE_KEY: "k1",
      DATABASE_URL: "postgres://app:pw@db.internal:5432/console",
      // Complete means live WeChat and a real provider: production refuses the sandboxes.
      WECHAT_MODE: "live",
      WECHAT_PLATFORM_PUBLIC_KEY: "-----BEGIN PUBLIC KEY-----\\nAAAA\\n-----END PUBLIC KEY-----",
      WECHAT_PLATFORM_KEY_SERIAL: "5157F09EFDC096DE15EBE81A47057A72",
      PAYMENT_PROVIDER_URL: "https://provider.example.com",
      PAYMENT_PROVIDER_PUBLIC_KEY: "provider-key",
      PAYMENT_PROVIDER_KEY_SERIAL: "P1",
      PAYMENT_PROVIDER_TOKEN_URL: "https://provider.example.com/oauth/token",
      PAYMENT_PROVIDER_CLIENT_ID: "console",
      PAYMENT_PROVIDER_CLIENT_SECRET: "provider-client-secret",
    });
    expect(config.activeDataKeyId).toBe("k1");
    expect(config.seedDemo).toBe(false);
    expect(config.databaseUrl).toBe("postgres://app:pw@db.internal:5432/console");
  });

  it("refuses an active key id that is not configured", () => {
    expect(() => parseConfig({ DATA_DIR: dataDir(), DATA_ENCRYPTION_KEYS: `k1:${key}`, DATA_ENCRYPTION_ACTIVE_KEY: "k9" })).toThrowError(/k9/);
  });
});
