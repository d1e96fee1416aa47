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

export type DemoAccount = { email: string; password: string; name: string; role: UserRole; merchantId: string | null; totpSecret?: string };

/**
 * The demo accounts; only seeded when SEED_DEMO is on (the default outside production). Staff are
 * enrolled in two-factor sign-in with these fixed base32 secrets (listed in the README and printed
 * at start) so a demo shows it and scripts can compute codes; merchant people have none.
 */
export const demoAccounts: DemoAccount[] = [
  { email: "admin@demo-merchant.test", password: "merchant-demo-2026", name: "王小明", role: "owner", merchantId: DEMO_MERCHANT_ID },
  { email: "admin@second-merchant.test", password: "merchant-demo-2026", name: "陈二", role: "owner", merchantId: SECOND_MERCHANT_ID },
  { email: "support@console.test", password: "support-demo-2026", name: "Support Li", role: "support", merchantId: null, totpSecret: "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP" },
  { email: "admin@console.test", password: "support-admin-demo-2026", name: "Admin Zhao", role: "support_admin", merchantId: null, totpSecret: "KRSXG5CTMVRXEZLUKRSXG5CTMVRXEZLU" },
  { email: "viewer@demo-merchant.test", password: "merchant-demo-2026", name: "李观", role: "viewer", merchantId: DEMO_MERCHANT_ID },
];

/**
 * Idempotent: rows are keyed by fixed ids and emails, and existing rows are left as they are.
 * `sealTotpSecret` seals the staff accounts' fixed two-factor secrets (without it they are left
 * unenrolled, as in tests that do not sign in through the form).
 */
export async function seedDemoData(db: Db, hashPassword: (password: string) => Promise<string>, sealTotpSecret?: (secret: string) => string): Promise<void> {
  await db.insert(merchants).values(demoMerchants).onConflictDoNothing({ target: merchants.id });
  const existing = new Set(
    (await db.select({ email: users.email }).from(users).where(sql`${users.email} in ${demoAccounts.map((a) => a.email)}`)).map((r) => r.email),
  );
  for (const account of demoAccounts.filter((a) => !existing.has(a.email))) {
    await db
      .insert(users)
      .values({
        email: account.email,
        name: account.name,
        role: account.role,
        merchantId: account.merchantId,
        passwordHash: await hashPassword(account.password),
        ...(account.totpSecret && sealTotpSecret ? { totpSecretSealed: sealTotpSecret(account.totpSecret), totpEnabledAt: new Date() } : {}),
      })
      .onConflictDoNothing({ target: users.email });
  }
}
