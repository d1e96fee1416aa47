import { sql } from "drizzle-orm";
import type { Db } from "./client";
import { merchants, users, type MiniProgramProfile, type UserRole } from "./schema";

export const DEMO_MERCHANT_ID = "6f1c2a4e-0b7d-4c39-9a51-3d2e8f0a1b01";
export const SECOND_MERCHANT_ID = "6f1c2a4e-0b7d-4c39-9a51-3d2e8f0a1b02";

const demoMerchants: { id: string; name: string; miniProgram: MiniProgramProfile }[] = [
  {
    id: DEMO_MERCHANT_ID,
    name: "深圳市示例科技有限公司",
    miniProgram: {
      subject_name: "深圳市示例科技有限公司",
      nickname: "示例好物商城",
      appid: "wx7bc98d929da735fe",
      license_number: "91440300MA5FXXXX1A",
    },
  },
  {
    id: SECOND_MERCHANT_ID,
    name: "杭州二号商贸有限公司",
    miniProgram: {
      subject_name: "杭州二号商贸有限公司",
      nickname: "二号小店",
      appid: "wx1a2b3c4d5e6f7a8b",
      license_number: "91330100MA2HXXXX2B",
    },
  },
];

/** The demo accounts; only seeded when SEED_DEMO is on (the default outside production). */
export const demoAccounts: { email: string; password: string; name: string; role: UserRole; merchantId: string | null }[] = [
  { email: "admin@demo-merchant.test", password: "merchant-demo-2026", name: "王小明", role: "merchant_admin", merchantId: DEMO_MERCHANT_ID },
  { email: "admin@second-merchant.test", password: "merchant-demo-2026", name: "陈二", role: "merchant_admin", merchantId: SECOND_MERCHANT_ID },
  { email: "support@console.test", password: "support-demo-2026", name: "Support Li", role: "support", merchantId: null },
];

/** Idempotent: rows are keyed by fixed ids and emails, and existing rows are left as they are. */
export async function seedDemoData(db: Db, hashPassword: (password: string) => Promise<string>): Promise<void> {
  await db.insert(merchants).values(demoMerchants).onConflictDoNothing({ target: merchants.id });
  const existing = new Set(
    (await db.select({ email: users.email }).from(users).where(sql`${users.email} in ${demoAccounts.map((a) => a.email)}`)).map((r) => r.email),
  );
  for (const account of demoAccounts.filter((a) => !existing.has(a.email))) {
    await db
      .insert(users)
      .values({ email: account.email, name: account.name, role: account.role, merchantId: account.merchantId, passwordHash: await hashPassword(account.password) })
      .onConflictDoNothing({ target: users.email });
  }
}

/**
 * Merchants used only by end-to-end tests (SEED_E2E=1): one application per merchant, so each
 * spec that submits an application signs in as its own merchant and tests stay independent.
 */
export const e2eMerchants = Array.from({ length: 8 }, (_, i) => {
  const n = i + 1;
  const id = `6f1c2a4e-0b7d-4c39-9a51-3d2e8f0a1e${String(n).padStart(2, "0")}`;
  const name = `上海测试${n}号科技有限公司`;
  return {
    id,
    name,
    miniProgram: { subject_name: name, nickname: `测试${n}号小店`, appid: `wxe2e0000000000${String(n).padStart(3, "0")}`, license_number: `91310000MA1E2E${String(n).padStart(4, "0")}` },
    account: { email: `wizard-${n}@e2e.test`, password: "merchant-demo-2026", name: `测试员${n}`, role: "merchant_admin" as UserRole, merchantId: id },
  };
});

export async function seedE2eData(db: Db, hashPassword: (password: string) => Promise<string>): Promise<void> {
  await db.insert(merchants).values(e2eMerchants.map(({ id, name, miniProgram }) => ({ id, name, miniProgram }))).onConflictDoNothing({ target: merchants.id });
  const hash = await hashPassword(e2eMerchants[0]!.account.password);
  await db
    .insert(users)
    .values(e2eMerchants.map(({ account }) => ({ email: account.email, name: account.name, role: account.role, merchantId: account.merchantId, passwordHash: hash })))
    .onConflictDoNothing({ target: users.email });
}
