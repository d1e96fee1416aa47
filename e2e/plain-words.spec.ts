import type { BrowserContext, Page } from "@playwright/test";
import { expect, storageStateFor, test } from "./fixtures";
import { e2eReviewMerchants } from "./seed/fixtures";
import { signInThroughApi } from "./sign-in";

// WeChat's codes that must never reach an English page as they are (support's review page also names each
// field's WeChat path in small print under its label, on purpose, so field names are not among them).
const rawCodes = ["440300", "长期", "view_photo"];
const m = e2eReviewMerchants.race;

async function inEnglish(context: BrowserContext) {
  await context.addCookies([{ name: "NEXT_LOCALE", value: "en", url: test.info().project.use.baseURL! }]);
}

async function expectNoRawCodes(page: Page) {
  const text = await page.locator("main").innerText();
  // As a word of its own: a licence number such as 91440300… merely contains the digits.
  for (const code of rawCodes) expect(text, code).not.toMatch(new RegExp(`(^|[^0-9A-Za-z_])${code}($|[^0-9A-Za-z_])`));
}

test("plain words: the merchant's onboarding summary and support's review page in English show no raw codes", async ({ browser }) => {
  test.setTimeout(180_000);
  const merchant = await browser.newContext();
  await inEnglish(merchant);
  await signInThroughApi(merchant.request, { email: m.admin.email, password: m.admin.password });
  const onboarding = await merchant.newPage();
  await onboarding.goto("/onboarding");
  const summary = onboarding.locator("section[aria-labelledby=submitted-summary]");
  await expect(summary).toContainText("广东省 深圳市");
  await expect(summary).toContainText("Long-term");
  await expectNoRawCodes(onboarding);
  const { application } = (await (await merchant.request.get("/api/application")).json()) as { application: { id: string } };
  await merchant.close();

  const support = await browser.newContext({ storageState: storageStateFor("support") });
  await inEnglish(support);
  const review = await support.newPage();
  await review.goto(`/support/review/${application.id}`);
  await expect(review.locator('[data-field="account_info.bank_address_code"]')).toContainText("广东省 深圳市");
  await expect(review.locator('[data-field="business_license_info.business_time"]')).toContainText("Long-term");
  await expect(review.locator('[data-field="biz_type"]')).toContainText("Service type");
  await expectNoRawCodes(review);
  await support.close();
});

test("plain words: every audit action reads as words in English (a support user's photo view)", async ({ browser }) => {
  test.setTimeout(180_000);
  const support = await browser.newContext({ storageState: storageStateFor("support") });
  await inEnglish(support);
  const photo = await support.request.get(`/api/media/file?media_id=wxashop_e2e_race_licence`);
  expect(photo.status()).toBe(200);
  const page = await support.newPage();
  await page.goto(`/support/audit?merchant=${encodeURIComponent(m.name)}&action=view_photo`);
  await expect(page.locator('[data-audit-action="view_photo"]').first()).toContainText("Viewed a document photo");
  await expectNoRawCodes(page);
  await support.close();
});
