import AxeBuilder from "@axe-core/playwright";
import sharp from "sharp";
import zhMedia from "../messages/zh-CN/media.json" with { type: "json" };
import zh from "../messages/zh-CN/wizard.json" with { type: "json" };
import { e2eMerchant } from "./seed/fixtures";
import { bigPhoto } from "../tests/helpers/images";
import { expect, test } from "./fixtures";

const fieldId = "business_license_info-wxa_business_license_copy";


test("the licence photo: refused file, upload with preview, shrink notice, replace and remove, by keyboard", async ({ page }) => {
  test.setTimeout(120_000);
  // An e2e-only merchant that no other spec uses, so its draft is this test's own.
  const { account } = e2eMerchant("photoField");
  await page.goto("/login");
  await page.getByLabel(/邮箱|Email/).fill(account.email);
  await page.getByLabel(/密码|Password/).fill(account.password);
  await page.getByRole("button", { name: /^(登录|Sign in)$/ }).click();
  await expect(page.getByTestId("signed-in-user").first()).toContainText(account.name);
  await page.goto("/onboarding");
  await page.getByRole("radio", { name: zh.orgTypes["2"].name }).check();
  await page.getByRole("button", { name: zh.nav.next, exact: true }).click();
  await expect(page.getByRole("heading", { level: 2, name: zh.steps.license, exact: true })).toBeVisible();

  const input = page.locator(`input#${fieldId}`);
  const dropzone = page.getByTestId(`${fieldId}-dropzone`);
  const error = page.locator(`#${fieldId}-error`);
  const notice = page.getByTestId(`${fieldId}-notice`);

  // An SVG named .jpg passes the browser's filter but not the server, which reads the bytes.
  await input.setInputFiles({ name: "licence.jpg", mimeType: "image/jpeg", buffer: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>') });
  await expect(error).toHaveText(zhMedia.errors.format);
  await expect(dropzone).toHaveAttribute("aria-invalid", "true");

  // Keyboard: focus the drop area, Enter opens the file chooser.
  await dropzone.focus();
  const chooser = page.waitForEvent("filechooser");
  await page.keyboard.press("Enter");
  const png = await sharp({ create: { width: 800, height: 500, channels: 3, background: "#2a6" } }).png().toBuffer();
  const uploaded = page.waitForResponse((r) => r.url().endsWith("/api/media") && r.request().method() === "POST");
  await (await chooser).setFiles({ name: "licence.png", mimeType: "image/png", buffer: png });
  expect((await uploaded).status()).toBe(201);
  const preview = dropzone.locator("img");
  await expect(preview).toBeVisible();
  await expect(preview).toHaveAttribute("src", /\/api\/media\/file\?media_id=wxashop_/);
  await expect.poll(() => preview.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(800);
  await expect(notice).toHaveText(zhMedia.photo.uploaded);
  await expect(error).toHaveCount(0);
  const axe = await new AxeBuilder({ page }).include(`[data-testid="${fieldId}-dropzone"]`).analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);

  // Replace with a large photo: it is shrunk on the server and the user is told.
  const firstSrc = await preview.getAttribute("src");
  const chooser2 = page.waitForEvent("filechooser");
  await dropzone.getByRole("button", { name: zhMedia.photo.replace }).click();
  await (await chooser2).setFiles({ name: "big.jpg", mimeType: "image/jpeg", buffer: await bigPhoto() });
  await expect(notice).toContainText("已压缩为", { timeout: 60_000 });
  await expect(preview).not.toHaveAttribute("src", firstSrc!);
  await expect.poll(() => preview.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);

  await dropzone.getByRole("button", { name: zhMedia.photo.remove }).click();
  await expect(preview).toHaveCount(0);
  await expect(notice).toHaveText(zhMedia.photo.removed);
  await expect(dropzone).toContainText(zhMedia.photo.drop);
});
