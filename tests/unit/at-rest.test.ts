import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { isSealedString, openBytes, openString, sealBytes, sealString, sealedKeyId, type KeyRing } from "@/lib/crypto/at-rest";
import { maskEmail, maskMiddle, maskName, maskPhone } from "@/lib/crypto/mask";

const ring = (active: string): KeyRing => ({ keys: new Map([["a", Buffer.alloc(32, 1)], ["b", Buffer.alloc(32, 2)]]), activeKeyId: active });

describe("at-rest encryption", () => {
  it("round-trips strings and never contains the plaintext", () => {
    const sealed = sealString(ring("a"), "310101199001011234");
    expect(sealed).not.toContain("310101199001011234");
    expect(isSealedString(sealed)).toBe(true);
    expect(sealedKeyId(sealed)).toBe("a");
    expect(openString(ring("b"), sealed)).toBe("310101199001011234");
  });

  it("uses a fresh IV each time", () => {
    expect(sealString(ring("a"), "same")).not.toBe(sealString(ring("a"), "same"));
  });

  it("round-trips bytes with the key id inside", () => {
    const photo = randomBytes(5000);
    const sealed = sealBytes(ring("b"), photo);
    expect(sealedKeyId(sealed)).toBe("b");
    expect(openBytes(ring("a"), sealed).equals(photo)).toBe(true);
  });

  it("refuses tampered values and unknown keys", () => {
    const sealed = sealString(ring("a"), "secret");
    const parts = sealed.split(".");
    parts[4] = Buffer.from("other").toString("base64url");
    expect(() => openString(ring("a"), parts.join("."))).toThrow();
    expect(() => openString({ keys: new Map([["b", Buffer.alloc(32, 2)]]), activeKeyId: "b" }, sealed)).toThrow(/Data key a/);
  });
});

describe("masking", () => {
  it("masks ids, names, phones and emails", () => {
    expect(maskMiddle("310101199001011234")).toBe("3101**********1234");
    expect(maskName("李小明")).toBe("李**");
    expect(maskPhone("15521050856")).toBe("155****0856");
    expect(maskEmail("wxg@tencent.com")).toBe("w***@tencent.com");
    expect(maskMiddle("123")).toBe("1**");
  });
});
