import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "@/db/client";
import { merchants, users } from "@/db/schema";
import { DEMO_MERCHANT_ID, demoAccounts, seedDemoData } from "@/db/seed";
import { hashPassword } from "@/lib/auth/password";
import { authenticate, findSessionUser } from "@/lib/auth/users";
import { createTestDb, testEngines, type TestDb } from "../helpers/db";

describe.each(testEngines)("accounts on %s", (engine) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb(engine);
    await seedDemoData(t.db, hashPassword);
  });
  afterAll(async () => t?.destroy());

  it("seeds two merchants and every demo account, and a second run changes nothing", async () => {
    const before = await t.db.select().from(users).orderBy(users.email);
    await seedDemoData(t.db, hashPassword);
    const after = await t.db.select().from(users).orderBy(users.email);
    expect(after).toEqual(before);
    expect(after).toHaveLength(demoAccounts.length);
    expect(demoAccounts.map((a) => a.role).sort()).toEqual(["owner", "owner", "support", "support_admin", "viewer"]);
    expect(await t.db.select().from(merchants)).toHaveLength(2);
  });

  it("keeps the Mini Program profile the application reuses", async () => {
    const [merchant] = await t.db.select().from(merchants).where(eq(merchants.id, DEMO_MERCHANT_ID));
    expect(merchant!.miniProgram).toMatchObject({ subject_name: merchant!.name, nickname: expect.any(String), appid: expect.stringMatching(/^wx/), license_number: expect.any(String) });
  });

  it("stores slow hashes, not passwords", async () => {
    const rows = await t.db.select({ hash: users.passwordHash }).from(users);
    for (const row of rows) expect(row.hash).toMatch(/^\$2[aby]\$11\$/);
  });

  it("authenticates the right password only, and unknown users the same way", async () => {
    const admin = demoAccounts[0]!;
    const user = await authenticate(t.db, ` ${admin.email.toUpperCase()} `, admin.password);
    expect(user).toMatchObject({ email: admin.email, role: "owner", merchantId: DEMO_MERCHANT_ID, merchantName: "深圳市示例科技有限公司" });
    expect(await authenticate(t.db, admin.email, "wrong")).toBeNull();
    expect(await authenticate(t.db, "nobody@example.com", admin.password)).toBeNull();
  });

  it("refuses a merchant admin without a merchant and support staff with one", async () => {
    await expect(t.db.insert(users).values({ email: "x@x.test", name: "x", passwordHash: "h", role: "owner", merchantId: null })).rejects.toThrow();
    await expect(t.db.insert(users).values({ email: "y@x.test", name: "y", passwordHash: "h", role: "support", merchantId: DEMO_MERCHANT_ID })).rejects.toThrow();
  });

  it("reads the session user with the merchant name", async () => {
    const [support] = await t.db.select().from(users).where(eq(users.role, "support"));
    expect(await findSessionUser(t.db, support!.id)).toMatchObject({ role: "support", merchantId: null, merchantName: null });
    const rows = await queryRows<{ count: number }>(t.db, sql`select count(*)::int as count from users`);
    expect(rows[0]!.count).toBe(demoAccounts.length);
  });
});
