import { describe, expect, it } from "vitest";
import { nextQueryAt } from "@/lib/payments/poll-payments";
import { isBlockedAddress, parseEndpointUrl } from "@/lib/payments/webhooks-out/url-guard";
import { retryDelayMs } from "@/lib/payments/webhooks-out/deliver";
import { signWebhook, verifyWebhook } from "@/lib/payments/webhooks-out/signature";

describe("outbound webhook rules", () => {
  it("blocks loopback, private, shared, link-local (metadata), multicast and mapped addresses, and lets public ones through", () => {
    for (const a of ["127.0.0.1", "10.0.0.1", "172.16.5.4", "192.168.0.1", "100.64.0.1", "169.254.169.254", "0.0.0.0", "224.0.0.1", "::1", "::", "fe80::1", "fd00:ec2::254", "::ffff:127.0.0.1", "::ffff:10.0.0.1", "not-an-ip"]) {
      expect(isBlockedAddress(a), a).toBe(true);
    }
    for (const a of ["93.184.215.14", "8.8.8.8", "2606:4700:4700::1111", "::ffff:8.8.8.8"]) expect(isBlockedAddress(a), a).toBe(false);
  });

  it("accepts https only, http://localhost only when allowed, never credentials", () => {
    expect(() => parseEndpointUrl("http://example.com/", true)).toThrow(/https/);
    expect(() => parseEndpointUrl("http://localhost:3000/hook", false)).toThrow(/https/);
    expect(parseEndpointUrl("http://localhost:3000/hook", true).hostname).toBe("localhost");
    expect(() => parseEndpointUrl("https://u:p@example.com/", false)).toThrow(/password/);
    expect(() => parseEndpointUrl("example.com", false)).toThrow(/https/);
  });

  it("signs t.body with HMAC-SHA256 and refuses another secret, body or an old timestamp", () => {
    const header = signWebhook("whsec_a", '{"id":"1"}', 1_700_000_000);
    expect(header).toMatch(/^t=1700000000,v1=[0-9a-f]{64}$/);
    expect(verifyWebhook("whsec_a", '{"id":"1"}', header, 1_700_000_010)).toBe(true);
    expect(verifyWebhook("whsec_b", '{"id":"1"}', header, 1_700_000_010)).toBe(false);
    expect(verifyWebhook("whsec_a", '{"id":"2"}', header, 1_700_000_010)).toBe(false);
    expect(verifyWebhook("whsec_a", '{"id":"1"}', header, 1_700_001_000)).toBe(false);
  });

  it("backs off exponentially, capped at two hours", () => {
    expect([1, 2, 3, 4].map(retryDelayMs)).toEqual([30_000, 60_000, 120_000, 240_000]);
    expect(retryDelayMs(20)).toBe(2 * 3_600_000);
  });

  it("polls a PENDING payment sooner at first, once more after the provider's timeout, then stops", () => {
    const created = new Date("2026-12-01T10:00:00Z");
    expect(nextQueryAt(created, 1, new Date("2026-12-01T10:00:10Z"), 120)!.toISOString()).toBe("2026-12-01T10:00:30.000Z");
    expect(nextQueryAt(created, 50, new Date("2026-12-01T11:50:00Z"), 120)!.toISOString()).toBe("2026-12-01T12:01:00.000Z");
    expect(nextQueryAt(created, 51, new Date("2026-12-01T12:01:00Z"), 120)).toBeNull();
  });
});
