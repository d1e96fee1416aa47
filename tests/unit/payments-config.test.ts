import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseConfig } from "@/lib/config";

const dataDir = () => mkdtempSync(path.join(tmpdir(), "cfg-"));

describe("payment provider configuration", () => {
  it("plays the provider itself by default, at the console's own URL", () => {
    const config = parseConfig({ DATA_DIR: dataDir(), NEXTAUTH_URL: "http://localhost:3103/" });
    expect(config.payments).toMatchObject({ sandbox: true, providerUrl: "http://localhost:3103/sandbox/provider", settlementDelayHours: 24, sandboxWithdrawalSeconds: 5 });
  });

  it("turns the sandbox off with a real provider and then needs its key", () => {
    expect(() => parseConfig({ DATA_DIR: dataDir(), PAYMENT_PROVIDER_URL: "https://pay.example.com" })).toThrowError(/PAYMENT_PROVIDER_PUBLIC_KEY/);
    const config = parseConfig({ DATA_DIR: dataDir(), PAYMENT_PROVIDER_URL: "https://pay.example.com/", PAYMENT_PROVIDER_PUBLIC_KEY: "MIIB", PAYMENT_PROVIDER_KEY_SERIAL: "ABC" });
    expect(config.payments).toMatchObject({ sandbox: false, providerUrl: "https://pay.example.com", providerKeySerial: "ABC" });
    expect(() => parseConfig({ DATA_DIR: dataDir(), PAYMENT_SANDBOX: "false" })).toThrowError(/PAYMENT_PROVIDER_URL is required/);
  });

  it("refuses malformed timings with one sentence naming the setting", () => {
    expect(() => parseConfig({ DATA_DIR: dataDir(), SANDBOX_WITHDRAWAL_SECONDS: "soon" })).toThrowError(/SANDBOX_WITHDRAWAL_SECONDS/);
  });
});
