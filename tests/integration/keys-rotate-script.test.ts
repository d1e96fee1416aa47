import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { applications, merchants } from "@/db/schema";
import { openString, sealString, sealedKeyId, type KeyRing } from "@/lib/crypto/at-rest";
import { createTestDb } from "../helpers/db";

const k1 = randomBytes(32).toString("base64");
const k2 = randomBytes(32).toString("base64");

// The command itself, as an operator runs it, against a PostgreSQL database the console would use.
describe.skipIf(!process.env.TEST_DATABASE_URL)("npm run keys:rotate", () => {
  it("re-seals under the active key, reports, and exits 0 only when nothing is left under an old key", async () => {
    const t = await createTestDb("postgres");
    try {
      const oldRing: KeyRing = { keys: new Map([["old", Buffer.from(k1, "base64")]]), activeKeyId: "old" };
      for (let i = 0; i < 3; i++) {
        const [m] = await t.db.insert(merchants).values({ name: `m${i}`, miniProgram: { subject_name: "s", nickname: "n", appid: "wx", license_number: "L" } }).returning();
        await t.db.insert(applications).values({ merchantId: m!.id, draftSealed: sealString(oldRing, `draft ${i}`) });
      }
      const run = (...args: string[]) =>
        spawnSync(process.execPath, ["node_modules/tsx/dist/cli.mjs", "scripts/keys-rotate.ts", ...args], {
          env: { ...process.env, DATABASE_URL: t.url, DATA_ENCRYPTION_KEYS: `old:${k1},new:${k2}`, DATA_ENCRYPTION_ACTIVE_KEY: "new" },
          encoding: "utf8",
        });
      const check = run("--check");
      expect(check.status).toBe(1);
      expect(check.stdout).toContain('applications.draft_sealed: {"old":3}');

      const rotate = run();
      expect(rotate.status, rotate.stderr).toBe(0);
      expect(rotate.stdout).toContain("applications.draft_sealed: 3 re-sealed");
      expect(rotate.stdout).toContain("Every value is under new");

      const newRing: KeyRing = { keys: new Map([["new", Buffer.from(k2, "base64")]]), activeKeyId: "new" };
      const rows = await t.db.select().from(applications);
      expect(rows.map((r) => sealedKeyId(r.draftSealed))).toEqual(["new", "new", "new"]);
      expect(rows.map((r) => openString(newRing, r.draftSealed)).sort()).toEqual(["draft 0", "draft 1", "draft 2"]);
    } finally {
      await t.destroy();
    }
  }, 120_000);
});
