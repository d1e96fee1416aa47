import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import sharp from "sharp";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { applicationEvents, applicationRevisions, applications, fieldComments, merchants, settlementAccounts, users, wechatSubmissions } from "@/db/schema";
import { openString, sealString } from "@/lib/crypto/at-rest";
import { dataKeyRing } from "@/lib/crypto/keys";
import type { PicFile } from "@/lib/qualification/schema";
import type { WeChatClient } from "@/lib/wechat/client";
import { enqueueSubmission } from "@/lib/wechat/enqueue-submission";
import { listUnknownStateAlerts } from "@/lib/review/wechat-alerts";
import { runPollWorker } from "@/lib/wechat/poll-worker";
import { sandboxKeyPair } from "@/lib/wechat/sandbox/keys";
import { decryptField, ENCRYPTED_WIRE_FIELDS } from "@/lib/wechat/sensitive-fields";
import { runSubmissionWorker } from "@/lib/wechat/submission-worker";
import { applicationIn } from "../factories/applications";
import { createTestDb, testEngines, type TestDb } from "../helpers/db";
import { startSandboxServer, testKeyRing, useTestDataKey, type SandboxServer } from "../helpers/wechat-sandbox";

useTestDataKey();

/** An application that satisfies the qualification schema (individual business, ID card, personal account). */
function qualification(pics: PicFile[], overrides: { shortname?: string; accountNumber?: string } = {}) {
  const [license, front, back] = pics as [PicFile, PicFile, PicFile];
  return {
    organization_type: "4",
    business_license_info: { legal_person: "张三丰", wxa_business_license_copy: license, business_time: ["2014-01-01", "长期"] },
    id_doc_type: "IDENTIFICATION_TYPE_MAINLAND_IDCARD",
    id_card_info: {
      wxa_id_card_copy: front,
      wxa_id_card_national: back,
      id_card_name: "张三丰",
      id_card_number: "11010519491231002X",
      id_card_valid_time_begin: "2020-01-01",
      id_card_valid_time: "2040-01-01",
    },
    contact_info: { contact_type: "65", contact_email: "zhang.sanfeng@example.com", mobile_phone: "13800138000" },
    account_info: { bank_account_type: "75", account_bank: "工商银行", account_name: "张三丰", bank_address_code: "110000", account_number: overrides.accountNumber ?? "6222020200012345678" },
    merchant_shortname: overrides.shortname ?? "示例小店",
    biz_type: 1,
  };
}

/** The fields WeChat's apply example sends encrypted. */
const plaintexts = (q: ReturnType<typeof qualification>) => ({
  "account_info.account_name": q.account_info.account_name,
  "account_info.account_number": q.account_info.account_number,
});

async function uploadPics(client: WeChatClient): Promise<PicFile[]> {
  const pics: PicFile[] = [];
  for (const colour of ["#a33", "#3a3", "#33a"]) {
    pics.push(await client.uploadImage({ bytes: await sharp({ create: { width: 60, height: 40, channels: 3, background: colour } }).jpeg().toBuffer(), filename: "photo.jpg", mimeType: "image/jpeg" }));
  }
  return pics;
}

describe.each(testEngines)("submission to WeChat and status polling on %s", (engine) => {
  let t: TestDb;
  let s: SandboxServer;
  let clockOffsetMs = 0;
  let pics: PicFile[];

  beforeAll(async () => {
    t = await createTestDb(engine);
    s = await startSandboxServer(t.db, { reviewSeconds: 60, now: () => new Date(Date.now() + clockOffsetMs) });
    pics = await uploadPics(s.client());
  });
  afterAll(async () => {
    await s?.close();
    await t?.destroy();
  });
  beforeEach(() => s.reset());

  /** A merchant with an application approved at revision 1. */
  async function applicationOf(data: ReturnType<typeof qualification>, status: "approved" | "pending_review" = "approved") {
    const merchantId = randomUUID();
    // Each merchant its own Mini Program, its photos uploaded under that Mini Program's token.
    const appid = `wx${merchantId.replace(/-/g, "").slice(0, 16)}`;
    await t.db.insert(merchants).values({ id: merchantId, name: `测试商户 ${merchantId.slice(0, 6)}`, miniProgram: { subject_name: "测试商户", nickname: "测试", appid, license_number: "91440300MA5XXXXXX1" } as never });
    const own = await uploadPics(s.client({ appid }));
    data = { ...data, business_license_info: { ...data.business_license_info, wxa_business_license_copy: own[0]! }, id_card_info: { ...data.id_card_info, wxa_id_card_copy: own[1]!, wxa_id_card_national: own[2]! } };
    const [owner] = await t.db.insert(users).values({ email: `owner-${merchantId}@test.test`, name: "店主", passwordHash: "x", role: "owner", merchantId }).returning({ id: users.id });
    const { applicationId } = await applicationIn(t.db, { merchantId, adminId: owner!.id }, status, data, { ring: dataKeyRing() });
    return statusOf(applicationId);
  }
  const statusOf = async (id: string) => (await t.db.select().from(applications).where(eq(applications.id, id)))[0]!;
  const opts = { pollIntervalSeconds: 0 };

  it("sends a revision exactly once under 20 concurrent approvals on two instances", async () => {
    const app = await applicationOf(qualification(pics));
    const instances = [s.clientsFor(), s.clientsFor()];
    const results = await Promise.all(
      Array.from({ length: 20 }, async (_, i) => {
        await enqueueSubmission(t.db, { applicationId: app.id });
        return runSubmissionWorker(t.db, instances[i % 2]!, opts);
      }),
    );
    expect(results.reduce((n, r) => n + r.sent, 0)).toBe(1);
    expect(s.count("/shop/wxpay/apply")).toBe(1);
    const rows = await t.db.select().from(wechatSubmissions).where(eq(wechatSubmissions.applicationId, app.id));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ state: "sent", attempts: 1, lastErrcode: 0 });
    expect((await statusOf(app.id)).status).toBe("submitted");
    const events = await t.db.select().from(applicationEvents).where(eq(applicationEvents.applicationId, app.id));
    expect(events.filter((e) => e.type === "sent_to_wechat")).toHaveLength(1);
  });

  it("encrypts exactly the fields the documented example encrypts, only the platform key opens them", async () => {
    const data = qualification(pics, { shortname: "加密小店" });
    const app = await applicationOf(data);
    await enqueueSubmission(t.db, { applicationId: app.id });
    await runSubmissionWorker(t.db, s.wechatFor, opts);
    const request = s.requests.find((r) => r.path.endsWith("/shop/wxpay/apply"))!;
    const raw = request.body.toString("utf8");
    const body = JSON.parse(raw) as Record<string, Record<string, string>>;
    // The example sends the ID and contact fields as plain text, and contact_id_doc_type fixed.
    expect(ENCRYPTED_WIRE_FIELDS).toEqual(["account_info.account_name", "account_info.account_number"]);
    expect(body.business_license_info!.legal_person).toBe(data.business_license_info.legal_person);
    expect(body.id_card_info!.id_card_number).toBe(data.id_card_info.id_card_number);
    expect(body.contact_info).toMatchObject({ contact_email: data.contact_info.contact_email, mobile_phone: data.contact_info.mobile_phone, contact_id_doc_type: "IDENTIFICATION_TYPE_MAINLAND_IDCARD" });
    // The account holder is also the legal person here: only the account fields must hide the name.
    const rest = JSON.stringify({ ...body, business_license_info: undefined, id_card_info: undefined });
    const keys = await sandboxKeyPair(t.db, testKeyRing);
    expect(request.headers["wechatpay-serial"]).toBe(keys.serial);
    for (const [path, plain] of Object.entries(plaintexts(data))) {
      expect(ENCRYPTED_WIRE_FIELDS).toContain(path);
      const [section, field] = path.split(".") as [string, string];
      const sent = body[section]![field]!;
      expect(sent, path).not.toBe(plain);
      expect(sent, path).toMatch(/^[A-Za-z0-9+/]+=*$/);
      expect(decryptField(keys.privateKeyPem, sent), path).toBe(plain);
      expect(rest.includes(plain), `${path} in plaintext`).toBe(false);
      expect(request.query.toString().includes(encodeURIComponent(plain)), path).toBe(false);
    }
    const events = await t.db.select().from(applicationEvents).where(eq(applicationEvents.applicationId, app.id));
    for (const plain of Object.values(plaintexts(data))) expect(JSON.stringify(events)).not.toContain(plain);
  });

  it("polls a submitted application until WeChat finishes it", async () => {
    const app = await applicationOf(qualification(pics, { shortname: "通过小店" }));
    await enqueueSubmission(t.db, { applicationId: app.id });
    await runSubmissionWorker(t.db, s.wechatFor, opts);
    expect(await runPollWorker(t.db, s.wechatFor, opts)).toMatchObject({ finished: 0 });
    // WeChat's first answer: checking the documents; a second identical answer adds no event.
    expect((await statusOf(app.id)).status).toBe("checking");
    await runPollWorker(t.db, s.wechatFor, opts);
    const auditing = () => t.db.select().from(applicationEvents).where(and(eq(applicationEvents.applicationId, app.id), eq(applicationEvents.type, "wechat_checking")));
    expect(await auditing()).toHaveLength(1);
    // Four review steps of 60 s each (checking, verification, auditing, signing).
    clockOffsetMs += 5 * 61_000;
    // Two instances polling at once: each application is read by one of them.
    s.requests.length = 0;
    const [a, b] = await Promise.all([runPollWorker(t.db, s.clientsFor(), opts), runPollWorker(t.db, s.clientsFor(), opts)]);
    expect(a.finished + b.finished).toBeGreaterThanOrEqual(1);
    expect(s.count("/shop/wxpay/get")).toBe(a.polled + b.polled);
    const after = await statusOf(app.id);
    expect(after).toMatchObject({ status: "finished", nextPollAt: null });
    const events = await t.db.select().from(applicationEvents).where(and(eq(applicationEvents.applicationId, app.id), eq(applicationEvents.type, "wechat_finished")));
    expect(events).toHaveLength(1);
    expect(events[0]!.details).toMatchObject({ sub_mchid: expect.stringMatching(/^\d{10}$/) });
    expect(await auditing()).toHaveLength(1);
    // The open account's settlement account is the application's, sealed, ready for withdrawals.
    const [account] = await t.db.select().from(settlementAccounts).where(eq(settlementAccounts.merchantId, app.merchantId));
    const submitted = qualification(pics, { shortname: "通过小店" }).account_info!;
    expect(account).toMatchObject({ bankAccountType: submitted.bank_account_type, accountBank: submitted.account_bank, bankAddressCode: submitted.bank_address_code });
    expect(account!.accountNumberSealed).not.toContain(submitted.account_number);
    expect(openString(dataKeyRing(), account!.accountNumberSealed)).toBe(submitted.account_number);
  });

  it("polls to rejected and attaches WeChat's reasons to the fields they name", async () => {
    const app = await applicationOf(qualification(pics, { shortname: "驳回演示" }));
    await enqueueSubmission(t.db, { applicationId: app.id });
    await runSubmissionWorker(t.db, s.wechatFor, opts);
    // Four review steps of 60 s each (checking, verification, auditing, signing).
    clockOffsetMs += 5 * 61_000;
    await runPollWorker(t.db, s.wechatFor, opts);
    const after = await statusOf(app.id);
    expect(after.status).toBe("rejected");
    expect(after.wechatMessage).toContain("商户简称");
    const comments = await t.db.select().from(fieldComments).where(eq(fieldComments.applicationId, app.id));
    // In WeChat's order, each a distinct moment so that readers ordering by time keep it.
    expect(comments.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime()).map((c) => c.fieldPath)).toEqual(["merchant_shortname", "account_info.account_name", "id_card_info.id_card_number"]);
    expect(comments.every((c) => c.source === "wechat" && c.revision === 1 && c.body.length > 0)).toBe(true);
  });

  it("keeps polling an undocumented state and puts it on support's dashboard from the third answer in a row", async () => {
    const app = await applicationOf(qualification(pics, { shortname: "未知状态小店" }));
    await enqueueSubmission(t.db, { applicationId: app.id });
    await runSubmissionWorker(t.db, s.wechatFor, opts);
    clockOffsetMs += 61_000;
    const alertFor = async () => (await listUnknownStateAlerts(t.db)).find((a) => a.applicationId === app.id);
    for (let answer = 1; answer <= 2; answer++) {
      await runPollWorker(t.db, s.wechatFor, opts);
      expect(await statusOf(app.id)).toMatchObject({ wechatState: "UNDOCUMENTED_STATE", wechatUnknownCount: answer });
      expect(await alertFor()).toBeUndefined();
    }
    await runPollWorker(t.db, s.wechatFor, opts);
    expect(await alertFor()).toEqual({ applicationId: app.id, merchantId: app.merchantId, merchantName: `测试商户 ${app.merchantId.slice(0, 6)}`, wechatState: "UNDOCUMENTED_STATE", answers: 3 });
    const after = await statusOf(app.id);
    // Never dropped: still due for another poll, and told once (one event), not on every answer.
    expect(after.nextPollAt).not.toBeNull();
    await runPollWorker(t.db, s.wechatFor, opts);
    expect((await alertFor())?.answers).toBe(4);
    const told = await t.db.select().from(applicationEvents).where(and(eq(applicationEvents.applicationId, app.id), eq(applicationEvents.type, "wechat_unknown_state")));
    expect(told).toHaveLength(1);
  });

  it("retries a transient failure later, then sends", async () => {
    const app = await applicationOf(qualification(pics, { shortname: "重试小店" }));
    await enqueueSubmission(t.db, { applicationId: app.id });
    s.sandbox.faults.queued.errcode_minus1 = 2;
    await runSubmissionWorker(t.db, s.clientsFor({ retries: 1 }), opts);
    const waiting = await statusOf(app.id);
    expect(waiting).toMatchObject({ status: "approved", wechatMessage: "wechat.errors.busy" });
    const [row] = await t.db.select().from(wechatSubmissions).where(eq(wechatSubmissions.applicationId, app.id));
    expect(row).toMatchObject({ state: "pending", attempts: 1, lastErrcode: -1 });
    expect(row!.nextAttemptAt.getTime()).toBeGreaterThan(Date.now() + 20_000);
    expect(await runSubmissionWorker(t.db, s.wechatFor, opts)).toMatchObject({ claimed: 0 });
    const later = () => new Date(Date.now() + 120_000);
    expect(await runSubmissionWorker(t.db, s.wechatFor, { ...opts, now: later })).toMatchObject({ sent: 1 });
    expect((await statusOf(app.id)).status).toBe("submitted");
    const retry = await t.db.select().from(applicationEvents).where(and(eq(applicationEvents.applicationId, app.id), eq(applicationEvents.type, "wechat_retry")));
    expect(retry[0]!.details).toMatchObject({ errcode: -1, errmsg: "system error" });
  });

  it("returns a permanent refusal to the merchant with WeChat's message on the field", async () => {
    const app = await applicationOf(qualification(pics, { shortname: "错误小店", accountNumber: "12AB" }));
    await enqueueSubmission(t.db, { applicationId: app.id });
    await runSubmissionWorker(t.db, s.wechatFor, opts);
    expect(s.count("/shop/wxpay/apply")).toBe(1);
    const after = await statusOf(app.id);
    expect(after).toMatchObject({ status: "rejected", wechatMessage: "wechat.errors.invalid_application" });
    const [row] = await t.db.select().from(wechatSubmissions).where(eq(wechatSubmissions.applicationId, app.id));
    expect(row).toMatchObject({ state: "failed", lastErrcode: 40097 });
    const comments = await t.db.select().from(fieldComments).where(eq(fieldComments.applicationId, app.id));
    expect(comments.map((c) => c.fieldPath)).toContain("account_info.account_number");
    const refused = await t.db.select().from(applicationEvents).where(and(eq(applicationEvents.applicationId, app.id), eq(applicationEvents.type, "wechat_refused")));
    expect(refused[0]!.details).toMatchObject({ errcode: 40097, errmsg: expect.stringContaining("account_info.account_number") });
  });

  it("settles a send cut off by a crash by asking WeChat, never sending twice", async () => {
    const longAgo = new Date(Date.now() - 3600_000);
    const crash = async (id: string) => {
      await t.db.update(wechatSubmissions).set({ state: "sending", updatedAt: longAgo }).where(eq(wechatSubmissions.applicationId, id));
      await t.db.update(applications).set({ status: "submitting" }).where(eq(applications.id, id));
    };
    // Cut off before the request left: WeChat has nothing, so it is sent now.
    const before = await applicationOf(qualification(pics, { shortname: "崩溃前小店" }));
    await enqueueSubmission(t.db, { applicationId: before.id });
    await crash(before.id);
    expect(await runSubmissionWorker(t.db, s.wechatFor, opts)).toMatchObject({ sent: 1 });
    expect((await statusOf(before.id)).status).toBe("submitted");
    expect(s.count("/shop/wxpay/apply")).toBe(1);

    // Cut off after WeChat received it: recorded as sent without a second request.
    const after = await applicationOf(qualification(pics, { shortname: "崩溃后小店" }));
    await enqueueSubmission(t.db, { applicationId: after.id });
    await runSubmissionWorker(t.db, s.wechatFor, opts);
    expect(s.count("/shop/wxpay/apply")).toBe(2);
    await crash(after.id);
    expect(await runSubmissionWorker(t.db, s.wechatFor, opts)).toMatchObject({ claimed: 0 });
    expect(s.count("/shop/wxpay/apply")).toBe(2);
    expect((await statusOf(after.id)).status).toBe("submitted");
    const [row] = await t.db.select().from(wechatSubmissions).where(eq(wechatSubmissions.applicationId, after.id));
    expect(row!.state).toBe("sent");
  });

  it("sends an approved application that nobody queued", async () => {
    const app = await applicationOf(qualification(pics, { shortname: "自动小店" }));
    expect(await runSubmissionWorker(t.db, s.wechatFor, opts)).toMatchObject({ sent: 1 });
    expect((await statusOf(app.id)).status).toBe("submitted");
    expect(await enqueueSubmission(t.db, { applicationId: app.id })).toMatchObject({ state: "sent", revision: 1 });
  });

  it("refuses to queue an application that is not approved", async () => {
    const app = await applicationOf(qualification(pics, { shortname: "草稿小店" }), "pending_review");
    await expect(enqueueSubmission(t.db, { applicationId: app.id })).rejects.toMatchObject({ code: "conflict" });
  });
});
