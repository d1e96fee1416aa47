import type { APIRequestContext } from "@playwright/test";
import { expect, test } from "./fixtures";
import { e2eDraftViewer, e2eIdCardNumber, e2eReviewMerchants } from "./seed/fixtures";
import { signInThroughApi } from "./sign-in";
import { signInAsE2eMerchant } from "./wizard-helpers";

// The review merchants' known values (e2e/seed/seed.ts): ID number, bank account, mobile, email, ID address.
const plaintext = [e2eIdCardNumber, "6222020200112233445", "15521050856", "boss@e2e.test", "广东省深圳市南山区科技园路1号"];

/** What the browser receives for the merchant's application: the JSON of the API and the page's HTML (with its data for the client). */
async function received(request: APIRequestContext) {
  const api = await request.get("/api/application");
  expect(api.status()).toBe(200);
  const page = await request.get("/onboarding");
  expect(page.status()).toBe(200);
  return { api: await api.text(), html: await page.text() };
}

test("masking: a submitted (read-only) application reaches the browser masked, in the API and in the page", async ({ browser }) => {
  test.setTimeout(180_000);
  const context = await browser.newContext();
  const m = e2eReviewMerchants.race;
  await signInThroughApi(context.request, { email: m.admin.email, password: m.admin.password });
  const { api, html } = await received(context.request);
  expect(JSON.parse(api).application.editable).toBe(false);
  for (const value of plaintext) {
    expect(api, value).not.toContain(value);
    expect(html, value).not.toContain(value);
  }
  // The values are there, masked.
  expect(api).toContain("1101**********002X");
  expect(html).toContain("1101**********002X");
  await context.close();
});

test("masking: the editable draft travels in plaintext to its editor only; a viewer of the same draft gets it masked", async ({ browser }) => {
  test.setTimeout(180_000);
  const owner = await (await browser.newContext()).newPage();
  await signInAsE2eMerchant(owner, "masking");
  const { application } = (await (await owner.request.get("/api/application")).json()) as { application: { draft: { version: number } } };
  const values = {
    organization_type: "2",
    id_doc_type: "IDENTIFICATION_TYPE_MAINLAND_IDCARD",
    id_card_info: { id_card_number: e2eIdCardNumber, id_card_address: "广东省深圳市南山区科技园路1号" },
    contact_info: { contact_email: "boss@e2e.test", mobile_phone: "15521050856" },
    account_info: { account_number: "6222020200112233445" },
  };
  const saved = await owner.request.put("/api/application/draft", { data: { version: application.draft.version, step: "contact", values } });
  expect(saved.status()).toBe(200);

  const forOwner = await received(owner.request);
  for (const value of plaintext) {
    expect(forOwner.api, value).toContain(value);
    expect(forOwner.html, value).toContain(value);
  }

  const viewer = await browser.newContext();
  await signInThroughApi(viewer.request, e2eDraftViewer);
  const forViewer = await received(viewer.request);
  expect(JSON.parse(forViewer.api).application.editable).toBe(false);
  for (const value of plaintext) {
    expect(forViewer.api, value).not.toContain(value);
    expect(forViewer.html, value).not.toContain(value);
  }
  expect(forViewer.api).toContain("1101**********002X");
  await viewer.close();
  await owner.context().close();
});
