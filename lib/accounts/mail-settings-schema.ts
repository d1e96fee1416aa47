import { z } from "zod";
import { locales } from "@/lib/i18n/config";

/** A person's mail settings: non-essential mail off or on, and the language mails are written in. */
export const mailSettingsSchema = z.object({
  optOut: z.boolean(),
  locale: z.enum(locales),
});
export type MailSettings = z.infer<typeof mailSettingsSchema>;
