import { generateKeyPairSync } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseConfig } from "@/lib/config";
import { readBmpInfo, sniffImageFormat } from "@/lib/images/format";
import { WeChatError, wechatMessageKey } from "@/lib/wechat/errors";
import { parseFaults, takeFault, noFaults } from "@/lib/wechat/sandbox/faults";
import { reviewOutcome } from "@/lib/wechat/sandbox/review";
import { decryptSensitiveFields, encryptSensitiveFields, ENCRYPTED_WIRE_FIELDS, FieldDecryptError } from "@/lib/wechat/sensitive-fields";
import enWechat from "@/messages/en/wechat.json";

const dataDir = () => mkdtempSync(path.join(tmpdir(), "cfg-"));

describe("WeChat configuration", () => {
  it("runs the sandbox on the app's own port when no credentials are set", () => {
    const config = parseConfig({ DATA_DIR: dataDir(), PORT: "4123" }).wechat;
    expect(config).toMatchObject({ sandbox: true, apiBase: "http://127.0.0.1:4123/sandbox/wechat", platformPublicKey: undefined, workerIntervalMs: 5000, pollIntervalSeconds: 5 });
  });

  it("WECHAT_MODE=live points at WeChat and requires the platform key", () => {
    expect(() => parseConfig({ DATA_DIR: dataDir(), WECHAT_MODE: "live" })).toThrowError(/WECHAT_PLATFORM_PUBLIC_KEY and WECHAT_PLATFORM_KEY_SERIAL are required when WECHAT_MODE=live/);
    const config = parseConfig({
      DATA_DIR: dataDir(),
      WECHAT_MODE: "live",
      WECHAT_PLATFORM_PUBLIC_KEY: "-----BEGIN PUBLIC KEY-----\\nAAAA\\n-----END PUBLIC KEY-----",
      WECHAT_PLATFORM_KEY_SERIAL: "5157F09EFDC096DE15EBE81A47057A72",
    }).wechat;
    expect(config).toMatchObject({ mode: "live", sandbox: false, apiBase: "https://api.weixin.qq.com", pollIntervalSeconds: 600 });
    expect(config.platformPublicKey).toContain("\nAAAA\n");
  });

  it("refuses the removed global WECHAT_APPID/WECHAT_APPSECRET with a sentence", () => {
    expect(() => parseConfig({ DATA_DIR: dataDir(), WECHAT_APPID: "wx1234567890abcdef" })).toThrowError(/WECHAT_APPID and WECHAT_APPSECRET are no longer read/);
    expect(() => parseConfig({ DATA_DIR: dataDir(), WECHAT_APPSECRET: "0123456789abcdef" })).toThrowError(/merchant-credentials/);
  });

  it("refuses both sandboxes in production unless ALLOW_SANDBOX=true", () => {
    const production = { APP_ENV: "production", DATA_DIR: dataDir(), NEXTAUTH_SECRET: "x".repeat(40), NEXTAUTH_URL: "https://console.example.com", DATA_ENCRYPTION_KEYS: `k1:${Buffer.alloc(32, 1).toString("base64")}` };
    const live = { WECHAT_MODE: "live", WECHAT_PLATFORM_PUBLIC_KEY: "-----BEGIN PUBLIC KEY-----", WECHAT_PLATFORM_KEY_SERIAL: "S1" };
    expect(() => parseConfig({ ...production, PAYMENT_PROVIDER_URL: "https://provider.example.com" })).toThrowError(/WECHAT_PLATFORM_PUBLIC_KEY/);
    expect(() => parseConfig({ ...production, ...live, PAYMENT_PROVIDER_URL: "https://provider.example.com", WECHAT_MODE: "sandbox" })).toThrowError(/WECHAT_MODE=sandbox is refused when APP_ENV=production/);
    expect(() => parseConfig({ ...production, ...live })).toThrowError(/PAYMENT_PROVIDER_URL is required when APP_ENV=production/);
    expect(() => parseConfig({ ...production, ...live, PAYMENT_SANDBOX: "true" })).toThrowError(/ALLOW_SANDBOX=true/);
    const demo = parseConfig({ ...production, WECHAT_MODE: "sandbox", ALLOW_SANDBOX: "true" });
    expect(demo.wechat.sandbox).toBe(true);
    expect(demo.payments.sandbox).toBe(true);
  });
});

describe("sandbox faults", () => {
  it("parses rates and rejects unknown kinds", () => {
    expect(parseFaults("delay_ms=1500, http_5xx=0.1,errcode_minus1=2,expired_token=0,invalid_token=0.5")).toMatchObject({ delayMs: 1500, rates: { http_5xx: 0.1, errcode_minus1: 1, expired_token: 0, invalid_token: 0.5 } });
    expect(() => parseFaults("slow=1")).toThrowError(/unknown fault slow/);
  });

  it("consumes queued failures before rates", () => {
    const faults = noFaults();
    faults.queued.http_5xx = 2;
    expect([takeFault(faults, "http_5xx"), takeFault(faults, "http_5xx"), takeFault(faults, "http_5xx")]).toEqual([true, true, false]);
  });

  it("rejects short names that ask for it, with per-field reasons", () => {
    expect(reviewOutcome("示例小店")).toEqual({ status: "finished" });
    const rejected = reviewOutcome("驳回演示");
    expect(rejected.status).toBe("rejected");
    expect(reviewOutcome("Please REJECT me").status).toBe("rejected");
  });
});

describe("image formats by bytes", () => {
  it("recognises JPG, PNG and BMP by their signatures only", () => {
    expect(sniffImageFormat(Buffer.from([0xff, 0xd8, 0xff, 0xe0]))).toBe("jpeg");
    expect(sniffImageFormat(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe("png");
    expect(sniffImageFormat(Buffer.concat([Buffer.from("BM"), Buffer.alloc(30)]))).toBe("bmp");
    expect(sniffImageFormat(Buffer.from("<svg/>"))).toBeNull();
    expect(sniffImageFormat(Buffer.from("MZ\x90\x00"))).toBeNull();
    expect(readBmpInfo(Buffer.concat([Buffer.from("BM"), Buffer.alloc(30)]))).toBeNull();
  });
});

describe("WeChat errors", () => {
  it("retries -1 and quota errors, not invalid arguments", () => {
    expect(new WeChatError(-1, "system error").transient).toBe(true);
    expect(new WeChatError(45009, "reach max api daily quota limit").transient).toBe(true);
    expect(new WeChatError(40097, "invalid args").transient).toBe(false);
    expect(new WeChatError("network", "ECONNREFUSED")).toMatchObject({ transient: true, messageKey: "unreachable" });
  });

  it("has a merchant message in the catalogue for every key", () => {
    for (const errcode of [-1, 40001, 40005, 40097, 45009, 48001, 9401020, 123456]) {
      const key = wechatMessageKey(new WeChatError(errcode, "x").merchantMessage)!;
      expect(Object.keys(enWechat.errors)).toContain(key.replace("errors.", ""));
    }
    expect(wechatMessageKey("商户简称：需与实际售卖商品一致")).toBeNull();
  });
});

describe("sensitive field encryption", () => {
  const { publicKey, privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048, publicKeyEncoding: { type: "spki", format: "pem" }, privateKeyEncoding: { type: "pkcs8", format: "pem" } });
  const payload = {
    merchant_shortname: "示例",
    id_card_info: { id_card_name: "张三丰", id_card_number: "11010519491231002X", id_card_address: "广东省深圳市南山区科技园路 1 号 101 室" },
    contact_info: { contact_email: "a@example.com", mobile_phone: "13800138000", contact_type: "65" },
    account_info: { account_name: "张三丰", account_number: "6222020200012345678", account_bank: "工商银行" },
  };

  it("encrypts exactly the listed fields, which decrypt to the originals", () => {
    const sealed = encryptSensitiveFields(payload, publicKey);
    expect(sealed.account_info.account_bank).toBe("工商银行");
    expect(sealed.contact_info.contact_type).toBe("65");
    for (const path of ENCRYPTED_WIRE_FIELDS.filter((p) => !p.startsWith("id_doc_info"))) {
      const [section, field] = path.split(".") as [keyof typeof payload, string];
      expect((sealed[section] as Record<string, string>)[field]).not.toBe((payload[section] as Record<string, string>)[field]);
    }
    expect(payload.account_info.account_name).toBe("张三丰");
    expect(decryptSensitiveFields(sealed, privateKey)).toEqual(payload);
  });

  it("names a field that was not encrypted with the key", () => {
    expect(() => decryptSensitiveFields(payload, privateKey)).toThrowError(FieldDecryptError);
  });
});
