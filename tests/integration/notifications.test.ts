import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import type { ParsedMail } from "mailparser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { applicationEvents, auditLog, merchants, notifications, users, type UserRole } from "@/db/schema";
import { getMailSettings, saveMailSettings } from "@/lib/accounts/mail-settings";
import { DELIVERY_LEASE_MS, MAX_DELIVERY_ATTEMPTS, deliverNotifications } from "@/lib/notifications/deliver";
import { queueWithdrawalNotice } from "@/lib/notifications/queue";
import { addFieldComment } from "@/lib/review/comment";
import { requestChanges } from "@/lib/review/request-changes";
import { sendStaffDigest } from "@/lib/review/staff-digest";
import type { ReviewActor } from "@/lib/review/support-actor";
import { moveApplication } from "@/lib/applications/lifecycle";
import { applicationIn, submittedApplication } from "../factories/applications";
import { createTestDb, testEngines, type TestDb } from "../helpers/db";
import { createMerchant, sampleQualification, testRing } from "../helpers/applications";
import { startTestSmtp } from "../helpers/smtp";

const base = "http://console.test";
let smtp: Awaited<ReturnType<typeof startTestSmtp>>;

beforeAll(async () => {
  smtp = await startTestSmtp();
  // The mail module reads its transport from the configuration, parsed once per process.
  process.env.DATA_DIR = mkdtempSync(path.join(tmpdir(), "notifications-"));
  process.env.SMTP_URL = smtp.url;
});
afterAll(async () => smtp?.close());

const recipientsOf = (m: ParsedMail) => (Array.isArray(m.to) ? m.to : m.to ? [m.to] : []).flatMap((a) => a.value.map((v) => v.address));
const mailsTo = (email: string) => smtp.messages.filter((m) => recipientsOf(m).includes(email));

describe.each(testEngines)("notifications on %s", (engine) => {
  let t: TestDb;
  let support: ReviewActor;
  const deliver = (now = new Date()) => deliverNotifications(t.db, now, { baseUrl: base });

  beforeAll(async () => {
    t = await createTestDb(engine);
    support = { id: await person(t.db, { role: "support", locale: "en" }), role: "support" };
    // A fresh embedded database with every migration takes most of a minute on a busy machine.
  }, 300_000);
  afterAll(async () => t?.destroy());

  async function person(db: Db, { role, merchantId = null, locale = "zh-CN", optOut = false, deactivated = false }: { role: UserRole; merchantId?: string | null; locale?: string; optOut?: boolean; deactivated?: boolean }) {
    const [row] = await db
      .insert(users)
      .values({ email: `${role}-${randomUUID()}@notify.test`, name: role, passwordHash: "x", role, merchantId, locale, mailOptOut: optOut, deactivatedAt: deactivated ? new Date() : null })
      .returning({ id: users.id });
    return row!.id;
  }
  const emailOf = async (id: string) => (await t.db.select({ email: users.email }).from(users).where(eq(users.id, id)))[0]!.email;

  /** A merchant whose owner reads English, an admin Chinese, a viewer English, and a removed admin. */
  async function team(options: { ownerOptOut?: boolean } = {}) {
    const m = await createMerchant(t.db);
    await t.db.update(users).set({ locale: "en", mailOptOut: options.ownerOptOut ?? false }).where(eq(users.id, m.adminId));
    const admin = await person(t.db, { role: "admin", merchantId: m.merchantId });
    const viewer = await person(t.db, { role: "viewer", merchantId: m.merchantId, locale: "en" });
    const removed = await person(t.db, { role: "admin", merchantId: m.merchantId, deactivated: true });
    const [merchant] = await t.db.select({ name: merchants.name }).from(merchants).where(eq(merchants.id, m.merchantId));
    return { ...m, owner: await emailOf(m.adminId), admin: await emailOf(admin), viewer: await emailOf(viewer), removed: await emailOf(removed), merchantName: merchant!.name };
  }

  it("changes requested: one mail per owner and admin in their language listing the fields, sent once even by two deliveries at once", async () => {
    const m = await team();
    const app = await submittedApplication(t.db, m, sampleQualification());
    for (const fieldPath of ["merchant_shortname", "id_card_info.id_card_number"]) {
      await addFieldComment(t.db, testRing, support, { applicationId: app.applicationId, expectedRevision: 1, fieldPath, body: "请修改" });
    }
    await requestChanges(t.db, support, { applicationId: app.applicationId, expectedRevision: 1 });

    // Queued with the status change; viewers cannot act on it and the removed admin is gone.
    const queued = await t.db.select().from(notifications).where(eq(notifications.merchantId, m.merchantId));
    expect(queued.map((n) => n.kind)).toEqual(["changesRequested", "changesRequested"]);
    expect(queued.every((n) => n.essential)).toBe(true);

    const runs = await Promise.all([deliver(), deliver()]);
    expect(runs.reduce((sum, r) => sum + r.sent, 0)).toBe(2);
    await smtp.waitFor(m.admin);
    expect(await deliver()).toEqual({ sent: 0, skipped: 0, failed: 0 });
    expect(mailsTo(m.owner)).toHaveLength(1);
    expect(mailsTo(m.admin)).toHaveLength(1);
    expect(mailsTo(m.viewer)).toHaveLength(0);
    expect(mailsTo(m.removed)).toHaveLength(0);

    const [english] = mailsTo(m.owner);
    expect(english!.subject).toBe(`${m.merchantName}: please change your application`);
    expect(english!.text).toContain("- Merchant short name\n- ID card number");
    expect(english!.text).toContain(`${base}/onboarding`);
    expect(english!.html).toContain("<li>Merchant short name</li><li>ID card number</li>");
    const [chinese] = mailsTo(m.admin);
    expect(chinese!.subject).toBe(`${m.merchantName}：请修改进件资料`);
    expect(chinese!.text).toContain("- 商户简称\n- 身份证号码");
    expect(chinese!.html).toContain('<html lang="zh-CN">');
    const rows = await t.db.select().from(notifications).where(eq(notifications.merchantId, m.merchantId));
    expect(rows.map((r) => [r.state, r.attempts])).toEqual([["sent", 1], ["sent", 1]]);
  });

  it("an opt-out silences information mails, never the ones asking to act; viewers get information only", async () => {
    const m = await team({ ownerOptOut: true });
    const app = await applicationIn(t.db, m, "submitting", sampleQualification());
    await t.db.transaction(async (tx) => {
      await moveApplication(tx as unknown as Db, { applicationId: app.applicationId, merchantId: m.merchantId, to: "submitted", actor: { kind: "system" }, event: { type: "sent_to_wechat", revision: 1 } });
    });
    await t.db.transaction(async (tx) => {
      await moveApplication(tx as unknown as Db, { applicationId: app.applicationId, merchantId: m.merchantId, to: "account_verification", actor: { kind: "system" }, event: { type: "wechat_account_verification", revision: 1 } });
    });
    const result = await deliver();
    expect(result).toMatchObject({ sent: 4, skipped: 1 });

    expect(mailsTo(m.owner).map((x) => x.subject)).toEqual([`${m.merchantName}: WeChat asks for a transfer verification`]);
    expect(mailsTo(m.viewer).map((x) => x.subject)).toEqual([`${m.merchantName}: application sent to WeChat`]);
    expect(mailsTo(m.admin).map((x) => x.subject).sort()).toEqual([`${m.merchantName}：微信要求汇款验证`, `${m.merchantName}：申请已提交微信`]);
    const [skipped] = await t.db.select().from(notifications).where(and(eq(notifications.merchantId, m.merchantId), eq(notifications.state, "skipped")));
    expect(skipped).toMatchObject({ kind: "sentToWechat", lastError: "opted_out" });
  });

  it("tells of a bank return with the amount, and retries a refused send with backoff until it gives up", async () => {
    const m = await team();
    const withdrawalId = randomUUID();
    await t.db.transaction((tx) => queueWithdrawalNotice(tx as unknown as Db, { id: randomUUID(), withdrawalId, merchantId: m.merchantId, toStatus: "returned", amountMinor: 214, currency: "CNY" }));
    let now = new Date();
    let refusals = 0;
    const refuse = async () => {
      refusals++;
      throw new Error(`550 mailbox unavailable: ${m.owner}`);
    };
    expect(await deliverNotifications(t.db, now, { baseUrl: base, send: refuse })).toMatchObject({ failed: 2 });
    const [row] = await t.db.select().from(notifications).where(and(eq(notifications.merchantId, m.merchantId), eq(notifications.userId, m.adminId)));
    expect(row).toMatchObject({ state: "pending", attempts: 1, lastError: "550 mailbox unavailable: <address>" });
    expect(row!.nextAttemptAt.getTime()).toBe(now.getTime() + 60_000);
    // Not due yet: nothing is tried.
    expect(await deliverNotifications(t.db, now, { baseUrl: base, send: refuse })).toMatchObject({ failed: 0 });

    // The first retry goes through for real.
    now = new Date(now.getTime() + 60_000);
    expect(await deliver(now)).toMatchObject({ sent: 2 });
    const english = await smtp.waitFor(m.owner);
    expect(english.subject).toBe(`${m.merchantName}: a withdrawal came back`);
    expect(english.text).toContain("CN¥2.14");
    expect(english.text).toContain(`${base}/withdrawals/${withdrawalId}`);
    expect(mailsTo(m.viewer)).toHaveLength(0);

    // A mail that is never accepted is given up after the last attempt, and kept as failed.
    await t.db.transaction((tx) => queueWithdrawalNotice(tx as unknown as Db, { id: randomUUID(), withdrawalId, merchantId: m.merchantId, toStatus: "failed", amountMinor: 100, currency: "CNY" }));
    refusals = 0;
    for (let i = 0; i < MAX_DELIVERY_ATTEMPTS + 2; i++) {
      now = new Date(now.getTime() + DELIVERY_LEASE_MS + 3_600_000);
      await deliverNotifications(t.db, now, { baseUrl: base, send: refuse });
    }
    expect(refusals).toBe(MAX_DELIVERY_ATTEMPTS * 3);
    const failed = await t.db.select().from(notifications).where(and(eq(notifications.merchantId, m.merchantId), eq(notifications.kind, "withdrawalFailed")));
    expect(failed.map((f) => [f.state, f.attempts])).toEqual([["failed", MAX_DELIVERY_ATTEMPTS], ["failed", MAX_DELIVERY_ATTEMPTS], ["failed", MAX_DELIVERY_ATTEMPTS]]);
  });

  it("the staff digest lists only applications waiting longer than a day, once a day, to staff who want it", async () => {
    const now = new Date();
    const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000);
    const reader = await person(t.db, { role: "support_admin", locale: "en" });
    const optedOut = await person(t.db, { role: "support", optOut: true });
    const gone = await person(t.db, { role: "support", deactivated: true });

    const slowReview = await createMerchant(t.db, `久等审核${randomUUID().slice(0, 6)}有限公司`);
    await submittedApplication(t.db, slowReview, sampleQualification(), { at: daysAgo(2) });
    const freshReview = await createMerchant(t.db, `刚提交${randomUUID().slice(0, 6)}有限公司`);
    await submittedApplication(t.db, freshReview, sampleQualification(), { at: new Date(now.getTime() - 3_600_000) });
    const stuckAtWeChat = await createMerchant(t.db, `微信卡住${randomUUID().slice(0, 6)}有限公司`);
    await applicationIn(t.db, stuckAtWeChat, "auditing", sampleQualification(), { at: daysAgo(3) });
    // Long in review once, but it moved on to WeChat an hour ago: not waiting a day in its state.
    const movedOn = await createMerchant(t.db, `刚送微信${randomUUID().slice(0, 6)}有限公司`);
    const moved = await applicationIn(t.db, movedOn, "checking", sampleQualification(), { at: daysAgo(4) });
    await t.db.insert(applicationEvents).values({ applicationId: moved.applicationId, merchantId: movedOn.merchantId, type: "wechat_checking", fromStatus: "submitted", toStatus: "checking", revision: 1, createdAt: new Date(now.getTime() - 3_600_000) });
    const done = await createMerchant(t.db, `已开通${randomUUID().slice(0, 6)}有限公司`);
    await applicationIn(t.db, done, "finished", sampleQualification(), { at: daysAgo(5) });

    const first = await sendStaffDigest(t.db, now);
    expect(await sendStaffDigest(t.db, new Date(now.getTime() + 60_000))).toEqual({ rows: 0 });
    const queued = await t.db.select().from(notifications).where(eq(notifications.kind, "staffDigest"));
    expect(first.rows).toBe(queued.length);
    expect(queued.map((q) => q.userId)).toEqual(expect.arrayContaining([reader, optedOut, support.id]));
    expect(queued.map((q) => q.userId)).not.toContain(gone);

    await deliver();
    const mail = await smtp.waitFor(await emailOf(reader));
    expect(mail.subject).toBe("2 applications waiting longer than a day");
    const names = async (m: { merchantId: string }) => (await t.db.select({ name: merchants.name }).from(merchants).where(eq(merchants.id, m.merchantId)))[0]!.name;
    const lines = mail.text!.split("\n").filter((line) => line.startsWith("- "));
    expect(lines).toHaveLength(2);
    expect(lines[0]).toContain(`${await names(stuckAtWeChat)}: WeChat reviewing, waiting since`);
    expect(lines[1]).toContain(`${await names(slowReview)}: Pending review, waiting since`);
    expect(mail.text).toContain(`${base}/support/review`);
    expect(mailsTo(await emailOf(optedOut))).toHaveLength(0);
  });

  it("saving one's mail settings keeps them and audits turning information mail off and on, not a mere save", async () => {
    const m = await team();
    await saveMailSettings(t.db, m.adminId, { optOut: true, locale: "en" });
    await saveMailSettings(t.db, m.adminId, { optOut: true, locale: "zh-CN" });
    expect(await getMailSettings(t.db, m.adminId)).toEqual({ optOut: true, locale: "zh-CN" });
    await saveMailSettings(t.db, m.adminId, { optOut: false, locale: "zh-CN" });
    const audits = await t.db.select().from(auditLog).where(eq(auditLog.subjectId, m.adminId)).orderBy(auditLog.createdAt);
    expect(audits.map((a) => [a.action, a.actorId, a.merchantId])).toEqual([["mail_opted_out", m.adminId, m.merchantId], ["mail_opted_in", m.adminId, m.merchantId]]);
  });
});
