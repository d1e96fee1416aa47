import { chooseRadio, expectStep, fill, next, signInAsE2eMerchant, zh } from "./wizard-helpers";
import { expect, holdScripts, test } from "./fixtures";

const f = zh.fields;
// Both tests edit the one draft of the autosave merchant: one after the other.
test.describe.configure({ mode: "serial" });

const draftSaves = (url: string, method: string) => url.endsWith("/api/application/draft") && method === "PUT";

test("autosave race: typing then reloading at once keeps the value, and the next edit saves without a conflict", async ({ page }) => {
  test.setTimeout(180_000);
  await signInAsE2eMerchant(page, "autosave");
  await page.goto("/onboarding");
  await chooseRadio(page, zh.orgTypes["2"].name);
  await next(page);
  await expectStep(page, "license");

  const answers: number[] = [];
  page.on("response", (r) => {
    if (draftSaves(r.url(), r.request().method())) answers.push(r.status());
  });
  const legalPerson = page.getByLabel(f.business_license_info.legal_person, { exact: true });
  await legalPerson.fill("李小明");
  // Well within the autosave delay: the save is still pending when the page goes.
  await page.reload();
  await expectStep(page, "license");
  await expect(legalPerson).toHaveValue("李小明");

  await fill(page, f.business_license_info.legal_person, "李小明明");
  await expect(page.getByTestId("save-status")).toHaveAttribute("data-state", "saved");
  await expect(page.getByRole("alert").filter({ hasText: zh.save.conflictTitle })).toHaveCount(0);
  await expect
    .poll(async () => ((await (await page.request.get("/api/application")).json()) as { application: { draft: { values: { business_license_info?: { legal_person?: string } } } } }).application.draft.values.business_license_info?.legal_person)
    .toBe("李小明明");
  expect(answers.filter((s) => s === 409)).toEqual([]);

  // The value survives another reload from the server alone.
  await page.reload();
  await expect(legalPerson).toHaveValue("李小明明");
});

test("server-rendered fields take no typing until their script is live, so nothing typed early is put back to the draft's value", async ({ page }) => {
  await signInAsE2eMerchant(page, "autosave");
  const release = await holdScripts(page);
  await page.goto("/onboarding", { waitUntil: "commit" });
  await expectStep(page, "license");
  const legalPerson = page.getByLabel(f.business_license_info.legal_person, { exact: true });
  await expect(legalPerson).toBeDisabled();

  release();
  await expect(legalPerson).toBeEnabled();
  await expect(legalPerson).toHaveValue("李小明明");
  await legalPerson.fill("王大明");
  await expect(page.getByTestId("save-status")).toHaveAttribute("data-state", "saved");
  await page.reload();
  await expect(legalPerson).toHaveValue("王大明");
  await expect(legalPerson).toBeEnabled();
});
