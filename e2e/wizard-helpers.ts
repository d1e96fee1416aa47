import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";
import sharp from "sharp";
import zhValidation from "../messages/zh-CN/validation.json" with { type: "json" };
import zh from "../messages/zh-CN/wizard.json" with { type: "json" };
import { e2eMerchant, type WizardMerchant } from "./seed/fixtures";
import { signInThroughApi } from "./sign-in";

export { zh, zhValidation };

/** Signs in (through the API) as one of the e2e-only merchants (e2e/seed/fixtures.ts): each has its own application. */
export async function signInAsE2eMerchant(page: Page, name: WizardMerchant) {
  const merchant = e2eMerchant(name);
  const { account } = merchant;
  await signInThroughApi(page.context().request, account);
  await page.goto("/");
  await expect(page.getByTestId("signed-in-user").first()).toContainText(account.name);
  return merchant;
}

let png: Buffer | undefined;
/** A small real PNG, different each call so uploads are distinct files. */
export async function photo(seed = 0) {
  png = await sharp({ create: { width: 800, height: 500, channels: 3, background: { r: (seed * 40) % 255, g: 120, b: 200 } } }).png().toBuffer();
  return { name: `doc-${seed}.png`, mimeType: "image/png", buffer: png };
}

let uploads = 0;
export async function upload(page: Page, fieldId: string) {
  const response = page.waitForResponse((r) => r.url().endsWith("/api/media") && r.request().method() === "POST");
  await page.locator(`input#${fieldId}`).setInputFiles(await photo(++uploads));
  expect((await response).status()).toBe(201);
  await expect(page.getByTestId(`${fieldId}-dropzone`).locator("img")).toBeVisible();
}

/** Clicks Next (or the named button) and waits until the draft is on the server. */
export async function next(page: Page, name: string = zh.nav.next) {
  const saved = page.waitForResponse((r) => r.url().endsWith("/api/application/draft") && r.request().method() === "PUT" && r.ok());
  await page.getByRole("button", { name, exact: true }).click();
  await saved;
}

export async function expectStep(page: Page, step: keyof typeof zh.steps) {
  await expect(page.getByRole("heading", { level: 2, name: zh.steps[step], exact: true })).toBeVisible();
}

export async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

/** Fails when the page scrolls sideways (the layout does not fit the viewport). */
export async function expectNoHorizontalScroll(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

export const label = (text: string) => ({ name: text, exact: true });

export async function fill(page: Page, text: string, value: string) {
  await page.getByLabel(text, { exact: true }).fill(value);
}

export async function setDate(page: Page, text: string, value: string) {
  await page.getByLabel(text, { exact: true }).fill(value);
}

export async function chooseRadio(page: Page, text: string) {
  await page.getByRole("radio", { name: text }).check();
}
