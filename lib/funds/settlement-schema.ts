import * as z from "zod/mini";
import { accountInfoSchema, stepSchemaFor } from "@/lib/qualification/schema";

/** The change form: a pick of the wizard's account_info (without the institution proof photos). */
export const settlementChangeSchema = z.omit(accountInfoSchema, { account_cert_info: true });
export type SettlementChange = z.infer<typeof settlementChangeSchema>;

export type SettlementContext = { merchantName?: string; organizationType?: string };

/**
 * Every problem of a change at once, as `{field: messageKey}`: the field rules and the wizard's
 * account step rules (account type for the subject, branch for "other bank", the account name
 * equal to the merchant's name for a corporate account). The form and the server run this same code.
 */
export function settlementChangeIssues(values: unknown, context: SettlementContext): Record<string, string> {
  const fields: Record<string, string> = {};
  const base = settlementChangeSchema.safeParse(values);
  if (!base.success) for (const issue of base.error.issues) fields[issue.path.join(".")] ??= issue.message;
  const rules = stepSchemaFor("account", { merchantName: context.merchantName }).safeParse({ organization_type: context.organizationType, account_info: values });
  if (!rules.success) {
    for (const issue of rules.error.issues) {
      // The change form has no proof photos: the institution proof rule is the wizard's alone.
      if (issue.path[0] !== "account_info" || issue.path[1] === "account_cert_info") continue;
      fields[issue.path.slice(1).join(".")] ??= issue.message;
    }
  }
  return fields;
}

/** The form's schema: the same issues, all of them reported together. */
export function settlementChangeSchemaFor(context: SettlementContext) {
  return z.union([settlementChangeSchema, z.any()]).check(
    z.superRefine((values, ctx) => {
      for (const [path, message] of Object.entries(settlementChangeIssues(values, context))) ctx.addIssue({ code: "custom", path: path.split("."), message });
    }),
  ) as unknown as typeof settlementChangeSchema;
}
