import type { APIRequestContext, Browser, Page } from "@playwright/test";
import { e2eIdCardNumber, e2eReviewMerchants, e2eSecondSupport } from "./seed/fixtures";
import { readFileSync } from "node:fs";
import { expect, storageStateFor, test } from "./fixtures";
import { signInThroughApi } from "./sign-in";

// Read, not imported: this package is ESM and JSON imports would need import attributes.
const zh = JSON.parse(readFileSync("messages/zh-CN/wizard.json", "utf8")) as { progress: { label: string }; steps: Record<string, string>; review: { submit: string } };

type Merchant = (typeof e2eReviewMerchants)[keyof typeof e2eReviewMerchants];

async function signInWith(page: Page, email: string, password: string, totpSecret?: string) {
  await signInThroughApi(page.context().request, { email, password, totpSecret });
  await page.goto("/");
  await expect(page.getByTestId("signed-in-user").first()).toBeVisible();
}

async function merchantPage(browser: Browser, m: Merchant): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signInWith(page, m.admin.email, m.admin.password);
  return page;
}

async function supportPage(browser: Browser, second = false): Promise<Page> {
  if (!second) return (await browser.newContext({ storageState: storageStateFor("support") })).newPage();
  const page = await (await browser.newContext()).newPage();
  await signInWith(page, e2eSecondSupport.email, e2eSecondSupport.password, e2eSecondSupport.totpSecret);
  return page;
}

async function merchantView(request: APIRequestContext) {
  const response = await request.get("/api/application");
  expect(response.status()).toBe(200);
  return (await response.json()) as {
    application: { status: string; draft: { version: number; values: Record<string, any> } };
    timeline: { type: string; note: string | null }[];
    feedback: { status: string; revision: number; comments: { fieldPath: string; body: string; source: string }[] };
  };
}

async function openFromQueue(page: Page, search: string, merchantName: string, status = "pending_review") {
  await page.goto("/support/review");
  await page.getByLabel(/^(搜索|Search)$/).fill(search);
  await page.getByLabel(/^(状态|Status)$/).selectOption(status);
  await page.getByRole("button", { name: /应用筛选|Apply filters/ }).click();
  await expect(page).toHaveURL(new RegExp(`q=${encodeURIComponent(search)}`));
  await expect(page.getByTestId("queue-count")).toHaveText(/共 1 条申请|^1 application$/);
  await page.getByRole("link", { name: new RegExp(merchantName) }).first().click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(merchantName);
}

const field = (page: Page, path: string) => page.locator(`[data-field="${path}"]`);

async function comment(page: Page, path: string, body: string) {
  await field(page, path).getByRole("button", { name: /添加意见|Comment on/ }).click();
  await field(page, path).getByRole("textbox").fill(body);
  await field(page, path).getByRole("button", { name: /保存意见|Save comment/ }).click();
  await expect(field(page, path).locator("[data-comment-field]")).toContainText(body);
}

/** The sandbox answers on its own schedule: reload until the status badge shows the state. */
async function waitForStatus(page: Page, status: string, timeout = 90_000) {
  await expect(async () => {
    await page.reload();
    await expect(page.locator("article header [data-status]")).toHaveAttribute("data-status", status, { timeout: 1000 });
  }).toPass({ timeout, intervals: [2000] });
}

test("support reviews an application end to end: search, reveal, comments, changes, diff, approval, WeChat", async ({ browser }) => {
  test.setTimeout(180_000);
  const m = e2eReviewMerchants.flow;
  const merchant = await merchantPage(browser, m);

  await test.step("the merchant submits", async () => {
    const view = await merchantView(merchant.request);
    const submitted = await merchant.request.post("/api/application/submit", { data: { version: view.application.draft.version } });
    expect(submitted.status()).toBe(200);
    expect(await submitted.json()).toMatchObject({ status: "pending_review", revision: 1 });
  });

  const support = await supportPage(browser);
  await test.step("support finds it in the queue by search and opens it", async () => {
    await openFromQueue(support, m.name, m.name);
    await expect(support.getByTestId("diff-summary")).toHaveText(/首次提交|First submission/);
    await expect(field(support, "id_card_info.id_card_number").locator("[data-masked]")).toHaveText("1101**********002X");
  });

  await test.step("support reveals the ID number with a reason", async () => {
    await field(support, "id_card_info.id_card_number").getByRole("button", { name: /查看|Reveal/ }).click();
    const dialog = support.getByRole("dialog");
    await dialog.getByRole("button", { name: /^(查看明文|Reveal value)$/ }).click();
    await expect(dialog.getByRole("alert")).toBeVisible();
    await dialog.getByLabel(/原因|Reason/).fill("与身份证照片核对号码");
    await dialog.getByRole("button", { name: /^(查看明文|Reveal value)$/ }).click();
    await expect(field(support, "id_card_info.id_card_number").locator("[data-revealed]")).toHaveText(e2eIdCardNumber);
  });

  await test.step("support opens a photo full size and rotates it", async () => {
    await field(support, "id_card_info.wxa_id_card_copy").getByRole("button").first().click();
    const viewer = support.getByRole("dialog");
    await expect(viewer.getByTestId("photo-full")).toBeVisible();
    expect(await viewer.getByTestId("photo-full").evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
    await viewer.getByRole("button", { name: /向右旋转|Rotate right/ }).click();
    await expect(viewer.getByTestId("photo-full")).toHaveAttribute("data-rotation", "90");
    await viewer.getByRole("button", { name: /放大|Zoom in/ }).click();
    await expect(viewer.getByText(/150%/)).toBeVisible();
    await viewer.getByRole("button", { name: /^(关闭|Close)$/ }).click();
  });

  await test.step("support comments on two fields and requests changes", async () => {
    await comment(support, "merchant_shortname", "简称需与所售商品一致，请改为店铺实际名称");
    await comment(support, "id_card_info.id_card_address", "地址需与身份证完全一致，请补充门牌号");
    await support.getByRole("textbox", { name: /备注|Note/ }).fill("请按字段意见修改后重新提交");
    await support.getByRole("button", { name: /^(退回修改|Request changes)$/ }).click();
    await expect(support.getByRole("status").filter({ hasText: /已退回修改|Changes requested:/ })).toBeVisible();
    await expect(support.getByTestId("not-actionable")).toBeVisible();
  });

  await test.step("the audit log shows the reveal with its reason and the review actions", async () => {
    await support.goto(`/support/audit?merchant=${encodeURIComponent(m.name)}`);
    const rows = support.locator("table [data-audit-action]");
    await expect(rows.filter({ hasText: "与身份证照片核对号码" })).toHaveCount(1);
    await expect(support.locator('table [data-audit-action="comment"]')).toHaveCount(2);
    await expect(support.locator('table [data-audit-action="request_changes"]')).toHaveCount(1);
  });

  await test.step("the merchant sees both comments on the fields, fixes them and resubmits", async () => {
    const view = await merchantView(merchant.request);
    expect(view.feedback.status).toBe("changes_requested");
    expect(view.feedback.comments).toEqual([
      { fieldPath: "merchant_shortname", body: "简称需与所售商品一致，请改为店铺实际名称", source: "support" },
      { fieldPath: "id_card_info.id_card_address", body: "地址需与身份证完全一致，请补充门牌号", source: "support" },
    ]);
    expect(view.timeline.map((e) => e.type)).not.toContain("commented");
    expect(view.timeline.find((e) => e.type === "changes_requested")?.note).toBe("请按字段意见修改后重新提交");

    await merchant.goto("/onboarding");
    const fixList = merchant.getByTestId("fix-list");
    await expect(fixList.locator("[data-fix-field]")).toHaveCount(2);
    await expect(fixList).toContainText("简称需与所售商品一致");
    await expect(fixList).toContainText("地址需与身份证完全一致");
    const steps = merchant.getByRole("navigation", { name: zh.progress.label });

    await steps.getByRole("button", { name: new RegExp(zh.steps.additional) }).click();
    const shortname = merchant.locator("input#merchant_shortname");
    await expect(shortname.locator("xpath=..").locator("[data-field-feedback]")).toContainText("简称需与所售商品一致");
    await shortname.fill("审核甲商城");

    await steps.getByRole("button", { name: new RegExp(zh.steps.identity) }).click();
    const address = merchant.locator("input#id_card_info-id_card_address");
    await expect(address.locator("xpath=..").locator("[data-field-feedback]")).toContainText("地址需与身份证完全一致");
    await address.fill("广东省深圳市南山区科技园路1号A座101室");

    await steps.getByRole("button", { name: new RegExp(zh.steps.review) }).click();
    const submitted = merchant.waitForResponse((r) => r.url().endsWith("/api/application/submit") && r.request().method() === "POST");
    await merchant.getByRole("button", { name: zh.review.submit }).click();
    const response = await submitted;
    expect(response.status()).toBe(200);
    expect(await response.json()).toMatchObject({ status: "pending_review", revision: 2 });
  });

  await test.step("support sees what changed since revision 1 and approves", async () => {
    await openFromQueue(support, m.name, m.name);
    await expect(support.getByTestId("diff-summary")).toContainText(/2/);
    await expect(field(support, "merchant_shortname")).toHaveAttribute("data-changed", "true");
    await expect(field(support, "merchant_shortname").locator("[data-previous]")).toContainText(m.shortname);
    await expect(field(support, "merchant_shortname")).toContainText("简称需与所售商品一致");
    await expect(field(support, "id_card_info.id_card_address")).toHaveAttribute("data-changed", "true");
    await expect(field(support, "id_card_info.id_card_number")).not.toHaveAttribute("data-changed", "true");
    await support.getByRole("button", { name: /^(通过并提交微信|Approve and send to WeChat)$/ }).click();
    await support.getByRole("alertdialog").getByRole("button", { name: /^(确认提交|Confirm and send)$/ }).click();
    await expect(support.getByRole("status").filter({ hasText: /已通过|Approved:/ })).toBeVisible();
  });

  await test.step("the sandbox takes it to finished and both sides see it on the timeline", async () => {
    await waitForStatus(support, "finished");
    const timeline = support.getByTestId("timeline");
    for (const type of ["submitted", "commented", "changes_requested", "approved", "sent_to_wechat", "wechat_finished"]) {
      await expect(timeline.locator(`[data-event-type="${type}"]`).first()).toBeVisible();
    }
    const view = await merchantView(merchant.request);
    expect(view.application.status).toBe("finished");
    const types = view.timeline.map((e) => e.type);
    expect(types).toEqual(expect.arrayContaining(["submitted", "changes_requested", "approved", "sent_to_wechat", "wechat_finished"]));
    expect(types.filter((t) => t === "submitted")).toHaveLength(2);
    expect(types).not.toContain("commented");
    await merchant.goto("/onboarding");
    await expect(merchant.getByTestId("application-status")).toHaveAttribute("data-status", "finished");
    const merchantTimeline = merchant.getByTestId("timeline");
    await expect(merchantTimeline).toContainText("微信审核通过，商户号已开通");
    await expect(merchantTimeline).toContainText("请按字段意见修改后重新提交");
  });
});

test("WeChat's rejection reasons land on the fields for support and the merchant", async ({ browser }) => {
  test.setTimeout(150_000);
  const m = e2eReviewMerchants.reject;
  const support = await supportPage(browser);
  await openFromQueue(support, m.shortname, m.name);
  await support.getByRole("button", { name: /^(通过并提交微信|Approve and send to WeChat)$/ }).click();
  await support.getByRole("alertdialog").getByRole("button", { name: /^(确认提交|Confirm and send)$/ }).click();
  await expect(support.getByRole("status").filter({ hasText: /已通过|Approved:/ })).toBeVisible();
  await waitForStatus(support, "rejected");
  await expect(field(support, "merchant_shortname").locator("[data-comment-field]")).toContainText("商户简称需与实际售卖商品一致");
  await expect(field(support, "account_info.account_name").locator("[data-comment-field]")).toContainText("开户名称需与营业执照上的主体名称一致");
  await expect(field(support, "id_card_info.id_card_number").locator("[data-comment-field]")).toContainText("身份证号码与证件照片不一致");
  await expect(support.getByRole("note")).toContainText("商户简称");

  const merchant = await merchantPage(browser, m);
  const view = await merchantView(merchant.request);
  expect(view.feedback.status).toBe("rejected");
  // Both reasons arrive in one answer, so their order is not meaningful.
  expect(view.feedback.comments.map((c) => [c.fieldPath, c.source]).sort()).toEqual([
    ["account_info.account_name", "wechat"],
    // WeChat named this one by its bare leaf name; it lands on the dotted field path.
    ["id_card_info.id_card_number", "wechat"],
    ["merchant_shortname", "wechat"],
  ]);
});

test("two support users acting at once: one transition, a clear message for the other", async ({ browser }) => {
  const m = e2eReviewMerchants.race;
  const first = await supportPage(browser);
  const second = await supportPage(browser, true);
  // The second page acts before its live status poll notices the first one's decision.
  await second.route("**/api/support/applications/*/status", (route) => route.abort());
  await openFromQueue(first, m.shortname, m.name);
  await openFromQueue(second, m.shortname, m.name);
  await first.getByRole("button", { name: /^(通过并提交微信|Approve and send to WeChat)$/ }).click();
  await first.getByRole("alertdialog").getByRole("button", { name: /^(确认提交|Confirm and send)$/ }).click();
  await expect(first.getByRole("status").filter({ hasText: /已通过|Approved:/ })).toBeVisible();
  // The second page still shows the old state; its action must not become a second transition.
  await second.getByRole("textbox", { name: /备注|Note/ }).fill("也想通过");
  await second.getByRole("button", { name: /^(通过并提交微信|Approve and send to WeChat)$/ }).click();
  await second.getByRole("alertdialog").getByRole("button", { name: /^(确认提交|Confirm and send)$/ }).click();
  await expect(second.getByTestId("decision-error")).toContainText(/其他人已处理这份申请|Someone else has acted on this application/);
  await expect(second.getByTestId("not-actionable")).toBeVisible();
  await second.reload();
  await expect(second.getByTestId("timeline").locator('[data-event-type="approved"]')).toHaveCount(1);
  await expect(second.getByTestId("timeline")).not.toContainText("也想通过");
});

test.describe("merchant admins", () => {
  test.use({ storageState: storageStateFor("merchant") });
  for (const path of ["/support/review", `/support/review/${e2eReviewMerchants.race.id}`, "/support/audit", "/support/merchants", "/support/review?status=all&q=x"]) {
    test(`${path} answers 403`, async ({ page }) => {
      const response = await page.goto(path);
      expect(response?.status()).toBe(403);
      await expect(page.getByRole("heading", { name: "无权访问（403）" })).toBeVisible();
      await expect(page.getByText(e2eReviewMerchants.race.name)).toHaveCount(0);
    });
  }
});
