import { gzipSync } from "node:zlib";
import { test, type Page } from "@playwright/test";
import { signInAsE2eMerchant } from "./wizard-helpers";

// Not a test of behaviour: `MEASURE=1 npx playwright test e2e/wizard-measure.spec.ts` prints the
// JavaScript a first load of /onboarding (the wizard) downloads, gzipped, next to a plain page.
test.skip(!process.env.MEASURE, "only when MEASURE=1");

async function firstLoadJs(page: Page, path: string) {
  const sizes = new Map<string, number>();
  const listener = async (response: import("@playwright/test").Response) => {
    if (response.request().resourceType() !== "script") return;
    const body = await response.body().catch(() => null);
    if (body) sizes.set(response.url(), gzipSync(body).length);
  };
  page.on("response", listener);
  await page.goto(path);
  await page.waitForLoadState("networkidle");
  page.off("response", listener);
  return { files: sizes.size, gzip: [...sizes.values()].reduce((a, b) => a + b, 0) };
}

test("first-load JS of the wizard", async ({ browser }) => {
  const page = await browser.newPage();
  await signInAsE2eMerchant(page, 8);
  const results: Record<string, { files: number; gzip: number }> = {};
  for (const path of ["/onboarding", "/payments"]) {
    const context = await browser.newContext({ storageState: await page.context().storageState() });
    results[path] = await firstLoadJs(await context.newPage(), path);
    await context.close();
  }
  console.log(`FIRST-LOAD-JS ${JSON.stringify(results)}`);
});
