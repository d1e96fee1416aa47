import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseConfig } from "@/lib/config";

const oauth = { PAYMENT_PROVIDER_TOKEN_URL: "https://pay.example.com/oauth/token", PAYMENT_PROVIDER_CLIENT_ID: "console", PAYMENT_PROVIDER_CLIENT_SECRET: "s3cret-from-the-provider" };
const dataDir = () => mkdtempSync(path.join(tmpdir(), "cfg-"));

describe("payment provider configuration", () => {
  it("plays the provider itself by default, at the console's own URL", () => {
    const config = parseConfig({ DATA_DIR: dataDir(), NEXTAUTH_URL: "http://localhost:3103/" });
    expect(config.payments).toMatchObject({ sandbox: true, ownSandbox: true, providerUrl: "http://localhost:3103/sandbox/provider", settlementDelayHours: 24, sandboxWithdrawalSeconds: 5 });
  });

  it("calls only its own sandbox in process: a sandbox at another address is called over HTTP", () => {
    const elsewhere = parseConfig({ DATA_DIR: dataDir(), NEXTAUTH_URL: "http://localhost:3103", PAYMENT_SANDBOX: "true", PAYMENT_PROVIDER_URL: "http://127.0.0.1:4000/sandbox/provider" });
    expect(elsewhere.payments).toMatchObject({ sandbox: true, ownSandbox: false });
  });

  it("turns the sandbox off with a real provider and then needs its key", () => {
    expect(() => parseConfig({ DATA_DIR: dataDir(), PAYMENT_PROVIDER_URL: "https://pay.example.com" })).toThrowError(/PAYMENT_PROVIDER_PUBLIC_KEY/);
    const config = parseConfig({ DATA_DIR: dataDir(), PAYMENT_PROVIDER_URL: "https://pay.example.com/", PAYMENT_PROVIDER_PUBLIC_KEY: "MIIB", PAYMENT_PROVIDER_KEY_SERIAL: "ABC", ...oauth });
    expect(config.payments).toMatchObject({ sandbox: false, ownSandbox: false, providerUrl: "https://pay.example.com", providerKeySerial: "ABC" });
    expect(() => parseConfig({ DATA_DIR: dataDir(), PAYMENT_SANDBOX: "false" })).toThrowError(/PAYMENT_PROVIDER_URL is required/);
  });

  it("needs the OAuth 2 client credentials of the provider's OAuth 2 step with a real provider, and derives the sandbox's", () => {
    const real = { DATA_DIR: dataDir(), PAYMENT_PROVIDER_URL: "https://pay.example.com/", PAYMENT_PROVIDER_PUBLIC_KEY: "MIIB", PAYMENT_PROVIDER_KEY_SERIAL: "ABC" };
    expect(() => parseConfig(real)).toThrowError(/PAYMENT_PROVIDER_TOKEN_URL, PAYMENT_PROVIDER_CLIENT_ID and PAYMENT_PROVIDER_CLIENT_SECRET/);
    expect(parseConfig({ ...real, ...oauth }).payments.auth).toEqual({ kind: "oauth2_client_credentials", tokenUrl: oauth.PAYMENT_PROVIDER_TOKEN_URL, clientId: "console", clientSecret: oauth.PAYMENT_PROVIDER_CLIENT_SECRET });
    const sandbox = parseConfig({ DATA_DIR: dataDir(), NEXTAUTH_URL: "http://localhost:3103" }).payments;
    expect(sandbox.auth.tokenUrl).toBe("http://localhost:3103/sandbox/provider/oauth/token");
    expect(sandbox.auth.clientSecret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(sandbox.notifyUrl).toBe("http://localhost:3103/api/webhooks/payments");
  });

  it("refuses malformed timings with one sentence naming the setting", () => {
    expect(() => parseConfig({ DATA_DIR: dataDir(), SANDBOX_WITHDRAWAL_SECONDS: "soon" })).toThrowError(/SANDBOX_WITHDRAWAL_SECONDS/);
  });
});
