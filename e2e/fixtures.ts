import { test as base, expect, type Page } from "@playwright/test";
import { demoAccounts } from "../db/seed";

export type Role = "merchant" | "other-merchant" | "support";

export const accounts: Record<Role, (typeof demoAccounts)[number]> = {
  merchant: demoAccounts[0]!,
  "other-merchant": demoAccounts[1]!,
  support: demoAccounts[2]!,
};

export const storageStateFor = (role: Role) => `e2e/.auth/${role}.json`;

/** Signs in through the real form. */
export async function signIn(page: Page, role: Role) {
  const account = accounts[role];
  await page.goto("/login");
  await page.getByLabel(/邮箱|Email/).fill(account.email);
  await page.getByLabel(/密码|Password/).fill(account.password);
  await page.getByRole("button", { name: /^(登录|Sign in)$/ }).click();
  // Global setup has no expect timeout from the config; a cold first page on a busy machine takes a while.
  await expect(page.getByTestId("signed-in-user").filter({ visible: true })).toContainText(account.name, { timeout: 30_000 });
}

/** `test.use(asRole("support"))` starts a test signed in, from the state global setup saved. */
export const asRole = (role: Role) => ({ storageState: storageStateFor(role) });

export const test = base;
export { expect };
