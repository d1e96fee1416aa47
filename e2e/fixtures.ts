import { test as base, expect, type Page } from "@playwright/test";
import { DEMO_MERCHANT_ID, demoAccounts, type DemoAccount } from "../db/seed";
import { e2eSessionAccounts } from "./seed/fixtures";
import { currentTotpCode } from "../lib/auth/two-factor";

export type Role = "merchant" | "viewer" | "other-merchant" | "support" | "support-admin" | "session-1" | "session-2" | "session-3";

const byEmail = (email: string): DemoAccount => {
  const found = [...demoAccounts, ...e2eSessionAccounts.map((a) => ({ ...a, merchantId: DEMO_MERCHANT_ID }))].find((a) => a.email === email);
  if (!found) throw new Error(`no demo account ${email}`);
  return found;
};

export const accounts: Record<Role, DemoAccount> = {
  merchant: byEmail("admin@demo-merchant.test"),
  viewer: byEmail("viewer@demo-merchant.test"),
  "other-merchant": byEmail("admin@second-merchant.test"),
  support: byEmail("support@console.test"),
  "support-admin": byEmail("admin@console.test"),
  "session-1": byEmail("session-1@e2e.test"),
  "session-2": byEmail("session-2@e2e.test"),
  "session-3": byEmail("session-3@e2e.test"),
};

export const storageStateFor = (role: Role) => `e2e/.auth/${role}.json`;

/**
 * Signs in through the real form; staff accounts answer the two-factor step with a code computed
 * from their fixed demo secret. A code is accepted once, so a second sign-in of the same account
 * within one 30-second step waits for the next step's code.
 */
export async function signIn(page: Page, role: Role) {
  const account = accounts[role];
  await page.goto("/login");
  await page.getByLabel(/邮箱|Email/).fill(account.email);
  await page.getByLabel(/^(密码|Password)$/).fill(account.password);
  await page.getByRole("button", { name: /^(登录|Sign in)$/ }).click();
  if (account.totpSecret) await answerTwoFactor(page, account.totpSecret);
  // Global setup has no expect timeout from the config; a cold first page on a busy machine takes a while.
  await expect(page.getByTestId("signed-in-user").first()).toContainText(account.name, { timeout: 30_000 });
}

const usedSteps = new Set<string>();

export async function answerTwoFactor(page: Page, secret: string) {
  const code = page.getByLabel(/验证码|Authentication code/);
  await expect(code).toBeVisible({ timeout: 30_000 });
  let now = Date.now();
  const step = () => `${secret}:${Math.floor(now / 30_000)}`;
  if (usedSteps.has(step())) {
    await page.waitForTimeout(30_000 - (now % 30_000) + 200);
    now = Date.now();
  }
  usedSteps.add(step());
  await code.fill(currentTotpCode(secret, new Date(now)));
  await page.getByRole("button", { name: /^(登录|Sign in)$/ }).click();
}

/** `test.use(asRole("support"))` starts a test signed in, from the state global setup saved. */
/** Holds the page's scripts (not its styles) until the returned function is called: the server's HTML alone is on screen meanwhile. */
export async function holdScripts(page: Page): Promise<() => void> {
  let release!: () => void;
  const scripts = new Promise<void>((resolve) => (release = resolve));
  await page.route((url) => url.pathname.startsWith("/_next/static/chunks/") && url.pathname.endsWith(".js"), async (route) => {
    await scripts;
    await route.continue().catch(() => {});
  });
  return release;
}

export const asRole = (role: Role) => ({ storageState: storageStateFor(role) });

/**
 * Playwright's test, with every page watched for words its page did not send: a client component
 * asking for a message outside its page's namespaces logs MISSING_MESSAGE and fails the test.
 */
export const test = base.extend({
  page: async ({ page }, use) => {
    const missing: string[] = [];
    page.on("console", (message) => {
      if (message.type() === "error" && message.text().includes("MISSING_MESSAGE")) missing.push(message.text());
    });
    await use(page);
    expect(missing, "messages a client component asked for that its page did not send").toEqual([]);
  },
});
export { expect };
