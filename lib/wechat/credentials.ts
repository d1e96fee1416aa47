import { eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { merchants } from "@/db/schema";
import { openString, sealString, type KeyRing } from "@/lib/crypto/at-rest";
import { AppError } from "@/lib/errors";
import type { WeChatClient } from "./client";
import { WeChatError } from "./errors";
import { APPID_PATTERN } from "./sandbox/mini-programs";

/** When and by whom a merchant's AppSecret was set: all a page ever shows of it. */
/** When the secret was set, and by which person (null: the operator command or the demo seed). */
export type AppSecretStatus = { setAt: Date; setBy: string | null } | null;

/** The merchant whose Mini Program has this appid, or null. */
export async function findMerchantByAppid(db: Db, appid: string): Promise<{ id: string; name: string } | null> {
  const [row] = await db
    .select({ id: merchants.id, name: merchants.name })
    .from(merchants)
    .where(sql`${merchants.miniProgram}->>'appid' = ${appid}`)
    .limit(1);
  return row ?? null;
}

/** The merchant's appid and opened AppSecret; WeChatError `credentials_missing` when none is set. */
export async function merchantCredentials(db: Db, ring: KeyRing, merchantId: string): Promise<{ appid: string; secret: string }> {
  const [row] = await db
    .select({ miniProgram: merchants.miniProgram, sealed: merchants.appSecretSealed })
    .from(merchants)
    .where(eq(merchants.id, merchantId));
  if (!row) throw new AppError("not_found", "Merchant not found.");
  if (!row.sealed) throw WeChatError.credentialsMissing(row.miniProgram.appid);
  return { appid: row.miniProgram.appid, secret: openString(ring, row.sealed) };
}

export async function appSecretStatus(db: Db, merchantId: string): Promise<AppSecretStatus> {
  const [row] = await db.select({ setAt: merchants.appSecretSetAt, setBy: merchants.appSecretSetBy }).from(merchants).where(eq(merchants.id, merchantId));
  return row?.setAt ? { setAt: row.setAt, setBy: row.setBy } : null;
}

/**
 * Sets a merchant's AppSecret after WeChat accepted the pair (a token fetched with it), sealed.
 * `clientFor` builds an uncached client for the pair. Throws AppError with one sentence when the
 * secret is malformed or WeChat refuses the pair, and `unavailable` when WeChat cannot be reached.
 */
export async function setMerchantAppSecret(
  db: Db,
  ring: KeyRing,
  input: { merchantId: string; secret: string; setBy: string | null; clientFor: (appid: string, secret: string) => WeChatClient; now?: Date },
): Promise<{ appid: string }> {
  const secret = input.secret.trim();
  const [row] = await db.select({ miniProgram: merchants.miniProgram }).from(merchants).where(eq(merchants.id, input.merchantId));
  if (!row) throw new AppError("not_found", "Merchant not found.");
  const appid = row.miniProgram.appid;
  if (!APPID_PATTERN.test(appid)) throw new AppError("conflict", `The merchant's appid "${appid}" is not a Mini Program appid.`);
  if (!/^[0-9A-Za-z]{16,64}$/.test(secret)) throw new AppError("validation_failed", "An AppSecret is 32 letters and digits, as shown in the Mini Program's development settings.", { secret: "wechat.credentials.malformed" });
  try {
    await input.clientFor(appid, secret).accessToken({ force: false });
  } catch (error) {
    if (error instanceof WeChatError && !error.transient) {
      throw new AppError("validation_failed", `WeChat refused the appid and AppSecret pair (errcode ${error.errcode}): check the AppSecret in the Mini Program's development settings.`, { secret: "wechat.credentials.refused" });
    }
    if (error instanceof WeChatError) throw new AppError("unavailable", "WeChat could not be reached to check the AppSecret; try again in a minute.", { secret: "wechat.errors.unreachable" });
    throw error;
  }
  await db
    .update(merchants)
    .set({ appSecretSealed: sealString(ring, secret), appSecretSetAt: input.now ?? new Date(), appSecretSetBy: input.setBy })
    .where(eq(merchants.id, input.merchantId));
  return { appid };
}
