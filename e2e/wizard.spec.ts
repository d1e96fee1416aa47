import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { chooseRadio, expectNoHorizontalScroll, expectStep, fill, next, seriousViolations, setDate, signInAsE2eMerchant, upload, zh, zhValidation } from "./wizard-helpers";

const f = zh.fields;

/** Checks the step has no serious accessibility problem and fits the viewport. */
async function checkStep(page: Page) {
  expect(await seriousViolations(page)).toEqual([]);
  await expectNoHorizontalScroll(page);
}

async function subject(page: Page, orgName: string) {
  await page.goto("/onboarding");
  await expectStep(page, "subject");
  await expect(page.getByText(zh.miniProgram.title)).toBeVisible();
  await chooseRadio(page, orgName);
  await checkStep(page);
  await next(page);
}

async function licence(page: Page, withLicence = true) {
  await expectStep(page, "license");
  if (withLicence) {
    await upload(page, "business_license_info-wxa_business_license_copy");
    await setDate(page, f.business_license_info.business_time["0"], "2014-01-01");
    await page.getByRole("checkbox", { name: zh.picker.longTerm }).check();
  }
  await fill(page, f.business_license_info.legal_person, "李小明");
  await checkStep(page);
  await next(page);
}

type IdentityDocument = {
  radio: string;
  photos: string[];
  /** Text fields, then dates, by label; `longTerm` ticks 长期 for the end date. */
  texts: [string, string][];
  dates: [string, string][];
  longTerm?: boolean;
  address: [string, string];
};

const mainlandIdCard: IdentityDocument = {
  radio: zh.idDocTypes.IDENTIFICATION_TYPE_MAINLAND_IDCARD,
  photos: ["id_card_info-wxa_id_card_copy", "id_card_info-wxa_id_card_national"],
  texts: [[f.id_card_info.id_card_name, "李小明"], [f.id_card_info.id_card_number, "11010519491231002X"]],
  dates: [[f.id_card_info.id_card_valid_time_begin, "2020-01-01"], [f.id_card_info.id_card_valid_time, "2040-01-01"]],
  address: [f.id_card_info.id_card_address, "广东省深圳市南山区南山路1号"],
};

const overseaPassport: IdentityDocument = {
  radio: zh.idDocTypes.IDENTIFICATION_TYPE_OVERSEA_PASSPORT,
  photos: ["id_doc_info-wxa_id_doc_copy", "id_doc_info-wxa_id_doc_copy_back"],
  texts: [[f.id_doc_info.id_doc_name, "John Smith"], [f.id_doc_info.id_doc_number, "E12345678"]],
  dates: [[f.id_doc_info.doc_period_begin, "2019-06-06"]],
  longTerm: true,
  address: [f.id_doc_info.id_doc_address, "100 Main Street, Springfield"],
};

/** The identity step with one document; without `address`, the step must not ask for one. */
async function identity(page: Page, doc: IdentityDocument, { address }: { address: boolean }) {
  await expectStep(page, "identity");
  await chooseRadio(page, doc.radio);
  for (const photo of doc.photos) await upload(page, photo);
  for (const [label, value] of doc.texts) await fill(page, label, value);
  for (const [label, date] of doc.dates) await setDate(page, label, date);
  if (doc.longTerm) await page.getByRole("checkbox", { name: zh.picker.longTerm }).check();
  if (address) await fill(page, doc.address[0], doc.address[1]);
  else await expect(page.getByLabel(doc.address[0], { exact: true })).toHaveCount(0);
  await checkStep(page);
  await next(page);
}

async function legalPersonContact(page: Page) {
  await expectStep(page, "contact");
  await chooseRadio(page, zh.contactTypes["65"]);
  await fill(page, f.contact_info.contact_email, "admin@example.com");
  await fill(page, f.contact_info.mobile_phone, "13800138000");
  await checkStep(page);
  await next(page);
}

async function account(page: Page, { type, bank, province, city, name, number }: { type: "74" | "75"; bank: string; province: string; city?: string; name: string; number: string }) {
  await expectStep(page, "account");
  await chooseRadio(page, zh.accountTypes[type]);
  await page.getByLabel(f.account_info.account_bank, { exact: true }).selectOption(bank);
  await page.getByLabel(zh.picker.province, { exact: true }).selectOption({ label: province });
  if (city) await page.getByLabel(zh.picker.city, { exact: true }).selectOption({ label: city });
  if (bank === "其他银行") await fill(page, f.account_info.bank_branch_id, "402713354941");
  await fill(page, f.account_info.account_name, name);
  await fill(page, f.account_info.account_number, number);
  await checkStep(page);
  await next(page);
}

async function additional(page: Page, { desc }: { desc?: string } = {}) {
  await expectStep(page, "additional");
  await fill(page, f.merchant_shortname, "示例科技");
  await expect(page.getByTestId("shortname-counter")).toHaveText("已输入 4 个字");
  if (desc) await fill(page, f.business_addition_desc, desc);
  await checkStep(page);
  await next(page);
}

/** Review shows no problem, masks sensitive values, submits once, and the Onboarding page shows the status and timeline. */
/** `personal`: values the person filling the form checks in full, masked once the application is submitted. */
async function reviewAndSubmit(page: Page, personal: string[]) {
  await expectStep(page, "review");
  await expect(page.getByText(zh.review.ready)).toBeVisible();
  for (const value of personal) await expect(page.getByText(value, { exact: true }).first()).toBeVisible();
  await checkStep(page);
  const submit = page.getByRole("button", { name: zh.review.submit });
  const responses: number[] = [];
  page.on("response", (r) => {
    if (r.url().endsWith("/api/application/submit")) responses.push(r.status());
  });
  await submit.dblclick();
  await expect(page.getByTestId("application-status")).toHaveAttribute("data-status", "pending_review");
  await expect(page.getByTestId("timeline")).toContainText("已提交审核（第 1 版）");
  expect(responses.every((s) => s === 200)).toBe(true);
  // The submitted application is shown read-only, masked, without Edit links.
  await expect(page.getByRole("button", { name: zh.review.edit })).toHaveCount(0);
  for (const value of personal) await expect(page.getByText(value)).toHaveCount(0);
  await checkStep(page);
}

async function reloadAndExpect(page: Page, step: keyof typeof zh.steps) {
  await page.reload();
  await expectStep(page, step);
}

test.describe("qualification wizard", () => {
  // Whole journeys with uploads and an accessibility scan per step.
  test.describe.configure({ timeout: 180_000 });
  test("an enterprise with a mainland ID card and a legal-person administrator", async ({ page }) => {
    const merchant = await signInAsE2eMerchant(page, "enterprise");
    await subject(page, zh.orgTypes["2"].name);
    await licence(page);
    await identity(page, mainlandIdCard, { address: true });
    // Reload in the middle: the draft comes back at the same step with the same values.
    await reloadAndExpect(page, "contact");
    await page.getByRole("button", { name: zh.nav.back }).click();
    await expect(page.getByLabel(f.id_card_info.id_card_number, { exact: true })).toHaveValue("11010519491231002X");
    await page.getByRole("button", { name: zh.nav.next }).click();
    await legalPersonContact(page);
    await account(page, { type: "74", bank: "工商银行", province: "广东省", city: "深圳市", name: merchant.name, number: "6222020200112233" });
    await additional(page);
    await reviewAndSubmit(page, ["11010519491231002X", "13800138000", "6222020200112233"]);
    await expect(page.getByText("6222********2233")).toBeVisible();
  });

  test("an individual business with a personal account at another bank", async ({ page }) => {
    await signInAsE2eMerchant(page, "individualBusiness");
    await subject(page, zh.orgTypes["4"].name);
    await licence(page);
    await reloadAndExpect(page, "identity");
    await identity(page, mainlandIdCard, { address: false });
    await legalPersonContact(page);
    await account(page, { type: "75", bank: "其他银行", province: "北京市", name: "李小明", number: "6217000010012345678" });
    await additional(page);
    await reviewAndSubmit(page, ["6217000010012345678"]);
  });

  test("a passport holder with an agent as administrator", async ({ page }) => {
    const merchant = await signInAsE2eMerchant(page, "passport");
    await subject(page, zh.orgTypes["2"].name);
    await licence(page);
    await identity(page, overseaPassport, { address: true });
    await expectStep(page, "contact");
    await chooseRadio(page, zh.contactTypes["66"]);
    await fill(page, f.contact_info.contact_email, "agent@example.com");
    await fill(page, f.contact_info.mobile_phone, "13900139000");
    await upload(page, "contact_info-wxa_contact_id_doc_copy");
    await upload(page, "contact_info-wxa_contact_id_doc_copy_back");
    await setDate(page, f.contact_info.contact_id_doc_period_begin, "2018-01-01");
    await setDate(page, f.contact_info.contact_id_doc_period_end, "2038-01-01");
    await upload(page, "contact_info-wxa_business_authorization_letter");
    await checkStep(page);
    await next(page);
    await reloadAndExpect(page, "account");
    await account(page, { type: "74", bank: "招商银行", province: "上海市", name: merchant.name, number: "6214830000000000" });
    await additional(page);
    await reviewAndSubmit(page, ["E12345678", "13900139000"]);
  });

  test("a 2500 personal seller, at 390 px wide", async ({ page }) => {
    await signInAsE2eMerchant(page, "personalSeller");
    await page.setViewportSize({ width: 390, height: 844 });
    await subject(page, zh.orgTypes["2500"].name);
    await expect(page.getByText(zh.license.noLicence)).toBeVisible();
    await licence(page, false);
    await identity(page, mainlandIdCard, { address: false });
    await expectStep(page, "contact");
    await expect(page.getByRole("radio", { name: zh.contactTypes["66"] })).toBeDisabled();
    await legalPersonContact(page);
    await expect(page.getByRole("radio", { name: zh.accountTypes["74"] })).toBeDisabled();
    await account(page, { type: "75", bank: "建设银行", province: "浙江省", city: "杭州市", name: "李小明", number: "6217000010099999999" });
    await reloadAndExpect(page, "additional");
    await fill(page, f.merchant_shortname, "示例科技");
    // The description is required for 2500: Next first shows the message on the field.
    await page.getByRole("button", { name: zh.nav.next }).click();
    await expect(page.locator("#business_addition_desc-error")).toHaveText(zhValidation.additionDescRequired);
    await upload(page, "business_addition_pics-pic_file_list-0");
    await fill(page, f.business_addition_desc, "自 2024 年起在小程序销售手工茶具，累计经营收入约 30 万元。");
    await expect(page.locator("#business_addition_desc-error")).toHaveCount(0);
    await next(page);
    await reviewAndSubmit(page, ["6217000010099999999"]);
  });
});
