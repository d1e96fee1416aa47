import { randomBytes } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applicationEvents, applicationRevisions, applications, users } from "@/db/schema";
import { DEMO_MERCHANT_ID, SECOND_MERCHANT_ID, seedDemoData } from "@/db/seed";
import { loadApplication, listTimeline } from "@/lib/applications/load-application";
import { DraftConflictError, saveDraft } from "@/lib/applications/save-draft";
import { submitApplication } from "@/lib/applications/submit-application";
import { openString, type KeyRing } from "@/lib/crypto/at-rest";
import { AppError } from "@/lib/errors";
import { MERCHANT_NAME, TODAY, enterpriseApplication, passportAgentApplication } from "../fixtures/qualification";
import { createTestDb, testEngines, type TestDb } from "../helpers/db";

const ring: KeyRing = { keys: new Map([["k1", randomBytes(32)]]), activeKeyId: "k1" };

describe.each(testEngines)("application drafts and submission on %s", (engine) => {
  let t: TestDb;
  let actorId: string;
  let secondActorId: string;
  beforeAll(async () => {
    t = await createTestDb(engine);
    await seedDemoData(t.db, async () => "x");
    actorId = (await t.db.select({ id: users.id }).from(users).where(eq(users.merchantId, DEMO_MERCHANT_ID)))[0]!.id;
    secondActorId = (await t.db.select({ id: users.id }).from(users).where(eq(users.merchantId, SECOND_MERCHANT_ID)))[0]!.id;
  });
  afterAll(async () => t?.destroy());

  const base = { merchantId: DEMO_MERCHANT_ID, ring, canEdit: true };

  it("starts from an empty draft at version 0", async () => {
    const view = await loadApplication(t.db, base);
    expect(view).toMatchObject({ id: null, status: "draft", editable: true, draft: { values: {}, step: "subject", version: 0 } });
  });

  it("saves partial, invalid values sealed and resumes them at the same step", async () => {
    const values = { organization_type: "2", contact_info: { mobile_phone: "123" } };
    const saved = await saveDraft(t.db, { ...base, actorId, baseVersion: 0, step: "contact", values });
    expect(saved.version).toBe(1);
    const [row] = await t.db.select().from(applications).where(eq(applications.merchantId, DEMO_MERCHANT_ID));
    expect(row!.draftSealed).not.toContain("123");
    expect(JSON.parse(openString(ring, row!.draftSealed))).toEqual(values);
    expect((await loadApplication(t.db, base)).draft).toEqual({ values, step: "contact", version: 1, writer: null });
  });

  it("refuses a save from a stale version (another tab) without overwriting", async () => {
    await saveDraft(t.db, { ...base, actorId, baseVersion: 1, step: "contact", values: { organization_type: "4" } });
    const stale = saveDraft(t.db, { ...base, actorId, baseVersion: 1, step: "subject", values: { organization_type: "2502" } });
    await expect(stale).rejects.toBeInstanceOf(DraftConflictError);
    await expect(stale).rejects.toMatchObject({ code: "conflict", currentVersion: 2 });
    expect((await loadApplication(t.db, base)).draft.values).toEqual({ organization_type: "4" });
  });

  it("a tab's own save that landed after its page read the draft (a reload mid-save) is not a conflict", async () => {
    const tab = "5d0f2c57-4c8e-4d57-9d0e-2f0a3b7c1a01";
    const otherTab = "5d0f2c57-4c8e-4d57-9d0e-2f0a3b7c1a02";
    const { version: read } = await loadApplication(t.db, base).then((v) => v.draft);
    // The save sent as the page unloaded lands after the reloaded page read version `read`.
    const late = await saveDraft(t.db, { ...base, actorId, writer: tab, baseVersion: read, step: "contact", values: { organization_type: "4", merchant_shortname: "typed before reload" } });
    const again = await saveDraft(t.db, { ...base, actorId, writer: tab, baseVersion: read, step: "contact", values: { organization_type: "4", merchant_shortname: "typed after reload" } });
    expect(again.version).toBe(late.version + 1);
    expect((await loadApplication(t.db, base)).draft.values).toMatchObject({ merchant_shortname: "typed after reload" });
    // Another tab from the same old version is still told someone else saved.
    await expect(saveDraft(t.db, { ...base, actorId, writer: otherTab, baseVersion: read, step: "contact", values: { organization_type: "2502" } })).rejects.toMatchObject({ currentVersion: again.version });
    // And once another tab has written, the first tab's stale version is a conflict too.
    const other = await saveDraft(t.db, { ...base, actorId, writer: otherTab, baseVersion: again.version, step: "contact", values: { organization_type: "4" } });
    await expect(saveDraft(t.db, { ...base, actorId, writer: tab, baseVersion: again.version - 1, step: "contact", values: {} })).rejects.toMatchObject({ currentVersion: other.version });
    // Without a tab id (an older page), only the exact version is accepted.
    await expect(saveDraft(t.db, { ...base, actorId, baseVersion: read, step: "contact", values: {} })).rejects.toBeInstanceOf(DraftConflictError);
    await saveDraft(t.db, { ...base, actorId, baseVersion: other.version, step: "contact", values: { organization_type: "4" } });
  });

  it("a second creation from version 0 is a conflict, not a second application", async () => {
    await expect(saveDraft(t.db, { ...base, actorId, baseVersion: 0, step: "subject", values: {} })).rejects.toBeInstanceOf(DraftConflictError);
    expect(await t.db.select().from(applications).where(eq(applications.merchantId, DEMO_MERCHANT_ID))).toHaveLength(1);
  });

  it("keeps one 'saved' event per editing session", async () => {
    const events = await t.db.select().from(applicationEvents).where(eq(applicationEvents.merchantId, DEMO_MERCHANT_ID));
    expect(events.map((e) => e.type).sort()).toEqual(["created", "saved"]);
  });

  it("refuses to submit an invalid draft, with field messages", async () => {
    const view = await loadApplication(t.db, base);
    const error = await submitApplication(t.db, { ...base, actorId, merchantName: MERCHANT_NAME, baseVersion: view.draft.version, today: TODAY }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("validation_failed");
    expect((error as AppError).fields).toMatchObject({ id_doc_type: "validation.idDocType", merchant_shortname: "validation.shortnameRequired" });
    expect((await loadApplication(t.db, base)).status).toBe("draft");
  });

  it("submits once however often it is repeated, freezing a sealed revision", async () => {
    const { version } = await saveDraft(t.db, { ...base, actorId, baseVersion: (await loadApplication(t.db, base)).draft.version, step: "review", values: enterpriseApplication() });
    const submit = () => submitApplication(t.db, { ...base, actorId, merchantName: MERCHANT_NAME, baseVersion: version, today: TODAY });
    const results = await Promise.all([submit(), submit(), submit()]);
    const again = await submit();
    expect(results.filter((r) => !r.replayed)).toHaveLength(1);
    for (const r of [...results, again]) expect(r).toMatchObject({ revision: 1, status: "pending_review" });
    const revisions = await t.db.select().from(applicationRevisions).where(eq(applicationRevisions.merchantId, DEMO_MERCHANT_ID));
    expect(revisions).toHaveLength(1);
    expect(revisions[0]!.dataSealed).not.toContain("李小明");
    const frozen = JSON.parse(openString(ring, revisions[0]!.dataSealed));
    expect(frozen).toMatchObject({ organization_type: "2", biz_type: 1, business_license_info: { business_time: ["2014-01-01", "长期"] } });
    const [row] = await t.db.select().from(applications).where(eq(applications.merchantId, DEMO_MERCHANT_ID));
    expect(row).toMatchObject({ status: "pending_review", currentRevision: 1, organizationType: "2", merchantShortname: "示例科技" });
    const submitted = await t.db.select().from(applicationEvents).where(and(eq(applicationEvents.merchantId, DEMO_MERCHANT_ID), eq(applicationEvents.type, "submitted")));
    expect(submitted).toHaveLength(1);
    expect(submitted[0]).toMatchObject({ fromStatus: "draft", toStatus: "pending_review", revision: 1 });
  });

  it("locks the draft while it is under review", async () => {
    const view = await loadApplication(t.db, base);
    expect(view.editable).toBe(false);
    await expect(saveDraft(t.db, { ...base, actorId, baseVersion: view.draft.version, step: "subject", values: {} })).rejects.toMatchObject({ code: "conflict" });
  });

  it("after changes are requested, an unchanged draft can be submitted again as a new revision", async () => {
    await t.db.update(applications).set({ status: "changes_requested" }).where(eq(applications.merchantId, DEMO_MERCHANT_ID));
    const view = await loadApplication(t.db, base);
    const result = await submitApplication(t.db, { ...base, actorId, merchantName: MERCHANT_NAME, baseVersion: view.draft.version, today: TODAY });
    expect(result).toMatchObject({ revision: 2, status: "pending_review", replayed: false });
  });

  it("refuses a submit made from an older version than the stored draft", async () => {
    const merchantId = SECOND_MERCHANT_ID;
    const first = await saveDraft(t.db, { merchantId, ring, actorId: secondActorId, baseVersion: 0, step: "review", values: passportAgentApplication() });
    await saveDraft(t.db, { merchantId, ring, actorId: secondActorId, baseVersion: first.version, step: "review", values: passportAgentApplication() });
    await expect(submitApplication(t.db, { merchantId, ring, actorId: secondActorId, merchantName: MERCHANT_NAME, baseVersion: first.version, today: TODAY })).rejects.toMatchObject({ code: "conflict" });
  });

  it("a viewer (cannot edit) gets an editable draft read-only with every personal value masked", async () => {
    const merchantId = SECOND_MERCHANT_ID;
    const plain = JSON.stringify((await loadApplication(t.db, { merchantId, ring, canEdit: true })).draft.values);
    const forViewer = await loadApplication(t.db, { merchantId, ring, canEdit: false });
    expect(forViewer.editable).toBe(false);
    const masked = JSON.stringify(forViewer.draft.values);
    for (const secret of ["E12345678", "agent@example.com", "13900139000", "6222020200112233"]) {
      expect(plain).toContain(secret);
      expect(masked).not.toContain(secret);
    }
  });

  it("scopes everything to the merchant", async () => {
    const other = await loadApplication(t.db, { merchantId: SECOND_MERCHANT_ID, ring, canEdit: true });
    expect(other.draft.values).toMatchObject({ id_doc_type: "IDENTIFICATION_TYPE_OVERSEA_PASSPORT" });
    const timeline = await listTimeline(t.db, { merchantId: DEMO_MERCHANT_ID });
    expect(timeline.map((e) => e.type)).toEqual(["created", "saved", "submitted", "submitted"]);
    expect((await listTimeline(t.db, { merchantId: SECOND_MERCHANT_ID })).every((e) => e.type !== "submitted")).toBe(true);
  });
});
