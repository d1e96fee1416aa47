/**
 * Paths (in qualificationSchema) of the personal values support sees masked and reveals only with
 * a recorded reason, with how each is masked. Every field lib/wechat encrypts on the wire is here
 * (a unit test checks it), plus the legal person's name on the business licence.
 */
export const sensitiveFields = {
  "business_license_info.legal_person": "name",
  "id_card_info.id_card_name": "name",
  "id_card_info.id_card_number": "number",
  "id_card_info.id_card_address": "address",
  "id_doc_info.id_doc_name": "name",
  "id_doc_info.id_doc_number": "number",
  "id_doc_info.id_doc_address": "address",
  "contact_info.contact_email": "email",
  "contact_info.mobile_phone": "phone",
  "account_info.account_name": "name",
  "account_info.account_number": "number",
} as const satisfies Record<string, "name" | "number" | "address" | "email" | "phone">;

export type SensitiveFieldPath = keyof typeof sensitiveFields;

export function isSensitiveField(path: string): path is SensitiveFieldPath {
  return Object.hasOwn(sensitiveFields, path);
}
