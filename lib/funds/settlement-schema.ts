import type { z } from "zod";
import { accountInfoSchema } from "@/lib/qualification/schema";

/** The change form: a pick of the wizard's account_info (without the institution proof photos). */
export const settlementChangeSchema = accountInfoSchema.omit({ account_cert_info: true });
export type SettlementChange = z.infer<typeof settlementChangeSchema>;
