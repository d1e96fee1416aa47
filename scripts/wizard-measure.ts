// The JavaScript a first load of /onboarding (the wizard) downloads, gzipped, next to /payments
// (not a test: it asserts nothing). Against a running console started with the e2e seed, e.g.
//   E2E_PORT=3202 E2E_DATA_DIR=.data-shots node scripts/e2e-server.mjs &
//   BASE_URL=http://localhost:3202 npx tsx scripts/wizard-measure.ts
import { gzipSync } from "node:zlib";
import { chromium, type BrowserContext } from "@playwright/test";
import { e2eMerchant } from "../e2e/seed/fixtures";
import { signInThroughApi } from "../e2e/sign-in";
import { chromiumLaunchOptions } from "./lib/chromium";

const baseURL = process.env.BASE_URL ?? "http://localhost:3000";

async function firstLoadJs(context: BrowserContext, path: string) {
  const page = await context.newPage();
  const sizes = new Map<string, number>();
  page.on("response", async (response) => {
    if (response.request().resourceType() !== "script") return;
    const body = await response.body().catch(() => null);
    if (body) sizes.set(response.url(), gzipSync(body).length);
  });
  await page.goto(path);
  await page.waitForLoadState("networkidle");
  await page.close();
  return { files: sizes.size, gzip: [...sizes.values()].reduce((a, b) => a + b, 0) };
}

const browser = await chromium.launch(chromiumLaunchOptions);
const signedIn = await browser.newContext({ baseURL });
await signInThroughApi(signedIn.request, e2eMerchant("photoField").account);
const storageState = await signedIn.storageState();
const results: Record<string, { files: number; gzip: number }> = {};
for (const path of ["/onboarding", "/payments"]) {
  // A fresh context per page, so nothing is cached from the one before.
  const context = await browser.newContext({ baseURL, storageState });
  results[path] = await firstLoadJs(context, path);
  await context.close();
}
console.log(`FIRST-LOAD-JS ${JSON.stringify(results)}`);
await browser.close();
