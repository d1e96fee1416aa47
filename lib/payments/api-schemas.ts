import { z } from "zod";
import { currencies, parseDecimalAmount } from "@/lib/money/money";
import { paymentStatuses } from "./statuses";

/**
 * The console's payments API (`/api/v1/payments`), one zod schema per shape: the route handlers
 * parse with them and the OpenAPI document (lib/payments/openapi.ts) is generated from them.
 */

export const payerSchema = z
  .union([
    z.object({ js_code: z.string().min(1).max(128).meta({ description: "The code from wx.login in the shopper's Mini Program; the console exchanges it for the openid (jscode2session).", example: "0a3Xyz000Ab1cd2Ef3Gh4Ij5Kl63Xyz0" }) }).strict(),
    z.object({ openid: z.string().min(1).max(128).meta({ description: "The shopper's openid in the merchant's Mini Program, when the back end already has it.", example: "oqZa55Qo-u0cVViWMAgv_YbyXb4U" }) }).strict(),
  ])
  .meta({ id: "Payer", description: "Who pays: exactly one of js_code or openid." });

export const paymentCreateSchema = z
  .object({
    amount: z.string().regex(/^\d{1,12}(\.\d{1,3})?$/, "Write the amount as a decimal string, e.g. \"12.50\".").meta({ description: "Amount in the currency's major unit, as a decimal string with at most the currency's decimals.", example: "12.50" }),
    currency: z.enum(currencies).meta({ example: "CNY" }),
    merchant_order_id: z.string().min(1).max(32).regex(/^[A-Za-z0-9_\-]+$/, "Use letters, digits, _ and - only (at most 32).").meta({ description: "Your order id; unique per merchant, at most 32 characters.", example: "P9297895081903" }),
    description: z.string().trim().min(1).max(128).meta({ example: "Mini Program Payment" }),
    payer: payerSchema,
  })
  .strict()
  .superRefine((value, ctx) => {
    try {
      if (parseDecimalAmount(value.amount, value.currency) <= 0) ctx.addIssue({ code: "custom", path: ["amount"], message: "The amount must be greater than zero." });
    } catch (error) {
      ctx.addIssue({ code: "custom", path: ["amount"], message: (error as Error).message });
    }
  })
  .meta({ id: "PaymentCreate" });
export type PaymentCreate = z.infer<typeof paymentCreateSchema>;

export const nextActionSchema = z
  .object({ appId: z.string(), timeStamp: z.string(), nonceStr: z.string(), package: z.string(), signType: z.string(), paySign: z.string() })
  .meta({ id: "NextAction", description: "Pass as is to wx.requestPayment in the Mini Program." });

export const paymentSchema = z
  .object({
    id: z.uuid(),
    order_id: z.string().meta({ description: "The provider's order id." }),
    merchant_order_id: z.string(),
    amount: z.string().meta({ example: "12.50" }),
    currency: z.string(),
    status: z.enum(paymentStatuses),
    description: z.string().nullable(),
    created_at: z.string().meta({ description: "ISO 8601" }),
    paid_at: z.string().nullable(),
    next_action: nextActionSchema.nullable().meta({ description: "Present while the payment is PENDING." }),
  })
  .meta({ id: "Payment" });
export type PaymentBody = z.infer<typeof paymentSchema>;

export const paymentListQuerySchema = z.object({
  merchant_order_id: z.string().min(1).max(32).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  starting_after: z.string().regex(/^[A-Za-z0-9_-]{10,200}$/, "Pass next_cursor from the previous page.").optional(),
});

export const paymentListSchema = z
  .object({ data: z.array(paymentSchema), next_cursor: z.string().nullable().meta({ description: "Pass as starting_after for the next page; null on the last page." }) })
  .meta({ id: "PaymentList" });

export const apiErrorSchema = z
  .object({ error: z.object({ code: z.string(), message: z.string(), fields: z.record(z.string(), z.string()).optional() }) })
  .meta({ id: "Error" });

export const idempotencyKeySchema = z.string().min(1).max(255).regex(/^[\x21-\x7e]+$/, "Use printable ASCII without spaces.");

/** What a merchant's webhook endpoint receives (signed; see the Console-Signature header). */
export const webhookEventSchema = z
  .object({
    id: z.uuid().meta({ description: "The event id: the same on every delivery of this event." }),
    type: z.enum(["payment.pending", "payment.succeeded", "payment.cancelled"]),
    created_at: z.string(),
    data: z.object({ payment: paymentSchema.omit({ next_action: true }) }),
  })
  .meta({ id: "WebhookEvent" });
