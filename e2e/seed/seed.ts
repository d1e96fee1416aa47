import { sql } from "drizzle-orm";
import sharp from "sharp";
import type { Db } from "@/db/client";
import { mediaFiles, merchants, payments, users, wechatBalanceChecks, wechatFundsFlowDays, wechatFundsFlows } from "@/db/schema";
import { sealBytes, sealString, type KeyRing } from "@/lib/crypto/at-rest";
import { DEMO_MERCHANT_ID } from "@/db/seed";
import { chinaToday } from "@/lib/time/china-time";
import { draftApplication, submittedApplication } from "@/tests/factories/applications";
import { e2eAppid, e2eDraftMerchants, e2eDraftViewer, e2eIdCardNumber, e2eMerchants, e2eReconciliation, e2eReviewMerchants, e2eSecondSupport, e2eSessionAccounts } from "./fixtures";
import { registerSandboxMedia } from "./sandbox-media";

async function photo(label: string, hue: number): Promise<{ bytes: Buffer; width: number; height: number }> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="640" height="400"><rect width="640" height="400" fill="hsl(${hue},45%,82%)"/><rect x="24" y="24" width="592" height="352" rx="18" fill="none" stroke="#334155" stroke-width="6"/><text x="320" y="215" font-size="44" font-family="sans-serif" text-anchor="middle" fill="#0f172a">${label}</text></svg>`;
  const bytes = await sharp(Buffer.from(svg)).jpeg({ quality: 80 }).toBuffer();
  return { bytes, width: 640, height: 400 };
}


/** A complete enterprise application that passes qualificationSchemaFor({ merchantName }). */
export function e2eQualification(m: (typeof e2eReviewMerchants)[keyof typeof e2eReviewMerchants], media: (kind: string) => { media_id: string; pay_media_id: string }) {
  return {
    organization_type: "2",
    business_license_info: { legal_person: "李小明", wxa_business_license_copy: media("licence"), business_time: ["2014-01-01", "长期"] },
    id_doc_type: "IDENTIFICATION_TYPE_MAINLAND_IDCARD",
    id_card_info: {
      id_card_name: "李小明",
      id_card_number: e2eIdCardNumber,
      id_card_valid_time_begin: "2016-06-06",
      id_card_valid_time: "2036-06-06",
      id_card_address: "广东省深圳市南山区科技园路1号",
      wxa_id_card_copy: media("front"),
      wxa_id_card_national: media("back"),
    },
    contact_info: { contact_type: "65", contact_email: "boss@e2e.test", mobile_phone: "15521050856" },
    merchant_shortname: m.shortname,
    account_info: { bank_account_type: "74", account_bank: "工商银行", account_name: m.name, bank_address_code: "440300", account_number: "6222020200112233445" },
    biz_type: 1,
  };
}

/**
 * The review's merchants with a complete application (the flow merchant's still a draft for the test to
 * submit, the others submitted and pending review), their admin accounts and document photos, and
 * a second support user. With the WeChat sandbox, the photos are registered with it as if uploaded
 * (the server is not listening yet at boot), so the approved applications can be sent. Idempotent.
 */
export async function seedReviewE2e(db: Db, ring: KeyRing, hashPassword: (password: string) => Promise<string>): Promise<void> {
  const supportExists = await db.select({ id: users.id }).from(users).where(sql`${users.email} = ${e2eSecondSupport.email}`);
  if (supportExists.length === 0) {
    // Staff must have two-factor: enrolled with a fixed secret the specs compute codes from.
    await db.insert(users).values({ email: e2eSecondSupport.email, name: e2eSecondSupport.name, role: "support", passwordHash: await hashPassword(e2eSecondSupport.password), totpSecretSealed: sealString(ring, e2eSecondSupport.totpSecret), totpEnabledAt: new Date() }).onConflictDoNothing();
  }
  const photos = { licence: await photo("BUSINESS LICENCE", 40), front: await photo("ID CARD: PORTRAIT", 200), back: await photo("ID CARD: EMBLEM", 0) };
  let hour = 3;
  for (const [key, m] of Object.entries(e2eReviewMerchants)) {
    const inserted = await db
      .insert(merchants)
      .values({ id: m.id, name: m.name, miniProgram: { subject_name: m.name, nickname: m.shortname, appid: e2eAppid(m.id), license_number: "91440300MA5FE2E01X" } })
      .onConflictDoNothing({ target: merchants.id })
      .returning({ id: merchants.id });
    if (inserted.length === 0) continue;
    const [admin] = await db.insert(users).values({ email: m.admin.email, name: m.admin.name, role: "owner", merchantId: m.id, passwordHash: await hashPassword(m.admin.password) }).returning({ id: users.id });
    const media = (kind: string) => ({ media_id: `wxashop_e2e_${key}_${kind}`, pay_media_id: `pay_e2e_${key}_${kind}` });
    for (const kind of ["licence", "front", "back"] as const) {
      const p = photos[kind];
      await db.insert(mediaFiles).values({ merchantId: m.id, uploadedBy: admin!.id, contentSealed: sealBytes(ring, p.bytes), mimeType: "image/jpeg", byteSize: p.bytes.length, width: p.width, height: p.height, mediaId: media(kind).media_id, payMediaId: media(kind).pay_media_id });
      await registerSandboxMedia(db, e2eAppid(m.id), [{ ...media(kind), bytes: p.bytes }]);
    }
    const data = e2eQualification(m, media);
    const submittedAt = new Date(Date.now() - hour * 3_600_000);
    hour += 2;
    const party = { merchantId: m.id, adminId: admin!.id };
    if (e2eDraftMerchants.includes(key as keyof typeof e2eReviewMerchants)) await draftApplication(db, party, data, { ring });
    else await submittedApplication(db, party, data, { ring, at: submittedAt });
  }
}

/** The wizard's merchants: one application each, so specs that submit never share one. Idempotent. */
export async function seedWizardMerchants(db: Db, hashPassword: (password: string) => Promise<string>): Promise<void> {
  await db.insert(merchants).values(e2eMerchants.map(({ id, name, miniProgram }) => ({ id, name, miniProgram }))).onConflictDoNothing({ target: merchants.id });
  const hash = await hashPassword(e2eMerchants[0]!.account.password);
  await db
    .insert(users)
    .values([...e2eMerchants.map(({ account }) => account), e2eDraftViewer, ...e2eSessionAccounts.map((a) => ({ ...a, merchantId: DEMO_MERCHANT_ID }))].map((account) => ({ email: account.email, name: account.name, role: account.role, merchantId: account.merchantId, passwordHash: hash })))
    .onConflictDoNothing({ target: users.email });
}

/**
 * The reconciliation's planted differences (see `e2eReconciliation`), as the daily import would
 * have left them: WeChat's flows of yesterday stored and the day marked imported whole. Idempotent.
 */
export async function seedReconciliationE2e(db: Db, now = new Date()): Promise<void> {
  const { merchant, consoleOnly, differs, wechatOnly, balance } = e2eReconciliation;
  const inserted = await db
    .insert(merchants)
    .values({ id: merchant.id, name: merchant.name, miniProgram: { subject_name: merchant.name, nickname: "对账丙店", appid: merchant.appid, license_number: "91440300MA5FE2E03X" } })
    .onConflictDoNothing({ target: merchants.id })
    .returning({ id: merchants.id });
  if (inserted.length === 0) return;
  const day = new Date(Date.parse(`${chinaToday(now)}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
  const paidAt = new Date(`${day}T12:00:00+08:00`);
  await db.insert(payments).values([consoleOnly, differs].map((p) => ({ merchantId: merchant.id, orderId: p.orderId, merchantOrderId: `M-${p.orderId}`, amountMinor: p.amountMinor, currency: "CNY", status: "SUCCEEDED" as const, createdAt: paidAt, paidAt })));
  await db.insert(wechatFundsFlows).values([
    { merchantId: merchant.id, fundsFlowId: "E2E-FLOW-DIFFERS", bookkeepingDate: day, bookkeepingTime: `${day} 12:00:05`, type: "交易", flowType: "收入", busiType: "订单", requestNo: differs.orderId, amountMinor: differs.wechatMinor },
    { merchantId: merchant.id, fundsFlowId: "E2E-FLOW-WECHAT-ONLY", bookkeepingDate: day, bookkeepingTime: `${day} 13:00:00`, type: "交易", flowType: "收入", busiType: "订单", requestNo: wechatOnly.requestNo, amountMinor: wechatOnly.amountMinor },
  ]);
  await db.insert(wechatFundsFlowDays).values({ merchantId: merchant.id, day, flows: 2, importedAt: now });
  await db.insert(wechatBalanceChecks).values({
    merchantId: merchant.id, wechatAvailableMinor: balance.wechatMinor, wechatPendingMinor: 0, ledgerAvailableMinor: balance.ledgerMinor, ledgerPendingMinor: 0,
    differenceMinor: balance.ledgerMinor - balance.wechatMinor, checkedAt: now,
  });
}
