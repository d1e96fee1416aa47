import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rateLimitBuckets } from "@/db/schema";
import { demoAccounts, seedDemoData } from "@/db/seed";
import { hashPassword } from "@/lib/auth/password";
import { signInWithLimits, type SignInLimits } from "@/lib/auth/sign-in";
import { clientAddress, parseTrustedProxies } from "@/lib/security/client-address";
import { hitBucket, pruneBuckets } from "@/lib/security/rate-limit";
import { createTestDb, testEngines, type TestDb } from "../helpers/db";

const limits: SignInLimits = { perAccount: 2, perAddress: 4, windowSeconds: 900 };
const secret = "test-secret-test-secret-test-secret-1234";
const admin = demoAccounts[0]!;
const other = demoAccounts[1]!;

describe.each(testEngines)("sign-in limits on %s", (engine) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb(engine);
    await seedDemoData(t.db, hashPassword);
  });
  afterAll(async () => t?.destroy());

  const attempt = (email: string, password: string, address: string, now?: Date) =>
    signInWithLimits(t.db, { email, password, address }, limits, secret, now);

  it("refuses an account after too many failures, even with the right password, until the window ends", async () => {
    const now = new Date("2026-01-01T10:00:00Z");
    for (let i = 0; i < limits.perAccount; i++) expect(await attempt(admin.email, "wrong", `10.0.0.${i}`, now)).toEqual({ ok: false, reason: "invalid" });
    expect(await attempt(admin.email, admin.password, "10.0.1.1", now)).toEqual({ ok: false, reason: "rate_limited" });
    // Another spelling of the same account is the same account.
    expect(await attempt(` ${admin.email.toUpperCase()} `, admin.password, "10.0.1.2", now)).toEqual({ ok: false, reason: "rate_limited" });
    const later = new Date(now.getTime() + (limits.windowSeconds + 1) * 1000);
    expect(await attempt(admin.email, admin.password, "10.0.1.3", later)).toMatchObject({ ok: true, user: { email: admin.email } });
  });

  it("counts unknown accounts exactly like known ones", async () => {
    const now = new Date("2026-01-02T10:00:00Z");
    for (let i = 0; i < limits.perAccount; i++) expect(await attempt("nobody@example.com", "wrong", `10.1.0.${i}`, now)).toEqual({ ok: false, reason: "invalid" });
    expect(await attempt("nobody@example.com", "wrong", "10.1.1.1", now)).toEqual({ ok: false, reason: "rate_limited" });
    for (let i = 0; i < limits.perAccount; i++) await attempt(other.email, "wrong", `10.2.0.${i}`, now);
    expect(await attempt(other.email, "wrong", "10.2.1.1", now)).toEqual({ ok: false, reason: "rate_limited" });
  });

  it("refuses an address after too many failures across accounts, and other addresses are not affected", async () => {
    const now = new Date("2026-01-03T10:00:00Z");
    for (let i = 0; i < limits.perAddress; i++) expect(await attempt(`user${i}@example.com`, "wrong", "192.0.2.7", now)).toEqual({ ok: false, reason: "invalid" });
    expect(await attempt(admin.email, admin.password, "192.0.2.7", now)).toEqual({ ok: false, reason: "rate_limited" });
    expect(await attempt(admin.email, admin.password, "192.0.2.8", now)).toMatchObject({ ok: true });
  });

  it("a success clears the account's failures and does not count against the address", async () => {
    const now = new Date("2026-01-04T10:00:00Z");
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < limits.perAccount - 1; i++) await attempt(other.email, "wrong", "198.51.100.1", new Date(now.getTime() + round));
      expect(await attempt(other.email, other.password, "198.51.100.2", new Date(now.getTime() + round))).toMatchObject({ ok: true });
    }
    for (let i = 0; i < limits.perAddress; i++) expect(await attempt(admin.email, admin.password, "198.51.100.3", now)).toMatchObject({ ok: true });
  });

  it("many people signing in at once behind one address are not refused", async () => {
    const now = new Date("2026-01-04T12:00:00Z");
    expect(demoAccounts.length).toBeGreaterThan(limits.perAddress);
    const results = await Promise.all(demoAccounts.map((account) => attempt(account.email, account.password, "198.51.100.9", now)));
    expect(results.map((r) => r.ok)).toEqual(demoAccounts.map(() => true));
    for (let i = 0; i < limits.perAddress; i++) await attempt(`office${i}@example.com`, "wrong", "198.51.100.9", now);
    expect(await attempt(admin.email, admin.password, "198.51.100.9", now)).toEqual({ ok: false, reason: "rate_limited" });
  });

  it("parallel guesses cannot slip past the limit", async () => {
    const now = new Date("2026-01-05T10:00:00Z");
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => attempt("parallel@example.com", "wrong", `203.0.113.${i}`, now)));
    expect(results.filter((r) => !r.ok && r.reason === "invalid")).toHaveLength(limits.perAccount);
    expect(results.filter((r) => !r.ok && r.reason === "rate_limited")).toHaveLength(12 - limits.perAccount);
  });

  it("stores neither emails nor addresses in the counters", async () => {
    const rows = await t.db.select().from(rateLimitBuckets);
    expect(rows.length).toBeGreaterThan(0);
    const text = JSON.stringify(rows);
    for (const needle of [admin.email, "nobody@example.com", "192.0.2.7", "example.com"]) expect(text).not.toContain(needle);
  });

  it("counts concurrent hits without losing any", async () => {
    const now = new Date("2026-01-06T10:00:00Z");
    const counts = await Promise.all(Array.from({ length: 20 }, () => hitBucket(t.db, "test:concurrent", 60, now)));
    expect([...counts].sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(await hitBucket(t.db, "test:concurrent", 60, new Date(now.getTime() + 61_000))).toBe(1);
  });
});

describe("wrong password and unknown account", () => {
  it("take the same time", async () => {
    const t = await createTestDb("pglite");
    try {
      await seedDemoData(t.db, hashPassword);
      const generous = { perAccount: 100, perAddress: 100, windowSeconds: 900 };
      const time = async (email: string) => {
        const started = performance.now();
        const result = await signInWithLimits(t.db, { email, password: "wrong-password", address: "10.9.9.9" }, generous, secret);
        expect(result).toEqual({ ok: false, reason: "invalid" });
        return performance.now() - started;
      };
      const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
      const known: number[] = [];
      const unknown: number[] = [];
      for (let i = 0; i < 5; i++) {
        known.push(await time(admin.email));
        unknown.push(await time(`nobody${i}@example.com`));
      }
      // Both pay one bcrypt comparison (~100 ms or more); a skipped hash would be 50x faster.
      const ratio = median(unknown) / median(known);
      expect(ratio).toBeGreaterThan(0.6);
      expect(ratio).toBeLessThan(1.6);
    } finally {
      await t.destroy();
    }
  });
});

describe("client address", () => {
  it("is the last X-Forwarded-For entry, the one the nearest proxy wrote, when the server runs without the peer preload", () => {
    const none = parseTrustedProxies("");
    expect(clientAddress(new Headers({ "x-forwarded-for": "1.1.1.1, 10.0.0.9" }), none)).toBe("10.0.0.9");
    expect(clientAddress({ "x-forwarded-for": "::1" }, none)).toBe("::1");
    expect(clientAddress({}, none)).toBe("unknown");
    expect(clientAddress({ "x-forwarded-for": "x".repeat(500) }, none)).toHaveLength(64);
  });
});

describe("pruning", () => {
  it("drops only windows that ended long ago", async () => {
    const t = await createTestDb("pglite");
    try {
      const now = new Date("2026-02-01T00:00:00Z");
      await hitBucket(t.db, "old", 60, new Date(now.getTime() - 2 * 86_400_000));
      await hitBucket(t.db, "recent", 60, new Date(now.getTime() - 3_600_000));
      await pruneBuckets(t.db, 86_400, now);
      expect((await t.db.select().from(rateLimitBuckets)).map((b) => b.key)).toEqual(["recent"]);
    } finally {
      await t.destroy();
    }
  });
});
