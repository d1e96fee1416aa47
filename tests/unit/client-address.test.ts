import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parseConfig } from "@/lib/config";
import { clientAddress, parseTrustedProxies } from "@/lib/security/client-address";

// What scripts/peer-address.cjs does in the server: the socket's address in a header of its own.
const holder = globalThis as { __consolePeerAddressHeader?: string };
beforeEach(() => {
  holder.__consolePeerAddressHeader = "x-console-peer-address";
});
afterEach(() => {
  delete holder.__consolePeerAddressHeader;
});

const from = (peer: string, forwardedFor?: string) => new Headers({ "x-console-peer-address": peer, ...(forwardedFor ? { "x-forwarded-for": forwardedFor } : {}) });

describe("clientAddress with TRUSTED_PROXIES", () => {
  it("ignores X-Forwarded-For from a peer that is not a configured proxy", () => {
    const none = parseTrustedProxies("");
    expect(clientAddress(from("203.0.113.9", "198.51.100.1"), none)).toBe("203.0.113.9");
    expect(clientAddress(from("203.0.113.9", "198.51.100.2, 198.51.100.3"), none)).toBe("203.0.113.9");
    expect(clientAddress(from("::ffff:203.0.113.9"), none)).toBe("203.0.113.9");
    // A proxy address that is not configured proves nothing either.
    expect(clientAddress(from("10.0.0.5", "198.51.100.1"), parseTrustedProxies("10.0.0.6"))).toBe("10.0.0.5");
  });

  it("behind configured proxies, takes the right-most entry that is not one of them", () => {
    const trusted = parseTrustedProxies("10.0.0.0/8, 192.0.2.7, 2001:db8::/32");
    expect(clientAddress(from("10.1.2.3", "198.51.100.77"), trusted)).toBe("198.51.100.77");
    // The client prepended a forged entry; the balancer appended the real one, a second hop appended the first balancer.
    expect(clientAddress(from("192.0.2.7", "1.2.3.4, 198.51.100.77, 10.9.9.9"), trusted)).toBe("198.51.100.77");
    expect(clientAddress(from("::ffff:10.1.2.3", "2001:db8::1, 2001:db9::5"), trusted)).toBe("2001:db9::5");
    // A proxy with nothing forwarded is the only address known.
    expect(clientAddress(from("10.1.2.3"), trusted)).toBe("10.1.2.3");
  });

  it("is a start-stopping configuration error when an entry is not an address or range", () => {
    const base = { NEXTAUTH_SECRET: "s".repeat(40), DATA_ENCRYPTION_KEYS: `k1:${Buffer.alloc(32, 1).toString("base64")}`, DATA_DIR: "/tmp/trusted-proxies-test" };
    expect(() => parseConfig({ ...base, TRUSTED_PROXIES: "10.0.0.0/33" })).toThrow(/TRUSTED_PROXIES/);
    expect(() => parseConfig({ ...base, TRUSTED_PROXIES: "proxy.internal" })).toThrow(/TRUSTED_PROXIES/);
    expect(parseConfig({ ...base, TRUSTED_PROXIES: "10.0.0.0/8,::1" }).trustedProxies.check("10.4.5.6")).toBe(true);
    expect(parseConfig(base).trustedProxies.check("127.0.0.1")).toBe(false);
  });
});
