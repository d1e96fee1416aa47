import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applications, fieldComments } from "@/db/schema";
import { loadDraftFlags } from "@/lib/applications/flagged-fields";
import { loadApplication } from "@/lib/applications/load-application";
import { saveDraft } from "@/lib/applications/save-draft";
import { submitApplication } from "@/lib/applications/submit-application";
import { addFieldComment } from "@/lib/review/comment";
import { getReviewDetail } from "@/lib/review/detail";
import { getFeedbackForMerchant } from "@/lib/review/merchant-feedback";
import { requestChanges } from "@/lib/review/request-changes";
import type { ReviewActor } from "@/lib/review/support-actor";
import { MERCHANT_NAME, TODAY, enterpriseApplication } from "../fixtures/qualification";
import { createMerchant, createSupportUser, testRing } from "../helpers/applications";
import { createTestDb, testEngines, type TestDb } from "../helpers/db";

describe.each(testEngines)("resubmission after flagged fields on %s", (engine) => {
  let t: TestDb;
  let support: ReviewActor;
  beforeAll(async () => {
    t = await createTestDb(engine);
    support = { id: await createSupportUser(t.db), role: "support" };
  });
  afterAll(async () => t?.destroy());

  const context = { merchantName: MERCHANT_NAME, today: TODAY };

  /** A merchant whose first revision support sent back with comments on the given fields. */
  async function sentBack(flagged: string[]) {
    const m = await createMerchant(t.db, MERCHANT_NAME);
    const base = { merchantId: m.merchantId, actorId: m.adminId, ring: testRing };
    const { version } = await saveDraft(t.db, { ...base, baseVersion: 0, step: "review", values: enterpriseApplication() });
    const first = await submitApplication(t.db, { ...base, merchantName: MERCHANT_NAME, baseVersion: version, today: TODAY });
    for (const fieldPath of flagged) await addFieldComment(t.db, testRing, support, { applicationId: first.applicationId, expectedRevision: 1, fieldPath, body: `请修改 ${fieldPath}` });
    await requestChanges(t.db, support, { applicationId: first.applicationId, expectedRevision: 1 });
    return { ...m, base, applicationId: first.applicationId };
  }
  const save = async (m: Awaited<ReturnType<typeof sentBack>>, values: ReturnType<typeof enterpriseApplication>) => {
    const view = await loadApplication(t.db, { merchantId: m.merchantId, ring: testRing, canEdit: true });
    return (await saveDraft(t.db, { ...m.base, baseVersion: view.draft.version, step: "review", values })).version;
  };
  const submit = (m: Awaited<ReturnType<typeof sentBack>>, version: number, replies?: Record<string, string>) =>
    submitApplication(t.db, { ...m.base, merchantName: MERCHANT_NAME, baseVersion: version, today: TODAY, replies });
  const statusOf = async (id: string) => (await t.db.select({ s: applications.status }).from(applications).where(eq(applications.id, id)))[0]!.s;

  it("refuses an unchanged resubmission with an error on each flagged field, and keeps the application with the merchant", async () => {
    const m = await sentBack(["merchant_shortname", "contact_info.mobile_phone"]);
    const version = await save(m, enterpriseApplication());
    const error = await submit(m, version).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "validation_failed", fields: { merchant_shortname: "wizard.review.flags.unresolved", "contact_info.mobile_phone": "wizard.review.flags.unresolved" } });
    expect(await statusOf(m.applicationId)).toBe("changes_requested");
    expect(await loadDraftFlags(t.db, { merchantId: m.merchantId, ring: testRing, context })).toEqual([
      { fieldPath: "merchant_shortname", source: "support", changed: false },
      { fieldPath: "contact_info.mobile_phone", source: "support", changed: false },
    ]);
  });

  it("still refuses while one flagged field is unchanged and unanswered; a blank reply is no answer", async () => {
    const m = await sentBack(["merchant_shortname", "contact_info.mobile_phone"]);
    const version = await save(m, { ...enterpriseApplication(), merchant_shortname: "示例科技二号" });
    expect((await loadDraftFlags(t.db, { merchantId: m.merchantId, ring: testRing, context })).map((f) => f.changed)).toEqual([true, false]);
    const error = await submit(m, version, { "contact_info.mobile_phone": "   " }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "validation_failed", fields: { "contact_info.mobile_phone": "wizard.review.flags.unresolved" } });
    expect(Object.keys((error as { fields: object }).fields)).toEqual(["contact_info.mobile_phone"]);
  });

  it("accepts once every flagged field changed or carries a reply, and shows the reply to support on the new revision only", async () => {
    const m = await sentBack(["merchant_shortname", "contact_info.mobile_phone"]);
    const version = await save(m, { ...enterpriseApplication(), merchant_shortname: "示例科技二号" });
    const result = await submit(m, version, { "contact_info.mobile_phone": "这是法人本人的号码，无需修改", merchant_shortname: "ignored: the field changed" });
    expect(result).toMatchObject({ revision: 2, status: "pending_review", replayed: false });
    const replies = await t.db.select().from(fieldComments).where(and(eq(fieldComments.applicationId, m.applicationId), eq(fieldComments.source, "merchant")));
    expect(replies).toMatchObject([{ fieldPath: "contact_info.mobile_phone", body: "这是法人本人的号码，无需修改", revision: 2, authorId: m.adminId, merchantId: m.merchantId }]);
    const detail = await getReviewDetail(t.db, testRing, { applicationId: m.applicationId });
    expect(detail.comments.filter((c) => c.source === "merchant").map((c) => c.body)).toEqual(["这是法人本人的号码，无需修改"]);
    // The merchant's own reply never comes back to them as something to fix.
    await addFieldComment(t.db, testRing, support, { applicationId: m.applicationId, expectedRevision: 2, fieldPath: "merchant_shortname", body: "还是不行" });
    await requestChanges(t.db, support, { applicationId: m.applicationId, expectedRevision: 2 });
    expect((await getFeedbackForMerchant(t.db, { merchantId: m.merchantId })).comments.map((c) => c.fieldPath)).toEqual(["merchant_shortname"]);
  });

  it("counts a change of a photo under a flagged group and a WeChat reason like support's", async () => {
    const merchant = await createMerchant(t.db, MERCHANT_NAME);
    const base = { merchantId: merchant.merchantId, actorId: merchant.adminId, ring: testRing };
    const { version } = await saveDraft(t.db, { ...base, baseVersion: 0, step: "review", values: enterpriseApplication() });
    const first = await submitApplication(t.db, { ...base, merchantName: MERCHANT_NAME, baseVersion: version, today: TODAY });
    await t.db.update(applications).set({ status: "rejected" }).where(eq(applications.id, first.applicationId));
    await t.db.insert(fieldComments).values({ applicationId: first.applicationId, merchantId: merchant.merchantId, revision: 1, fieldPath: "id_card_info", body: "身份证照片模糊", source: "wechat" });
    const values = enterpriseApplication();
    const next = await saveDraft(t.db, { ...base, baseVersion: version, step: "review", values: { ...values, id_card_info: { ...values.id_card_info, wxa_id_card_copy: { media_id: "media-new", pay_media_id: "pay-media-new" } } } });
    expect(await loadDraftFlags(t.db, { merchantId: merchant.merchantId, ring: testRing, context })).toEqual([{ fieldPath: "id_card_info", source: "wechat", changed: true }]);
    await expect(submitApplication(t.db, { ...base, merchantName: MERCHANT_NAME, baseVersion: next.version, today: TODAY })).resolves.toMatchObject({ revision: 2, status: "pending_review" });
  });
});
