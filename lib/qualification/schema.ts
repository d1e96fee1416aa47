// Placeholder until the wizard's schema lands on main (it replaces this file on merge).
import { z } from "zod";

const picFile = z.object({ media_id: z.string().min(1), pay_media_id: z.string().min(1) });

export const qualificationSchema = z.looseObject({
  organization_type: z.preprocess((v) => (typeof v === "number" ? String(v) : v), z.string().min(1)),
  business_license_info: z.looseObject({ legal_person: z.string().min(2), wxa_business_license_copy: picFile.optional() }),
  id_doc_type: z.string().min(1),
  contact_info: z.looseObject({ contact_type: z.string(), contact_email: z.email(), mobile_phone: z.string().regex(/^1\d{10}$/) }),
  account_info: z.looseObject({ account_name: z.string().min(1), account_number: z.string().regex(/^\d{8,30}$/) }),
  merchant_shortname: z.string().min(1),
});
export type Qualification = z.output<typeof qualificationSchema>;
