import { sql } from "drizzle-orm";
import sharp from "sharp";
import type { Db } from "@/db/client";
import { createHash } from "node:crypto";
import { applicationEvents, applicationRevisions, applications, mediaFiles, merchants, sandboxMedia, users } from "@/db/schema";
import { sealBytes, sealString, type KeyRing } from "@/lib/crypto/at-rest";
import { e2eIdCardNumber, e2eReviewMerchants, e2eSecondSupport } from "./e2e-fixtures";

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
 * SEED_E2E: merchants with a complete application (the flow merchant's still a draft for the test to
 * submit, the others submitted and pending review), their admin accounts and document photos, and
 * a second support user. With the WeChat sandbox, the photos are registered with it as if uploaded
 * (the server is not listening yet at boot), so the approved applications can be sent. Idempotent.
 */
export async function seedReviewE2e(db: Db, ring: KeyRing, hashPassword: (password: string) => Promise<string>, options: { sandboxAppid?: string } = {}): Promise<void> {
  const supportExists = await db.select({ id: users.id }).from(users).where(sql`${users.email} = ${e2eSecondSupport.email}`);
  if (supportExists.length === 0) {
    await db.insert(users).values({ email: e2eSecondSupport.email, name: e2eSecondSupport.name, role: "support", passwordHash: await hashPassword(e2eSecondSupport.password) }).onConflictDoNothing();
  }
  const photos = { licence: await photo("BUSINESS LICENCE", 40), front: await photo("ID CARD: PORTRAIT", 200), back: await photo("ID CARD: EMBLEM", 0) };
  let hour = 3;
  for (const [key, m] of Object.entries(e2eReviewMerchants)) {
    const inserted = await db
      .insert(merchants)
      .values({ id: m.id, name: m.name, miniProgram: { subject_name: m.name, nickname: m.shortname, appid: `wxe2e${m.id.slice(-12)}`, license_number: "91440300MA5FE2E01X" } })
      .onConflictDoNothing({ target: merchants.id })
      .returning({ id: merchants.id });
    if (inserted.length === 0) continue;
    const [admin] = await db.insert(users).values({ email: m.admin.email, name: m.admin.name, role: "merchant_admin", merchantId: m.id, passwordHash: await hashPassword(m.admin.password) }).returning({ id: users.id });
    const media = (kind: string) => ({ media_id: `wxashop_e2e_${key}_${kind}`, pay_media_id: `pay_e2e_${key}_${kind}` });
    for (const kind of ["licence", "front", "back"] as const) {
      const p = photos[kind];
      if (options.sandboxAppid) {
        await db.insert(sandboxMedia).values({ mediaId: media(kind).media_id, payMediaId: media(kind).pay_media_id, appid: options.sandboxAppid, byteSize: p.bytes.length, sha256: createHash("sha256").update(p.bytes).digest("hex") }).onConflictDoNothing();
      }
      await db.insert(mediaFiles).values({ merchantId: m.id, uploadedBy: admin!.id, contentSealed: sealBytes(ring, p.bytes), mimeType: "image/jpeg", byteSize: p.bytes.length, width: p.width, height: p.height, mediaId: media(kind).media_id, payMediaId: media(kind).pay_media_id });
    }
    const data = e2eQualification(m, media);
    const submittedAt = new Date(Date.now() - hour * 3_600_000);
    hour += 2;
    if (key === "flow") {
      await db.insert(applications).values({ merchantId: m.id, status: "draft", draftSealed: sealString(ring, JSON.stringify(data)), draftStep: "review", draftVersion: 1 });
      continue;
    }
    const [app] = await db
      .insert(applications)
      .values({ merchantId: m.id, status: "pending_review", draftSealed: sealString(ring, JSON.stringify(data)), draftStep: "review", currentRevision: 1, submittedAt, organizationType: data.organization_type, merchantShortname: data.merchant_shortname, createdAt: submittedAt, updatedAt: submittedAt })
      .returning({ id: applications.id });
    await db.insert(applicationRevisions).values({ applicationId: app!.id, merchantId: m.id, revision: 1, dataSealed: sealString(ring, JSON.stringify(data)), submittedBy: admin!.id, createdAt: submittedAt });
    await db.insert(applicationEvents).values({ applicationId: app!.id, merchantId: m.id, type: "submitted", fromStatus: "draft", toStatus: "pending_review", revision: 1, actorId: admin!.id, actorRole: "merchant_admin", createdAt: submittedAt });
  }
}
