import { createHash, createSign, randomBytes, randomInt, randomUUID, timingSafeEqual } from "node:crypto";
import { and, eq, gt } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { sandboxPayments, sandboxProviderTokens } from "@/db/schema";
import type { KeyRing } from "@/lib/crypto/at-rest";
import { isCurrency, parseDecimalAmount } from "@/lib/money/money";
import { sandboxKeyPair } from "./keys";

type Row = typeof sandboxPayments.$inferSelect;

/** The provider's answer envelope (the payment provider's Mini Program API document): `{code, data, message, rid}`. */
function answer(status: number, code: number, message: string, data?: unknown): Response {
  return Response.json({ code, ...(data === undefined ? {} : { data }), message, rid: randomUUID().replaceAll("-", "") }, { status });
}

/** The provider writes times with a +08:00 offset. */
export function providerTime(date: Date): string {
  const shifted = new Date(date.getTime() + 8 * 3_600_000);
  return shifted.toISOString().replace("Z", "+08:00");
}

/** A query answer's `data`: exactly the fields the provider's documented query answer holds (pay_time once paid). */
export function toProviderPayment(row: Row) {
  return {
    order_id: row.orderId,
    merchant_order_id: row.merchantOrderId,
    amount: row.amount,
    currency: row.currency,
    status: row.status as "PENDING" | "SUCCEEDED" | "CANCELLED",
    create_time: providerTime(row.createTime),
    ...(row.payTime ? { pay_time: providerTime(row.payTime) } : {}),
  };
}

export function newOrderId(): string {
  let digits = "";
  for (let i = 0; i < 21; i++) digits += randomInt(10).toString();
  return `C${digits}`;
}

const amountField = z.string().regex(/^\d{1,12}(\.\d{1,2})?$/, "amount must be a decimal string");

/** The provider's documented create request, field for field. */
const createSchema = z.object({
  amount: amountField,
  currency: z.string().refine(isCurrency, "unsupported currency"),
  settlement_currency: z.string().length(3).optional(),
  merchant_order_id: z.string().min(1).max(32),
  payment_method: z.object({
    type: z.literal("wechat"),
    wechat: z.object({ flow: z.literal("mini_program"), sub_appid: z.string().min(1).max(32), sub_openid: z.string().min(1).max(128) }),
  }),
  description: z.string().min(1).max(128),
  notify_url: z.url().optional(),
});

const querySchema = z
  .object({ order_id: z.string().min(1).max(64).optional(), merchant_order_id: z.string().min(1).max(32).optional() })
  .refine((v) => v.order_id || v.merchant_order_id, "order_id or merchant_order_id is required");

export type SandboxProviderOptions = {
  getDb: () => Promise<Db>;
  ring: () => KeyRing;
  clientId: string;
  clientSecret: string;
  tokenTtlSeconds?: number;
  /** An order still unpaid this long after it was created is closed (the provider documents it as "canceled or timeout"). */
  pendingTimeoutMinutes?: number;
};

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");
const sameText = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/**
 * The signature wx.requestPayment checks, as WeChat Pay API v3 computes it for Mini Programs:
 * RSA-SHA256 of appId, timeStamp, nonceStr and package, one per line
 * (https://pay.weixin.qq.com/wiki/doc/apiv3/apis/chapter3_5_4.shtml). The sandbox signs with its own key.
 */
async function nextActionFor(db: Db, ring: KeyRing, appId: string) {
  const keys = await sandboxKeyPair(db, ring);
  const timeStamp = Math.floor(Date.now() / 1000).toString();
  const nonceStr = randomBytes(8).toString("hex");
  const pkg = `prepay_id=wx${randomBytes(14).toString("hex")}`;
  const paySign = createSign("RSA-SHA256").update(`${appId}\n${timeStamp}\n${nonceStr}\n${pkg}\n`).sign(keys.privateKey, "base64");
  return { type: "call_sdk", data: { appId, nonceStr, package: pkg, paySign, signType: "RSA", timeStamp } };
}

/**
 * The sandbox provider as a plain `(Request) => Promise<Response>`: served by the app under
 * /sandbox/provider and by a node http server in tests. Paths are those of the provider's API document;
 * every API call needs a token from its OAuth 2 client-credentials step.
 */
export function sandboxProviderHandler(options: SandboxProviderOptions) {
  const ttl = options.tokenTtlSeconds ?? 7200;

  async function issueToken(request: Request, db: Db): Promise<Response> {
    const form = new URLSearchParams(await request.text());
    // RFC 6749 §5.2 errors (https://datatracker.ietf.org/doc/html/rfc6749#section-5.2).
    if (form.get("grant_type") !== "client_credentials") return Response.json({ error: "unsupported_grant_type" }, { status: 400 });
    if (!sameText(form.get("client_id") ?? "", options.clientId) || !sameText(form.get("client_secret") ?? "", options.clientSecret)) {
      return Response.json({ error: "invalid_client" }, { status: 401 });
    }
    const token = randomBytes(32).toString("base64url");
    await db.insert(sandboxProviderTokens).values({ tokenHash: sha256(token), clientId: options.clientId, expiresAt: new Date(Date.now() + ttl * 1000) });
    return Response.json({ access_token: token, token_type: "Bearer", expires_in: ttl });
  }

  // Tokens are never revoked before they expire, so one found in the table stays good until then:
  // remembered here, each query costs no token look-up (a few per process, issued hourly).
  const knownTokens = new Map<string, number>();
  async function authorised(request: Request, db: Db): Promise<boolean> {
    const match = /^Bearer (\S+)$/.exec(request.headers.get("authorization") ?? "");
    if (!match) return false;
    const hash = sha256(match[1]!);
    const knownUntil = knownTokens.get(hash);
    if (knownUntil !== undefined && knownUntil > Date.now()) return true;
    const [row] = await db.select({ expiresAt: sandboxProviderTokens.expiresAt }).from(sandboxProviderTokens)
      .where(and(eq(sandboxProviderTokens.tokenHash, hash), gt(sandboxProviderTokens.expiresAt, new Date())));
    if (!row) return false;
    for (const [known, until] of knownTokens) if (until <= Date.now()) knownTokens.delete(known);
    knownTokens.set(hash, row.expiresAt.getTime());
    return true;
  }

  return async (request: Request): Promise<Response> => {
    if (request.method !== "POST") return answer(405, 405, "method not allowed");
    const path = new URL(request.url).pathname;
    const db = await options.getDb();
    if (path.endsWith("/oauth/token")) return issueToken(request, db);
    if (!(await authorised(request, db))) return answer(401, 401, "invalid or expired access token");
    let body: unknown;
    try {
      body = await request.json();
    } catch {
      return answer(400, 400001, "body is not JSON");
    }
    if (path.endsWith("/mch-api/v1/pa/payment_intents/query")) {
      const parsed = querySchema.safeParse(body);
      if (!parsed.success) return answer(400, 400001, parsed.error.issues[0]!.message);
      const { order_id, merchant_order_id } = parsed.data;
      const where = order_id ? eq(sandboxPayments.orderId, order_id) : eq(sandboxPayments.merchantOrderId, merchant_order_id!);
      let [row] = await db.select().from(sandboxPayments).where(where).limit(1);
      if (!row) return answer(404, 404001, "ORDER_NOT_EXIST");
      const timeoutMs = (options.pendingTimeoutMinutes ?? 120) * 60_000;
      if (row.status === "PENDING" && row.createTime.getTime() + timeoutMs < Date.now()) {
        [row] = await db.update(sandboxPayments).set({ status: "CANCELLED" }).where(and(eq(sandboxPayments.orderId, row.orderId), eq(sandboxPayments.status, "PENDING"))).returning();
        row ??= (await db.select().from(sandboxPayments).where(where).limit(1))[0]!;
      }
      return answer(200, 0, "ok", toProviderPayment(row));
    }
    if (path.endsWith("/mch-api/v1/pa/payment_intents/create")) {
      const parsed = createSchema.safeParse(body);
      if (!parsed.success) return answer(400, 400001, `${parsed.error.issues[0]!.path.join(".")}: ${parsed.error.issues[0]!.message}`);
      const input = parsed.data;
      try {
        parseDecimalAmount(input.amount, input.currency);
      } catch (error) {
        return answer(400, 400001, (error as Error).message);
      }
      const { sub_appid, sub_openid } = input.payment_method.wechat;
      const [row] = await db
        .insert(sandboxPayments)
        .values({
          orderId: newOrderId(),
          merchantOrderId: input.merchant_order_id,
          subAppid: sub_appid,
          subOpenid: sub_openid,
          amount: input.amount,
          currency: input.currency,
          status: "PENDING",
          description: input.description,
          notifyUrl: input.notify_url ?? null,
          createTime: new Date(),
        })
        .onConflictDoNothing()
        .returning();
      if (!row) return answer(409, 409001, "DUPLICATE_MERCHANT_ORDER_ID");
      const { pay_time: _none, ...created } = toProviderPayment(row);
      return answer(200, 0, "ok", { ...created, next_action: await nextActionFor(db, options.ring(), sub_appid) });
    }
    return answer(404, 404000, "no such API");
  };
}
