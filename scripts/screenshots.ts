// Pictures of every page at phone and desktop width in both languages, to look at before a change
// lands (not a test: it asserts nothing). Against a running console with the demo data, e.g.
//   E2E_PORT=3202 E2E_DATA_DIR=.data-shots node scripts/e2e-server.mjs &
//   BASE_URL=http://localhost:3202 npx tsx scripts/screenshots.ts /tmp/shots
// The first run fills the demo merchant's lists (simulated payments, a settlement account and a
// withdrawal) through the pages, so that every list has rows.
import { mkdirSync } from "node:fs";
import path from "node:path";
import { chromium, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { demoAccounts } from "../db/seed";
import { signInThroughApi } from "../e2e/sign-in";
import { chromiumLaunchOptions } from "./lib/chromium";

const baseURL = process.env.BASE_URL ?? "http://localhost:3000";
const outDir = process.argv[2] ?? "screenshots";
const [merchant, , support] = demoAccounts;

// Each page's pictures are named after its path: /support/review → support-review, /settings/developers → developers.
const named = (account: typeof merchant, paths: string[]) => paths.map((path) => ({ account, path, name: path.replace(/^\/(settings\/)?/, "").replace(/\//g, "-") }));
const pages = [
  ...named(merchant, ["/onboarding", "/payments", "/withdrawals", "/settings", "/settings/developers", "/team", "/account"]),
  ...named(support, ["/support/review", "/support/merchants", "/support/reconciliation", "/support/audit", "/support/system"]),
];

async function signedIn(browser: Browser, account: typeof merchant, locale: string): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL });
  await context.addCookies([{ name: "NEXT_LOCALE", value: locale, url: baseURL }]);
  await signInThroughApi(context.request, account!);
  return context;
}

/** Simulated payments, a settlement account and one withdrawal, unless the lists already have rows. */
async function fillLists(page: Page) {
  await page.goto("/payments");
  if ((await page.getByTestId("payment-row").count()) === 0) {
    await page.getByRole("button", { name: "模拟交易" }).click();
    await page.getByTestId("payment-row").first().waitFor({ timeout: 60_000 });
  }
  await page.goto("/withdrawals");
  if ((await page.getByTestId("withdrawal-row").count()) > 0) return;
  await page.goto("/settings");
  await page.getByLabel("账户类型").selectOption("74");
  await page.getByLabel("开户银行", { exact: true }).selectOption("工商银行");
  await page.getByLabel("省份").selectOption({ label: "广东省" });
  await page.getByLabel("开户银行所在城市").selectOption({ label: "深圳市" });
  await page.getByLabel("开户名称").fill("深圳市示例科技有限公司");
  await page.getByLabel("银行账号").fill("6222020200001234");
  await page.getByRole("button", { name: "申请修改" }).click();
  await page.getByTestId("settlement-changes").getByText("已生效").first().waitFor({ timeout: 60_000 });
  await page.goto("/withdrawals");
  await page.getByLabel("金额（人民币）").fill("1.00");
  await page.getByRole("button", { name: "申请提现" }).click();
  await page.getByTestId("withdrawal-row").first().waitFor();
}

async function main() {
  mkdirSync(outDir, { recursive: true });
  const browser = await chromium.launch(chromiumLaunchOptions);
  const setup = await signedIn(browser, merchant, "zh-CN");
  await fillLists(await setup.newPage());
  await setup.close();
  for (const locale of ["zh-CN", "en"]) {
    for (const width of [390, 1280]) {
      const viewport = { width, height: width > 600 ? 800 : 844 };
      const anonymous = await browser.newContext({ baseURL, viewport });
      await anonymous.addCookies([{ name: "NEXT_LOCALE", value: locale, url: baseURL }]);
      const login = await anonymous.newPage();
      await login.goto("/login");
      await login.screenshot({ path: path.join(outDir, `login-${locale}-${width}.png`), fullPage: true });
      await anonymous.close();
      for (const account of [merchant, support]) {
        const context = await signedIn(browser, account, locale);
        const page = await context.newPage();
        await page.setViewportSize(viewport);
        for (const p of pages.filter((p) => p.account === account)) {
          await page.goto(p.path);
          await page.waitForLoadState("networkidle");
          // The viewport first (what a phone shows without scrolling), then the whole page.
          await page.screenshot({ path: path.join(outDir, `${p.name}-${locale}-${width}.png`) });
          await page.screenshot({ path: path.join(outDir, `${p.name}-${locale}-${width}-full.png`), fullPage: true });
          if (p.name === "payments") {
            await page.getByTestId("payment-row").first().getByRole("link").click();
            await page.getByRole("dialog").getByTestId("payment-timeline").waitFor();
            await page.screenshot({ path: path.join(outDir, `payment-drawer-${locale}-${width}.png`) });
          }
        }
        await context.close();
      }
    }
  }
  await browser.close();
  console.log(`Screenshots in ${outDir}`);
}

await main();
