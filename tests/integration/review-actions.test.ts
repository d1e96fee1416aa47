import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "@/db/client";
import { applicationEvents, applications, auditLog, fieldComments, wechatSubmissions } from "@/db/schema";
import { listAuditLog } from "@/lib/audit/list-audit";
import { approveApplication } from "@/lib/review/approve";
import { addFieldComment, deleteFieldComment } from "@/lib/review/comment";
import { getReviewDetail } from "@/lib/review/detail";
import { listTimeline } from "@/lib/applications/load-application";
import { getFeedbackForMerchant } from "@/lib/review/merchant-feedback";
import { requestChanges } from "@/lib/review/request-changes";
import { revealField } from "@/lib/review/reveal";
import type { ReviewActor } from "@/lib/review/support-actor";
import { submittedApplication } from "../factories/applications";
import { createTestDb, testEngines, type TestDb } from "../helpers/db";
import { createMerchant, createSupportUser, sampleQualification, testRing } from "../helpers/applications";

describe.each(testEngines)("review actions on %s", (engine) => {
  let t: TestDb;
  let support: ReviewActor;
  let support2: ReviewActor;
  beforeAll(async () => {
    t = await createTestDb(engine);
    support = { id: await createSupportUser(t.db, "Support A"), role: "support" };
    support2 = { id: await createSupportUser(t.db, "Support B"), role: "support" };
  });
  afterAll(async () => t?.destroy());

  async function pending() {
    const m = await createMerchant(t.db);
    const s = await submittedApplication(t.db, m, sampleQualification());
    return { ...m, ...s, merchantActor: { id: m.adminId, role: "owner" } as ReviewActor };
  }
  const counts = async (applicationId: string) => {
    const [row] = await queryRows<{ events: number; comments: number; audits: number; submissions: number }>(
      t.db,
      sql`select
        (select count(*)::int from application_events where application_id = ${applicationId}) as events,
        (select count(*)::int from field_comments where application_id = ${applicationId}) as comments,
        (select count(*)::int from audit_log where subject_id = ${applicationId}) as audits,
        (select count(*)::int from wechat_submissions where application_id = ${applicationId}) as submissions`,
    );
    return row!;
  };
  const statusOf = async (id: string) => (await t.db.select({ s: applications.status }).from(applications).where(eq(applications.id, id)))[0]!.s;

  it("comments on a field with an internal event and an audit row", async () => {
    const app = await pending();
    await addFieldComment(t.db, testRing, support, { applicationId: app.applicationId, expectedRevision: 1, fieldPath: "id_card_info.id_card_number", body: "号码与照片不一致" });
    const [comment] = await t.db.select().from(fieldComments).where(eq(fieldComments.applicationId, app.applicationId));
    expect(comment).toMatchObject({ fieldPath: "id_card_info.id_card_number", body: "号码与照片不一致", source: "support", revision: 1, authorId: support.id, merchantId: app.merchantId });
    const events = await t.db.select().from(applicationEvents).where(and(eq(applicationEvents.applicationId, app.applicationId), eq(applicationEvents.type, "commented")));
    expect(events).toHaveLength(1);
    expect(events[0]!.internal).toBe(true);
    const audits = await t.db.select().from(auditLog).where(eq(auditLog.subjectId, app.applicationId));
    expect(audits).toMatchObject([{ action: "comment", actorId: support.id, fieldPath: "id_card_info.id_card_number", merchantId: app.merchantId }]);
  });

  it("refuses a comment on a field the application does not have, and an empty one", async () => {
    const app = await pending();
    await expect(addFieldComment(t.db, testRing, support, { applicationId: app.applicationId, expectedRevision: 1, fieldPath: "nothing.here", body: "x" })).rejects.toMatchObject({ code: "validation_failed" });
    await expect(addFieldComment(t.db, testRing, support, { applicationId: app.applicationId, expectedRevision: 1, fieldPath: "merchant_shortname", body: "   " })).rejects.toMatchObject({ issues: [{ path: ["body"], message: "review.errors.commentRequired" }] });
    // Only the draft's "created" and the "submitted" events: the refusals wrote nothing.
    expect(await counts(app.applicationId)).toMatchObject({ comments: 0, audits: 0, events: 2 });
  });

  it("withdraws a comment before the decision", async () => {
    const app = await pending();
    const { id } = await addFieldComment(t.db, testRing, support, { applicationId: app.applicationId, expectedRevision: 1, fieldPath: "merchant_shortname", body: "太短" });
    await deleteFieldComment(t.db, support, { applicationId: app.applicationId, expectedRevision: 1, commentId: id });
    expect(await counts(app.applicationId)).toMatchObject({ comments: 0, audits: 2 });
    await expect(deleteFieldComment(t.db, support, { applicationId: app.applicationId, expectedRevision: 1, commentId: id })).rejects.toMatchObject({ code: "not_found" });
  });

  it("requires at least one comment to request changes, then sends it back with the note", async () => {
    const app = await pending();
    await expect(requestChanges(t.db, support, { applicationId: app.applicationId, expectedRevision: 1 })).rejects.toMatchObject({ code: "validation_failed" });
    expect(await statusOf(app.applicationId)).toBe("pending_review");
    await addFieldComment(t.db, testRing, support, { applicationId: app.applicationId, expectedRevision: 1, fieldPath: "merchant_shortname", body: "简称需与所售商品一致" });
    await addFieldComment(t.db, testRing, support, { applicationId: app.applicationId, expectedRevision: 1, fieldPath: "id_card_info.wxa_id_card_copy", body: "照片反光" });
    await requestChanges(t.db, support, { applicationId: app.applicationId, expectedRevision: 1, note: "请修改两处后重新提交" });
    expect(await statusOf(app.applicationId)).toBe("changes_requested");
    const [event] = await t.db.select().from(applicationEvents).where(and(eq(applicationEvents.applicationId, app.applicationId), eq(applicationEvents.type, "changes_requested")));
    expect(event).toMatchObject({ fromStatus: "pending_review", toStatus: "changes_requested", actorId: support.id, actorRole: "support", note: "请修改两处后重新提交", internal: false, revision: 1 });
    expect(event!.details).toMatchObject({ fieldPaths: ["merchant_shortname", "id_card_info.wxa_id_card_copy"] });

    const feedback = await getFeedbackForMerchant(t.db, { merchantId: app.merchantId });
    expect(feedback).toMatchObject({ status: "changes_requested", revision: 1 });
    expect(feedback.comments).toEqual([
      { fieldPath: "merchant_shortname", body: "简称需与所售商品一致", source: "support" },
      { fieldPath: "id_card_info.wxa_id_card_copy", body: "照片反光", source: "support" },
    ]);
    // A stale page cannot act again on an application that has moved on.
    await expect(approveApplication(t.db, support, { applicationId: app.applicationId, expectedRevision: 1 })).rejects.toMatchObject({ code: "conflict" });
    await expect(addFieldComment(t.db, testRing, support, { applicationId: app.applicationId, expectedRevision: 1, fieldPath: "merchant_shortname", body: "x" })).rejects.toMatchObject({ code: "conflict" });
  });

  it("keeps comments away from the merchant while the review is open", async () => {
    const app = await pending();
    await addFieldComment(t.db, testRing, support, { applicationId: app.applicationId, expectedRevision: 1, fieldPath: "merchant_shortname", body: "内部讨论" });
    expect((await getFeedbackForMerchant(t.db, { merchantId: app.merchantId })).comments).toEqual([]);
    expect((await listTimeline(t.db, { merchantId: app.merchantId })).map((e) => e.type)).toEqual(["created", "submitted"]);
  });

  it("approves, records the event and audit row, and enqueues one WeChat submission in the same transaction", async () => {
    const app = await pending();
    await approveApplication(t.db, support, { applicationId: app.applicationId, expectedRevision: 1, note: "资料齐全", noteInternal: "on" });
    expect(await statusOf(app.applicationId)).toBe("approved");
    const [submission] = await t.db.select().from(wechatSubmissions).where(eq(wechatSubmissions.applicationId, app.applicationId));
    expect(submission).toMatchObject({ revision: 1, state: "pending", merchantId: app.merchantId });
    const [event] = await t.db.select().from(applicationEvents).where(and(eq(applicationEvents.applicationId, app.applicationId), eq(applicationEvents.type, "approved")));
    expect(event).toMatchObject({ note: null, details: { internalNote: "资料齐全" }, actorId: support.id });
    // The merchant's timeline shows the approval but neither the internal note nor the details.
    const timeline = await listTimeline(t.db, { merchantId: app.merchantId });
    expect(timeline.map((e) => e.type)).toEqual(["created", "submitted", "approved"]);
    expect(JSON.stringify(timeline)).not.toContain("资料齐全");
  });

  it("lets one of two reviewers acting at once win; the other gets a conflict and nothing is written twice", async () => {
    const app = await pending();
    await addFieldComment(t.db, testRing, support2, { applicationId: app.applicationId, expectedRevision: 1, fieldPath: "merchant_shortname", body: "改" });
    const results = await Promise.allSettled([
      approveApplication(t.db, support, { applicationId: app.applicationId, expectedRevision: 1 }),
      requestChanges(t.db, support2, { applicationId: app.applicationId, expectedRevision: 1 }),
      approveApplication(t.db, support2, { applicationId: app.applicationId, expectedRevision: 1 }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const rejected = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(rejected).toHaveLength(2);
    for (const r of rejected) expect(r.reason).toMatchObject({ code: "conflict", message: expect.stringMatching(/changed since the page was opened/) });
    const decisions = await t.db.select().from(applicationEvents).where(and(eq(applicationEvents.applicationId, app.applicationId), sql`${applicationEvents.type} in ('approved','changes_requested')`));
    expect(decisions).toHaveLength(1);
    const submissions = await t.db.select().from(wechatSubmissions).where(eq(wechatSubmissions.applicationId, app.applicationId));
    expect(submissions).toHaveLength(decisions[0]!.type === "approved" ? 1 : 0);
  });

  it("refuses merchant admins everything and writes nothing", async () => {
    const app = await pending();
    const before = await counts(app.applicationId);
    const input = { applicationId: app.applicationId, expectedRevision: 1 };
    await expect(addFieldComment(t.db, testRing, app.merchantActor, { ...input, fieldPath: "merchant_shortname", body: "x" })).rejects.toMatchObject({ code: "forbidden" });
    await expect(requestChanges(t.db, app.merchantActor, input)).rejects.toMatchObject({ code: "forbidden" });
    await expect(approveApplication(t.db, app.merchantActor, input)).rejects.toMatchObject({ code: "forbidden" });
    await expect(revealField(t.db, testRing, app.merchantActor, { applicationId: app.applicationId, revision: 1, fieldPath: "id_card_info.id_card_number", reason: "I want to see it" })).rejects.toMatchObject({ code: "forbidden" });
    expect(await counts(app.applicationId)).toEqual(before);
    expect(await statusOf(app.applicationId)).toBe("pending_review");
  });

  it("reveals one sensitive value with the reason in the audit log, and only sensitive values", async () => {
    const app = await pending();
    const result = await revealField(t.db, testRing, support, { applicationId: app.applicationId, revision: 1, fieldPath: "id_card_info.id_card_number", reason: "核对身份证照片" });
    expect(result).toEqual({ value: "310101199001011234" });
    const [audit] = await t.db.select().from(auditLog).where(and(eq(auditLog.subjectId, app.applicationId), eq(auditLog.action, "reveal")));
    expect(audit).toMatchObject({ actorId: support.id, merchantId: app.merchantId, fieldPath: "id_card_info.id_card_number", reason: "核对身份证照片" });
    await expect(revealField(t.db, testRing, support, { applicationId: app.applicationId, revision: 1, fieldPath: "id_card_info.id_card_number", reason: "" })).rejects.toMatchObject({ issues: [{ path: ["reason"], message: "review.errors.reasonRequired" }] });
    await expect(revealField(t.db, testRing, support, { applicationId: app.applicationId, revision: 1, fieldPath: "merchant_shortname", reason: "just looking" })).rejects.toMatchObject({ code: "bad_request" });
    await expect(revealField(t.db, testRing, support, { applicationId: app.applicationId, revision: 9, fieldPath: "id_card_info.id_card_number", reason: "just looking" })).rejects.toMatchObject({ code: "not_found" });
    expect((await t.db.select().from(auditLog).where(and(eq(auditLog.subjectId, app.applicationId), eq(auditLog.action, "reveal"))))).toHaveLength(1);
  });

  it("shows support the application masked, with what changed since the previous revision", async () => {
    const app = await pending();
    await addFieldComment(t.db, testRing, support, { applicationId: app.applicationId, expectedRevision: 1, fieldPath: "id_card_info.id_card_number", body: "号码有误" });
    await requestChanges(t.db, support, { applicationId: app.applicationId, expectedRevision: 1 });
    await submittedApplication(t.db, app, sampleQualification({ idCardNumber: "310101199001015678", shortname: "示例商城" }));

    const detail = await getReviewDetail(t.db, testRing, { applicationId: app.applicationId });
    expect(detail.application).toMatchObject({ status: "pending_review", revision: 2, merchantId: app.merchantId });
    expect(detail.previousRevision).toBe(1);
    const byPath = new Map(detail.fields.map((f) => [f.path, f]));
    expect(byPath.get("id_card_info.id_card_number")).toMatchObject({ display: "3101**********5678", previousDisplay: "3101**********1234", sensitive: true, changed: true });
    expect(byPath.get("merchant_shortname")).toMatchObject({ display: "示例商城", previousDisplay: "示例好物", changed: true, sensitive: false });
    expect(byPath.get("account_info.account_number")).toMatchObject({ changed: false, sensitive: true });
    expect(byPath.get("id_card_info.wxa_id_card_copy")!.photos).toEqual([{ media_id: "wxashop_front", pay_media_id: "pay_front" }]);
    expect(detail.fields.filter((f) => f.changed).map((f) => f.path).sort()).toEqual(["id_card_info.id_card_number", "merchant_shortname"]);
    expect(detail.previousComments.map((c) => c.body)).toEqual(["号码有误"]);
    expect(detail.comments).toEqual([]);
    expect(detail.miniProgram.appid).toMatch(/^wx/);
    expect(detail.timeline.map((e) => e.type)).toEqual(["created", "submitted", "commented", "changes_requested", "submitted"]);
    // No plaintext of a sensitive value leaves the loader.
    const serialized = JSON.stringify(detail);
    for (const secret of ["310101199001015678", "310101199001011234", "6222020200112233445", "boss@example.com", "15521050856", "科技园路1号"]) expect(serialized).not.toContain(secret);
  });

  it("lists review actions and reveals in the audit log, filterable by user and merchant", async () => {
    const a = await pending();
    const b = await pending();
    await revealField(t.db, testRing, support, { applicationId: a.applicationId, revision: 1, fieldPath: "contact_info.mobile_phone", reason: "联系商户核对" });
    await approveApplication(t.db, support2, { applicationId: b.applicationId, expectedRevision: 1 });
    const byMerchant = await listAuditLog(t.db, { merchant: a.merchantId });
    expect(byMerchant.rows.map((r) => [r.action, r.actorName, r.fieldPath, r.reason])).toEqual([["reveal", "Support A", "contact_info.mobile_phone", "联系商户核对"]]);
    const bySupport2 = await listAuditLog(t.db, { user: support2.id });
    expect(bySupport2.rows[0]).toMatchObject({ action: "approve", merchantId: b.merchantId, subjectId: b.applicationId });
    expect(bySupport2.rows.every((r) => r.actorId === support2.id)).toBe(true);

    // Walk the whole log two rows at a time, forwards then back: same rows, none twice.
    const all = await listAuditLog(t.db, {}, 1000);
    const seen: string[] = [];
    let page = await listAuditLog(t.db, {}, 2);
    const pages = [page];
    seen.push(...page.rows.map((r) => r.id));
    while (page.next) {
      page = await listAuditLog(t.db, { after: page.next }, 2);
      pages.push(page);
      seen.push(...page.rows.map((r) => r.id));
    }
    expect(seen).toEqual(all.rows.map((r) => r.id));
    const back = await listAuditLog(t.db, { before: pages[pages.length - 1]!.previous! }, 2);
    expect(back.rows.map((r) => r.id)).toEqual(pages[pages.length - 2]!.rows.map((r) => r.id));
    expect(all.total).toBe(all.rows.length);
  });
});
