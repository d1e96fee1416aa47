import { createHash, randomBytes } from "node:crypto";
import { and, desc, eq, isNull, lt, or, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { apiKeys, merchants } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { hitBucket } from "@/lib/security/rate-limit";

const keyPrefix = "wxpc_";
export const apiRequestsPerMinute = 120;

const hashKey = (key: string) => createHash("sha256").update(key).digest("hex");

export const apiKeyNameMax = 64;

/** A new key for the merchant: the key itself is answered once and only its hash kept. */
export async function createApiKey(db: Db, input: { merchantId: string; name: string; createdBy?: string }) {
  const name = input.name.trim();
  if (!name || name.length > apiKeyNameMax) throw new AppError("validation_failed", `Name the key (1 to ${apiKeyNameMax} characters).`, { name: "length" });
  const key = `${keyPrefix}${randomBytes(32).toString("base64url")}`;
  const [row] = await db.insert(apiKeys).values({ merchantId: input.merchantId, name, prefix: key.slice(0, 12), keyHash: hashKey(key), createdBy: input.createdBy }).returning({ id: apiKeys.id });
  return { id: row!.id, key };
}

/** The operator's command names the merchant by its Mini Program appid. */
export async function createApiKeyForAppid(db: Db, input: { appid: string; name: string }) {
  const found = await db.select({ id: merchants.id }).from(merchants).where(sql`${merchants.miniProgram}->>'appid' = ${input.appid}`).limit(2);
  if (found.length !== 1) throw new AppError("not_found", found.length ? `Several merchants have appid ${input.appid}.` : `No merchant has appid ${input.appid}.`);
  return createApiKey(db, { merchantId: found[0]!.id, name: input.name });
}

export async function listApiKeys(db: Db, input: { merchantId: string }) {
  return db.select({ id: apiKeys.id, name: apiKeys.name, prefix: apiKeys.prefix, createdAt: apiKeys.createdAt, lastUsedAt: apiKeys.lastUsedAt, revokedAt: apiKeys.revokedAt })
    .from(apiKeys).where(eq(apiKeys.merchantId, input.merchantId)).orderBy(desc(apiKeys.createdAt));
}

export async function revokeApiKey(db: Db, input: { merchantId: string; id: string }) {
  const [row] = await db.update(apiKeys).set({ revokedAt: new Date() })
    .where(and(eq(apiKeys.id, input.id), eq(apiKeys.merchantId, input.merchantId), isNull(apiKeys.revokedAt))).returning({ id: apiKeys.id });
  if (!row) throw new AppError("not_found", "This key does not exist or is revoked already.");
}

export type ApiCaller = { keyId: string; merchantId: string };

/**
 * `Authorization: Bearer <key>` → the merchant it belongs to; a missing, unknown or revoked key is a
 * 401, more than `apiRequestsPerMinute` in a minute a 429. Last-used is written at most once a minute.
 */
export async function authenticateApiKey(db: Db, authorization: string | null, now = new Date()): Promise<ApiCaller> {
  const match = /^Bearer\s+(wxpc_[A-Za-z0-9_-]{43})$/.exec(authorization ?? "");
  if (!match) throw new AppError("unauthenticated", "Send your API key as Authorization: Bearer <key>.");
  const [key] = await db.select({ id: apiKeys.id, merchantId: apiKeys.merchantId }).from(apiKeys).where(and(eq(apiKeys.keyHash, hashKey(match[1]!)), isNull(apiKeys.revokedAt)));
  if (!key) throw new AppError("unauthenticated", "This API key is not valid or was revoked.");
  if ((await hitBucket(db, `api-key:${key.id}`, 60, now)) > apiRequestsPerMinute) {
    throw new AppError("rate_limited", `At most ${apiRequestsPerMinute} requests per minute per key. Retry in a minute.`);
  }
  await db.update(apiKeys).set({ lastUsedAt: now })
    .where(and(eq(apiKeys.id, key.id), or(isNull(apiKeys.lastUsedAt), lt(apiKeys.lastUsedAt, new Date(now.getTime() - 60_000)))));
  return { keyId: key.id, merchantId: key.merchantId };
}
