import type { PaymentStatus, WithdrawalStatus } from "@/db/schema";

/** The enums of db/schema/funds.ts as plain values for forms and the browser (checked equal below). */
export const paymentStatuses = ["PENDING", "SUCCEEDED", "CANCELLED"] as const satisfies readonly PaymentStatus[];
export const withdrawalStatuses = ["created", "succeeded", "failed", "closed", "returned"] as const satisfies readonly WithdrawalStatus[];

// Compile-time: every database value is listed here too.
type Missing<All, Listed> = Exclude<All, Listed> extends never ? true : never;
export const statusListsComplete: [Missing<PaymentStatus, (typeof paymentStatuses)[number]>, Missing<WithdrawalStatus, (typeof withdrawalStatuses)[number]>] = [true, true];
