import { z } from "zod";
import { currencies, parseDecimalAmount } from "@/lib/money/money";

/** A withdrawal as the form sends it; `amount` is a decimal string in the currency's major unit. */
export const withdrawalRequestSchema = z
  .object({
    amount: z.string().trim().regex(/^\d{1,12}(\.\d{1,2})?$/, "funds.validation.amountFormat"),
    currency: z.enum(currencies as [string, ...string[]], "funds.validation.currency"),
    idempotency_key: z.uuid("funds.validation.idempotencyKey"),
  })
  .superRefine((value, ctx) => {
    try {
      if (parseDecimalAmount(value.amount, value.currency) <= 0) ctx.addIssue({ code: "custom", path: ["amount"], message: "funds.validation.amountPositive" });
    } catch {
      ctx.addIssue({ code: "custom", path: ["amount"], message: "funds.validation.amountFormat" });
    }
  });
export type WithdrawalRequest = z.infer<typeof withdrawalRequestSchema>;
