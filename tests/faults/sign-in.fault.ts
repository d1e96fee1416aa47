import { describe, expect, it } from "vitest";
import { openDatabase } from "@/db/client";
import { rateLimitBuckets } from "@/db/schema";
import { demoAccounts } from "@/db/seed";
import { Client, faultSuite, startServer, type Server } from "./harness";

const port = Number(process.env.FAULTS_PORT ?? 3190);
const admin = demoAccounts[0]!;

describe("a server killed mid-request", () => {
  const data = faultSuite();
  let server: Server | undefined;

  it("keeps every committed write and loses nothing else after SIGKILL during sign-ins", async () => {
    server = await startServer({ dataDir: data.dir, port });
    // Three failures for one account are committed before the crash.
    const before = new Client(server.url, { "x-forwarded-for": "192.0.2.10" });
    for (let i = 0; i < 3; i++) expect(await before.signIn("victim@example.com", `wrong-${i}`)).toBe("CredentialsSignin");

    // Then the server dies in the middle of a burst of sign-ins (bcrypt and counter writes in flight).
    const burst = Array.from({ length: 8 }, (_, i) => new Client(server!.url, { "x-forwarded-for": `192.0.2.${20 + i}` }).signIn(`burst-${i}@example.com`, "wrong").catch(() => "connection lost"));
    await new Promise((resolve) => setTimeout(resolve, 120));
    await server.crash();
    const outcomes = await Promise.all(burst);
    expect(outcomes.some((o) => o === "connection lost")).toBe(true);

    // Started again on the same folder: the database opens and the committed counts are there.
    server = await startServer({ dataDir: data.dir, port });
    const after = new Client(server.url, { "x-forwarded-for": "192.0.2.11" });
    expect(await after.signIn("victim@example.com", "wrong-3")).toBe("CredentialsSignin");
    expect(await after.signIn("victim@example.com", "wrong-4")).toBe("CredentialsSignin");
    expect(await after.signIn("victim@example.com", "wrong-5")).toBe("RateLimited");
    // Other accounts are untouched and sign in.
    expect(await new Client(server.url).signIn(admin.email, admin.password)).toBeNull();
    await server.stop();
    server = undefined;

    // No counter was half-written: every bucket has a sane count.
    const handle = await openDatabase({ dataDir: data.dir });
    try {
      const buckets = await handle.db.select().from(rateLimitBuckets);
      // Keys are keyed hashes: no email or address in the table.
      for (const bucket of buckets) expect(bucket.key).toMatch(/^signin:(account|address):[\w-]{43}$/);
      // Per account: the victim's 3 failures committed before the crash plus the 3 attempts after it
      // (the last one refused), nothing lost; each burst account holds its one attempt if it was
      // committed; the admin's success cleared its own.
      const accountCounts = buckets.filter((b) => b.key.startsWith("signin:account:")).map((b) => b.count).sort((a, b) => b - a);
      expect(accountCounts[0]).toBe(6);
      expect(accountCounts.slice(1).every((count) => count === 1)).toBe(true);
      expect(accountCounts.length).toBeLessThanOrEqual(1 + 8);
      for (const bucket of buckets) expect(Number.isInteger(bucket.count) && bucket.count >= 0).toBe(true);
      expect(buckets.every((b) => b.count <= 12)).toBe(true);
    } finally {
      await handle.close();
    }
  });

  it("comes back from repeated crashes at random moments", async () => {
    for (let round = 0; round < 3; round++) {
      server = await startServer({ dataDir: data.dir, port });
      const load = Array.from({ length: 6 }, (_, i) => new Client(server!.url, { "x-forwarded-for": `198.51.100.${round * 10 + i}` }).signIn(`load-${round}-${i}@example.com`, "wrong").catch(() => null));
      await new Promise((resolve) => setTimeout(resolve, 50 + Math.floor(Math.random() * 300)));
      await server.crash();
      await Promise.all(load);
    }
    server = await startServer({ dataDir: data.dir, port });
    expect(await (await fetch(`${server.url}/api/health`)).json()).toEqual({ status: "ok", db: "pglite" });
    expect(await new Client(server.url).signIn(admin.email, admin.password)).toBeNull();
  });
});
