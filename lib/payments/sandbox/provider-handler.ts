import { randomInt, randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { sandboxPayments } from "@/db/schema";
import { isCurrency, parseDecimalAmount } from "../money";
import type { ProviderPayment } from "../provider";

type Row = typeof sandboxPayments.$inferSelect;

/** The provider's answer envelope (seed 003): `{code, data, message, rid}`. */
function answer(status: number, code: number, message: string, data?: unknown): Response {
  return Response.json({ code, ...(data === undefined ? {} : { data }), message, rid: randomUUID().replaceAll("-", "") }, { status });
}

/** The provider writes times with a +08:00 offset. */
export function providerTime(date: Date): string {
  const shifted = new Date(date.getTime() + 8 * 3_600_000);
  return shifted.toISOString().replace("Z", "+08:00");
}

export function toProviderPayment(row: Row): ProviderPayment {
  return {
    order_id: row.orderId,
    merchant_order_id: row.merchantOrderId,
    amount: row.amount,
    currency: row.currency,
    status: row.status as ProviderPayment["status"],
    create_time: providerTime(row.createTime),
    pay_time: row.payTime ? providerTime(row.payTime) : null,
    description: row.description,
    sub_merchant_id: row.subMerchantId,
  };
}

export function newOrderId(): string {
  let digits = "";
  for (let i = 0; i < 21; i++) digits += randomInt(10).toString();
  return `C${digits}`;
}

const amountField = z.string().regex(/^\d{1,12}(\.\d{1,2})?$/, "amount must be a decimal string");

const createSchema = z.object({
  amount: amountField,
  currency: z.string().refine(isCurrency, "unsupported currency"),
  merchant_order_id: z.string().min(1).max(32),
  description: z.string().min(1).max(128),
  notify_url: z.url().optional(),
  sub_merchant_id: z.string().min(1).max(64),
  settlement_currency: z.string().length(3).optional(),
});

const querySchema = z
  .object({ order_id: z.string().min(1).max(64).optional(), merchant_order_id: z.string().min(1).max(32).optional(), sub_merchant_id: z.string().optional() })
  .refine((v) => v.order_id || v.merchant_order_id, "order_id or merchant_order_id is required");

/**
 * The sandbox provider as a plain `(Request) => Promise<Response>`: served by the app under
 * /sandbox/provider and by a node http server in tests. Paths are those of seed 003.
 */
export function sandboxProviderHandler(getDb: () => Promise<Db>) {
  return async (request: Request): Promise<Response> => {
    if (request.method !== "POST") return answer(405, 405, "method not allowed");
    const path = new URL(request.url).pathname;
    let body: unknown;
    try {
      body = await request.json();
    } catch {
      return answer(400, 400001, "body is not JSON");
    }
    const db = await getDb();
    if (path.endsWith("/mch-api/v1/pa/payment_intents/query")) {
      const parsed = querySchema.safeParse(body);
      if (!parsed.success) return answer(400, 400001, parsed.error.issues[0]!.message);
      const { order_id, merchant_order_id, sub_merchant_id } = parsed.data;
      const where = order_id
        ? eq(sandboxPayments.orderId, order_id)
        : sub_merchant_id
          ? and(eq(sandboxPayments.merchantOrderId, merchant_order_id!), eq(sandboxPayments.subMerchantId, sub_merchant_id))
          : eq(sandboxPayments.merchantOrderId, merchant_order_id!);
      const [row] = await db.select().from(sandboxPayments).where(where).limit(1);
      if (!row) return answer(404, 404001, "ORDER_NOT_EXIST");
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
      const [row] = await db
        .insert(sandboxPayments)
        .values({
          orderId: newOrderId(),
          merchantOrderId: input.merchant_order_id,
          subMerchantId: input.sub_merchant_id,
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
      return answer(200, 0, "ok", toProviderPayment(row));
    }
    return answer(404, 404000, "no such API");
  };
}
