import type { APIResponse, Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { chooseRadio, expectStep, fill, next, setDate, signInAsE2eMerchant, zh, zhValidation } from "./wizard-helpers";

const f = zh.fields;
const error = (id: string) => `#${id}-error`;
/** The "(optional)" marker beside the label of the field with this id. */
const optionalMark = (page: Page, id: string) => page.locator(`label[for="${id}"] + [data-optional]`);

test("invalid values show the right message on the right field, and submitting is refused", async ({ page }) => {
  test.setTimeout(180_000);
  const merchant = await signInAsE2eMerchant(page, "rules");
  await page.goto("/onboarding");
  await chooseRadio(page, zh.orgTypes["2"].name);
  await next(page);

  await expectStep(page, "license");
  await fill(page, f.business_license_info.legal_person, "于");
  await page.keyboard.press("Tab");
  await expect(page.locator(error("business_license_info-legal_person"))).toHaveText(zhValidation.idName);
  await expect(page.getByLabel(f.business_license_info.legal_person, { exact: true })).toHaveAttribute("aria-invalid", "true");
  await setDate(page, f.business_license_info.business_time["0"], "2020-01-01");
  await page.keyboard.press("Tab");
  await setDate(page, f.business_license_info.business_time["1"], "2019-01-01");
  await page.keyboard.press("Tab");
  await expect(page.locator(error("business_license_info-business_time-1"))).toHaveText(zhValidation.endAfterBegin);
  // Leaving a step with errors is allowed after a warning; the draft keeps the values.
  await page.getByRole("button", { name: zh.nav.next }).click();
  await expect(page.locator(error("business_license_info-wxa_business_license_copy"))).toHaveText(zhValidation.photoRequired);
  await expect(page.getByRole("alert").filter({ hasText: "本步骤有" })).toBeVisible();
  await next(page, zh.nav.continueAnyway);

  await expectStep(page, "identity");
  await chooseRadio(page, zh.idDocTypes.IDENTIFICATION_TYPE_MAINLAND_IDCARD);
  await fill(page, f.id_card_info.id_card_number, "110105194912310021");
  await page.keyboard.press("Tab");
  await expect(page.locator(error("id_card_info-id_card_number"))).toHaveText(zhValidation.idCardNumber);
  await setDate(page, f.id_card_info.id_card_valid_time_begin, "2020-01-01");
  await page.keyboard.press("Tab");
  const soon = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
  await setDate(page, f.id_card_info.id_card_valid_time, soon);
  await page.keyboard.press("Tab");
  await expect(page.locator(error("id_card_info-id_card_valid_time"))).toHaveText(zhValidation.validity60Days);
  await page.getByRole("button", { name: zh.nav.next }).click();
  await expect(page.locator(error("id_card_info-id_card_address"))).toHaveText(zhValidation.addressRequired);
  await next(page, zh.nav.continueAnyway);

  await expectStep(page, "contact");
  await fill(page, f.contact_info.contact_email, "admin.example.com");
  await page.keyboard.press("Tab");
  await expect(page.locator(error("contact_info-contact_email"))).toHaveText(zhValidation.email);
  await fill(page, f.contact_info.mobile_phone, "1380013800");
  await page.keyboard.press("Tab");
  await expect(page.locator(error("contact_info-mobile_phone"))).toHaveText(zhValidation.mobile);
  // Typing the fix clears the message at once.
  await fill(page, f.contact_info.mobile_phone, "13800138000");
  await expect(page.locator(error("contact_info-mobile_phone"))).toHaveCount(0);
  await page.getByRole("button", { name: zh.nav.next }).click();
  await next(page, zh.nav.continueAnyway);

  await expectStep(page, "account");
  await expect(page.getByRole("radio", { name: zh.accountTypes["75"] })).toBeDisabled();
  await expect(page.getByText(zh.account.rule["2"])).toBeVisible();
  await chooseRadio(page, zh.accountTypes["74"]);
  await page.getByLabel(f.account_info.account_bank, { exact: true }).selectOption("其他银行");
  await expect(optionalMark(page, "account_info-bank_name")).toHaveText(zh.picker.optional);
  await expect(optionalMark(page, "account_info-account_number")).toHaveCount(0);
  await fill(page, f.account_info.account_name, "别的公司");
  await page.keyboard.press("Tab");
  await expect(page.locator(error("account_info-account_name"))).toHaveText(zhValidation.accountNameCorporate);
  await fill(page, f.account_info.account_number, "6222abc");
  await page.keyboard.press("Tab");
  await expect(page.locator(error("account_info-account_number"))).toHaveText(zhValidation.accountNumber);
  // Spaces between groups and full-width digits are accepted: only the digits count.
  await fill(page, f.account_info.account_number, "６２２２　０２０２　００００　９８７６");
  await expect(page.locator(error("account_info-account_number"))).toHaveCount(0);
  await fill(page, f.account_info.account_number, "6222abc");
  await expect(page.locator(error("account_info-account_number"))).toHaveText(zhValidation.accountNumber);
  await page.getByRole("button", { name: zh.nav.next }).click();
  await expect(page.locator(error("account_info-bank_branch_id"))).toHaveText(zhValidation.branchRequired);
  await expect(page.locator(error("account_info-bank_address_code"))).toHaveText(zhValidation.bankAddressCode);
  await fill(page, f.account_info.account_name, merchant.name);
  await expect(page.locator(error("account_info-account_name"))).toHaveCount(0);
  await next(page, zh.nav.continueAnyway);

  await expectStep(page, "additional");
  await fill(page, f.merchant_shortname, "一".repeat(22));
  await page.keyboard.press("Tab");
  await expect(page.locator(error("merchant_shortname"))).toHaveText(zhValidation.shortnameBytes);
  // The counter counts characters; the byte rule is the hint's and the error's.
  await expect(page.getByTestId("shortname-counter")).toHaveText("已输入 22 个字，超出长度上限（见下方规则）");
  await expect(page.locator("#merchant_shortname-hint")).toContainText("一个汉字占 3 字节");
  // Optional fields say so (from the schema); required ones do not.
  await expect(optionalMark(page, "business_addition_desc")).toHaveText(zh.picker.optional);
  await expect(optionalMark(page, "merchant_shortname")).toHaveCount(0);
  await page.getByRole("button", { name: zh.nav.next }).click();
  await next(page, zh.nav.continueAnyway);

  await expectStep(page, "review");
  await expect(page.getByRole("alert").filter({ hasText: zh.review.problemsTitle })).toBeVisible();
  await expect(page.getByRole("button", { name: zh.review.submit })).toBeDisabled();
  const licence = page.getByRole("region", { name: /营业执照/ });
  await expect(licence).toContainText(zhValidation.photoRequired);
  await expect(page.getByRole("region", { name: /结算账户/ })).toContainText(zhValidation.accountNumber);

  // The server refuses the same draft with field messages of its own.
  // The page may still be saving (a step's fields settle after it shows): a 409 names an older
  // version, so the version is read again until the submission meets the current draft.
  let refused: APIResponse | undefined;
  await expect.poll(async () => {
    const { application } = (await (await page.request.get("/api/application")).json()) as { application: { draft: { version: number } } };
    refused = await page.request.post("/api/application/submit", { data: { version: application.draft.version } });
    return refused.status();
  }).toBe(422);
  const body = (await refused!.json()) as { error: { fields: Record<string, string> } };
  expect(body.error.fields).toMatchObject({
    "id_card_info.id_card_number": "validation.idCardNumber",
    "id_card_info.id_card_address": "validation.addressRequired",
    "contact_info.contact_email": "validation.email",
    "account_info.bank_branch_id": "validation.branchRequired",
    merchant_shortname: "validation.shortnameBytes",
  });

  // Edit goes back to the step, with the values kept.
  await page.getByRole("button", { name: `${zh.review.edit}${zh.steps.license}` }).click();
  await expectStep(page, "license");
  await expect(page.getByLabel(f.business_license_info.legal_person, { exact: true })).toHaveValue("于");
});

test("two tabs on one draft: the older one is told and can reload", async ({ browser }) => {
  const context = await browser.newContext();
  const a = await context.newPage();
  await signInAsE2eMerchant(a, "twoTabs");
  await a.goto("/onboarding");
  const b = await context.newPage();
  await b.goto("/onboarding");
  await expectStep(b, "subject");

  await chooseRadio(a, zh.orgTypes["4"].name);
  await next(a);
  const conflict = b.waitForResponse((r) => r.url().endsWith("/api/application/draft") && r.status() === 409);
  await chooseRadio(b, zh.orgTypes["2"].name);
  await conflict;
  await expect(b.getByRole("alert").filter({ hasText: zh.save.conflictTitle })).toBeVisible();
  await b.getByRole("button", { name: zh.save.reload }).click();
  await expectStep(b, "license");
  await b.getByRole("button", { name: zh.nav.back }).click();
  await expect(b.getByRole("radio", { name: zh.orgTypes["4"].name })).toBeChecked();
  await context.close();
});
