import type { PaymentStatus } from "@/db/schema";

/** The payment_status enum as plain values for forms and the browser (checked equal below). */
export const paymentStatuses = ["PENDING", "SUCCEEDED", "CANCELLED"] as const satisfies readonly PaymentStatus[];

// Compile-time: every database value is listed here too.
type Missing<All, Listed> = Exclude<All, Listed> extends never ? true : never;
export const statusListComplete: Missing<PaymentStatus, (typeof paymentStatuses)[number]> = true;
