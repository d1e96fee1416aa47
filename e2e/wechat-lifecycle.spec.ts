import type { Browser, Page } from "@playwright/test";
import jsQR from "jsqr";
import sharp from "sharp";
import { readFileSync } from "node:fs";
import { expect, storageStateFor, test } from "./fixtures";
import { e2eAppid, e2eReviewMerchants } from "./seed/fixtures";
import { signInThroughApi } from "./sign-in";

// Read, not imported: this package is ESM and JSON imports would need import attributes.
const zh = JSON.parse(readFileSync("messages/zh-CN/wizard.json", "utf8")) as { steps: Record<string, string>; review: { submit: string; flags: { goTo: string } }; account: { lookup: { branchLabel: string } } };

type Merchant = (typeof e2eReviewMerchants)[keyof typeof e2eReviewMerchants];

async function merchantPage(browser: Browser, m: Merchant): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signInThroughApi(page.context().request, { email: m.admin.email, password: m.admin.password });
  await page.goto("/onboarding");
  await expect(page.getByTestId("application-status")).toBeVisible();
  return page;
}

async function supportPage(browser: Browser): Promise<Page> {
  return (await browser.newContext({ storageState: storageStateFor("support") })).newPage();
}

async function applicationOf(page: Page): Promise<{ id: string; draft: { version: number } }> {
  const response = await page.request.get("/api/application");
  expect(response.status()).toBe(200);
  return ((await response.json()) as { application: { id: string; draft: { version: number } } }).application;
}

async function approve(support: Page, applicationId: string) {
  await support.goto(`/support/review/${applicationId}`);
  await support.getByRole("button", { name: /^(通过并提交微信|Approve and send to WeChat)$/ }).click();
  await support.getByRole("alertdialog").getByRole("button", { name: /^(确认提交|Confirm and send)$/ }).click();
  await expect(support.getByRole("status").filter({ hasText: /已通过|Approved:/ })).toBeVisible();
}

async function advance(support: Page, applicationId: string) {
  await support.goto(`/support/review/${applicationId}`);
  const answered = support.waitForResponse((r) => r.url().endsWith("/sandbox-advance") && r.request().method() === "POST");
  await support.getByRole("button", { name: /^(让微信进入下一状态|Move WeChat to the next state)/ }).click();
  expect((await answered).status()).toBe(200);
}

/** The QR code in an <img src="data:image/png;base64,…">, decoded. */
async function decodeQr(page: Page, testId: string): Promise<string | null> {
  const src = (await page.getByTestId(testId).getAttribute("src")) ?? "";
  const { data, info } = await sharp(Buffer.from(src.replace(/^data:image\/\w+;base64,/, ""), "base64")).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return jsQR(new Uint8ClampedArray(data.buffer, data.byteOffset, data.length), info.width, info.height)?.data ?? null;
}

test("two merchants apply at once under their own appids: one walks the hand-offs to a merchant number, the other resubmits only after fixing WeChat's flags", async ({ browser }) => {
  test.setTimeout(240_000);
  const walk = e2eReviewMerchants.walk;
  const bounce = e2eReviewMerchants.bounce;
  const [walker, bouncer, support] = await Promise.all([merchantPage(browser, walk), merchantPage(browser, bounce), supportPage(browser)]);
  const walkApp = await applicationOf(walker);
  const bounceApp = await applicationOf(bouncer);

  await test.step("both submit at the same moment, support approves both", async () => {
    await Promise.all([walker, bouncer].map((page) => page.getByRole("button", { name: zh.review.submit, exact: true }).click()));
    await expect(walker.getByTestId("application-status")).toHaveAttribute("data-status", "pending_review");
    await expect(bouncer.getByTestId("application-status")).toHaveAttribute("data-status", "pending_review");
    await approve(support, walkApp.id);
    await approve(support, bounceApp.id);
  });

  await test.step("the sandbox holds two applications, one per appid, each with its merchant's data", async () => {
    for (const m of [walk, bounce]) {
      await expect(async () => {
        const response = await support.request.get(`/sandbox/wechat/sandbox/application?appid=${e2eAppid(m.id)}`);
        expect(response.status()).toBe(200);
        expect(await response.json()).toMatchObject({ appid: e2eAppid(m.id), apply_count: 1, record: { merchant_shortname: m.shortname, organization_type: "2", bank_account_type: "74", account_bank: "工商银行", account_tail: "****3445" } });
      }).toPass({ timeout: 30_000, intervals: [1000] });
    }
    expect(e2eAppid(walk.id)).not.toBe(e2eAppid(bounce.id));
  });

  await test.step("account verification: the transfer details appear on Onboarding without a reload", async () => {
    await expect(walker.getByTestId("handoff-transfer")).toBeVisible({ timeout: 60_000 });
    await expect(walker.getByTestId("transfer-amount")).toHaveText(/^¥\d+\.\d{2}$/);
    await expect(walker.getByTestId("transfer-toName")).toHaveText("财付通支付科技有限公司");
    await expect(walker.getByTestId("transfer-remark")).toHaveText(/^WX\d{6}$/);
    await expect(walker.getByTestId("transfer-countdown")).toBeVisible();
  });

  await test.step("signing: the QR code decodes to the sign_url shown beside it", async () => {
    await advance(support, walkApp.id);
    await expect(walker.getByTestId("handoff-sign")).toBeVisible({ timeout: 60_000 });
    const link = await walker.getByTestId("handoff-sign").getByRole("link").getAttribute("href");
    expect(link).toMatch(/^https:\/\/pay\.weixin\.qq\.com\//);
    expect(await decodeQr(walker, "sign-qr")).toBe(link);
  });

  let subMchid = "";
  await test.step("finished: the merchant number on Onboarding and on support's Merchants pages", async () => {
    await advance(support, walkApp.id);
    await expect(walker.getByTestId("sub-mchid")).toHaveText(/^\d{10}$/, { timeout: 60_000 });
    subMchid = (await walker.getByTestId("sub-mchid").textContent()) ?? "";
    await support.goto(`/support/merchants?q=${encodeURIComponent(walk.name)}`);
    await expect(support.locator(`[data-merchant-id="${walk.id}"]`).getByTestId("merchant-sub-mchid").first()).toContainText(subMchid);
    await support.goto(`/support/merchants/${walk.id}`);
    await expect(support.getByTestId("merchant-sub-mchid")).toContainText(subMchid);
  });

  await test.step("the rejected merchant cannot resubmit until each flagged field changed or was answered", async () => {
    await expect(bouncer.getByTestId("application-status")).toHaveAttribute("data-status", "rejected", { timeout: 90_000 });
    const flags = bouncer.getByTestId("flagged-fields");
    // WeChat's three reasons, each on the form field it names.
    await expect(flags.locator("[data-flag-field]")).toHaveCount(3);
    await expect(flags.locator('[data-flag-state="open"]')).toHaveCount(3);
    const submit = bouncer.getByRole("button", { name: zh.review.submit, exact: true });
    await expect(submit).toBeDisabled();

    // Each flag links to its field: the short name is changed there.
    await flags.locator('[data-flag-field="merchant_shortname"]').getByRole("button").click();
    await expect(bouncer.locator("#merchant_shortname")).toBeFocused();
    await bouncer.locator("#merchant_shortname").fill("戊店新名");
    await bouncer.getByRole("navigation").getByRole("button", { name: new RegExp(zh.steps.review) }).click();
    await expect(flags.locator('[data-flag-field="merchant_shortname"]')).toHaveAttribute("data-flag-state", "changed");
    await expect(submit).toBeDisabled();

    // The server refuses too, naming the fields still unaddressed.
    const refused = await bouncer.request.post("/api/application/submit", { data: { version: (await applicationOf(bouncer)).draft.version } });
    expect(refused.status()).toBe(422);
    expect(Object.keys(((await refused.json()) as { error: { fields: Record<string, string> } }).error.fields).sort()).toEqual(["account_info.account_name", "id_card_info.id_card_number"]);

    await flags.locator('[data-flag-field="account_info.account_name"] textarea').fill("开户名称与营业执照一致，无需修改");
    await flags.locator('[data-flag-field="id_card_info.id_card_number"] textarea').fill("号码已核对无误");
    await expect(flags.locator('[data-flag-state="answered"]')).toHaveCount(2);
    await expect(submit).toBeEnabled();
    await submit.click();
    await expect(bouncer.getByTestId("application-status")).toHaveAttribute("data-status", "pending_review");

    await support.goto(`/support/review/${bounceApp.id}`);
    await expect(support.locator('[data-comment-source="merchant"]')).toHaveCount(2);
    await expect(support.locator(`[data-comment-source="merchant"][data-comment-field="account_info.account_name"]`)).toContainText("开户名称与营业执照一致，无需修改");
  });
});

test("an undocumented WeChat state reaches support's dashboard, naming the merchant and the raw state", async ({ browser }) => {
  test.setTimeout(120_000);
  const m = e2eReviewMerchants.unknown;
  const support = await supportPage(browser);
  await support.goto(`/support/review?q=${encodeURIComponent(m.shortname)}`);
  await support.getByRole("link", { name: new RegExp(m.name) }).first().click();
  await support.getByRole("button", { name: /^(通过并提交微信|Approve and send to WeChat)$/ }).click();
  await support.getByRole("alertdialog").getByRole("button", { name: /^(确认提交|Confirm and send)$/ }).click();
  await expect(support.getByRole("status").filter({ hasText: /已通过|Approved:/ })).toBeVisible();
  await expect(async () => {
    await support.goto("/support/review");
    await expect(support.getByTestId("unknown-state-alerts").locator(`[data-alert-merchant="${m.id}"]`)).toContainText(m.name, { timeout: 1000 });
  }).toPass({ timeout: 90_000, intervals: [3000] });
  await expect(support.getByTestId("unknown-state-alerts").locator(`[data-alert-merchant="${m.id}"]`)).toContainText("UNDOCUMENTED_STATE");
});

test("typing a card number fills the bank from WeChat; choosing a branch fills bank_branch_id", async ({ browser }) => {
  const page = await merchantPage(browser, e2eReviewMerchants.banks);
  await page.getByRole("navigation").getByRole("button", { name: new RegExp(zh.steps.account) }).click();
  await page.locator("#account_info-account_number").fill("6232290000123456");
  await expect(page.locator("#account_info-account_bank")).toHaveValue("其他银行");
  await expect(page.getByTestId("bank-lookup")).toContainText("浙江网商银行");
  // The account's city is 深圳 (440300): WeChat's branches of that bank there.
  await page.getByLabel(zh.account.lookup.branchLabel).selectOption("323584000001");
  await expect(page.locator("#account_info-bank_branch_id")).toHaveValue("323584000001");
  await page.locator("#account_info-account_number").fill("6222020200112233445");
  await expect(page.locator("#account_info-account_bank")).toHaveValue("工商银行");
});
