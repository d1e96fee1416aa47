import { asRole, expect, test } from "./fixtures";

test.use({ ...asRole("viewer"), viewport: { width: 390, height: 844 } });

test("the opt-out of information mails and the mail language save and stay after a reload, at 390 px", async ({ page }) => {
  // Four page loads and two saves: on a busy machine this needs more than the default minute.
  test.slow();
  const optOut = page.getByLabel(/不接收仅供知悉的通知|Do not send me information mails/);
  const language = page.getByLabel(/^(邮件语言|Language of the mails)$/);
  const save = page.getByRole("button", { name: /^(保存邮件设置|Save mail settings)$/ });
  const saved = page.getByRole("status").filter({ hasText: /邮件设置已保存|Mail settings saved/ });

  await page.goto("/account");
  await expect(optOut).not.toBeChecked();
  await optOut.check();
  await language.selectOption("en");
  await save.click();
  await expect(saved).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

  await page.reload();
  await expect(optOut).toBeChecked();
  await expect(language).toHaveValue("en");

  // Back as it was, so other specs meet the demo viewer unchanged.
  await optOut.uncheck();
  await language.selectOption("zh-CN");
  await save.click();
  await expect(saved).toBeVisible();
  await page.reload();
  await expect(optOut).not.toBeChecked();
  await expect(language).toHaveValue("zh-CN");
});
