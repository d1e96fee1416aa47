import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { merchants, users } from "@/db/schema";
import { sealString, type KeyRing } from "@/lib/crypto/at-rest";
import { writeAudit } from "@/lib/audit/write-audit";
import { AppError } from "@/lib/errors";

/** A merchant as support creates and edits it: the Mini Program profile WeChat reuses (WeChat's apply document). */
export const merchantProfileSchema = z.object({
  name: z.string().trim().min(2, { error: "merchants.nameInvalid" }).max(128, { error: "merchants.nameInvalid" }),
  subjectName: z.string().trim().min(2, { error: "merchants.subjectNameInvalid" }).max(128, { error: "merchants.subjectNameInvalid" }),
  nickname: z.string().trim().min(1, { error: "merchants.nicknameInvalid" }).max(64, { error: "merchants.nicknameInvalid" }),
  // A Mini Program appid: "wx" and 16 hexadecimal characters.
  appid: z.string().trim().regex(/^wx[0-9a-f]{16}$/, { error: "merchants.appidInvalid" }),
  // The unified social credit code of the business licence: 18 characters, digits and capitals.
  licenseNumber: z.string().trim().toUpperCase().regex(/^[0-9A-HJ-NPQRTUWXY]{18}$/, { error: "merchants.licenseInvalid" }),
});
export type MerchantProfileInput = z.input<typeof merchantProfileSchema>;

// An AppSecret is 32 hexadecimal characters.
export const appSecretSchema = z.string().trim().regex(/^[0-9a-f]{32}$/, { error: "merchants.appSecretInvalid" });

export const newMerchantSchema = merchantProfileSchema.extend({ appSecret: appSecretSchema });

function profileOf(p: z.infer<typeof merchantProfileSchema>) {
  return { subject_name: p.subjectName, nickname: p.nickname, appid: p.appid, license_number: p.licenseNumber };
}

async function assertAppidFree(db: Db, appid: string, exceptId?: string) {
  const [row] = await db.select({ id: merchants.id }).from(merchants).where(sql`${merchants.miniProgram}->>'appid' = ${appid}`);
  if (row && row.id !== exceptId) throw new AppError("conflict", "Another merchant already uses this appid.", { appid: "merchants.appidTaken" });
}

export async function createMerchant(db: Db, ring: KeyRing, actorId: string, input: z.input<typeof newMerchantSchema>): Promise<{ id: string }> {
  const m = newMerchantSchema.parse(input);
  await assertAppidFree(db, m.appid);
  return db.transaction(async (tx) => {
    const now = new Date();
    const [created] = await tx
      .insert(merchants)
      .values({ name: m.name, miniProgram: profileOf(m), appSecretSealed: sealString(ring, m.appSecret), appSecretSetAt: now, appSecretSetBy: actorId })
      .returning({ id: merchants.id });
    await writeAudit(tx, { actorId, merchantId: created!.id, action: "merchant_created", subjectType: "merchant", subjectId: created!.id });
    return { id: created!.id };
  });
}

export async function updateMerchantProfile(db: Db, actorId: string, merchantId: string, input: MerchantProfileInput): Promise<void> {
  const m = merchantProfileSchema.parse(input);
  await assertAppidFree(db, m.appid, merchantId);
  await db.transaction(async (tx) => {
    const updated = await tx.update(merchants).set({ name: m.name, miniProgram: profileOf(m), updatedAt: new Date() }).where(eq(merchants.id, merchantId)).returning({ id: merchants.id });
    if (updated.length !== 1) throw new AppError("not_found", "No such merchant.");
    await writeAudit(tx, { actorId, merchantId, action: "merchant_updated", subjectType: "merchant", subjectId: merchantId });
  });
}

/** Replaces the AppSecret (sealed); it is never shown again, only when and by whom it was set. */
export async function setMerchantAppSecret(db: Db, ring: KeyRing, actorId: string, merchantId: string, appSecret: string): Promise<void> {
  const secret = appSecretSchema.parse(appSecret);
  await db.transaction(async (tx) => {
    const updated = await tx.update(merchants).set({ appSecretSealed: sealString(ring, secret), appSecretSetAt: new Date(), appSecretSetBy: actorId, updatedAt: new Date() }).where(eq(merchants.id, merchantId)).returning({ id: merchants.id });
    if (updated.length !== 1) throw new AppError("not_found", "No such merchant.");
    await writeAudit(tx, { actorId, merchantId, action: "merchant_app_secret_set", subjectType: "merchant", subjectId: merchantId });
  });
}

/** Deactivated: its people can no longer sign in (their sessions end at the next request). */
export async function setMerchantActive(db: Db, actorId: string, merchantId: string, active: boolean): Promise<void> {
  await db.transaction(async (tx) => {
    const updated = await tx.update(merchants).set({ deactivatedAt: active ? null : new Date(), updatedAt: new Date() }).where(eq(merchants.id, merchantId)).returning({ id: merchants.id });
    if (updated.length !== 1) throw new AppError("not_found", "No such merchant.");
    await writeAudit(tx, { actorId, merchantId, action: active ? "merchant_reactivated" : "merchant_deactivated", subjectType: "merchant", subjectId: merchantId });
  });
}

export type MerchantDetail = {
  id: string;
  name: string;
  subjectName: string;
  nickname: string;
  appid: string;
  licenseNumber: string;
  appSecretSetAt: Date | null;
  appSecretSetBy: string | null;
  deactivatedAt: Date | null;
};

export async function getMerchantDetail(db: Db, merchantId: string): Promise<MerchantDetail | null> {
  if (!z.uuid().safeParse(merchantId).success) return null;
  const [row] = await db
    .select({ m: merchants, setBy: users.name })
    .from(merchants)
    .leftJoin(users, eq(users.id, merchants.appSecretSetBy))
    .where(eq(merchants.id, merchantId));
  if (!row) return null;
  const { m } = row;
  return {
    id: m.id,
    name: m.name,
    subjectName: m.miniProgram.subject_name,
    nickname: m.miniProgram.nickname,
    appid: m.miniProgram.appid,
    licenseNumber: m.miniProgram.license_number,
    appSecretSetAt: m.appSecretSetAt,
    appSecretSetBy: row.setBy,
    deactivatedAt: m.deactivatedAt,
  };
}
