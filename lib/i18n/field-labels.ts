import { LONG_TERM } from "@/lib/qualification/constants";
import { regionName } from "@/lib/qualification/regions";

type Translator = { has: (key: never) => boolean; raw: (key: never) => unknown };

/**
 * A field's label on the review page from the wizard's `wizard.fields` messages (the same words
 * the merchant saw); a field without one shows its WeChat name, which support staff know.
 */
export function fieldLabelFor(t: Translator, path: string): string {
  const key = `wizard.fields.${path}`;
  const raw = t.has(key as never) ? t.raw(key as never) : undefined;
  if (typeof raw === "string") return raw;
  // A [begin, end] pair (business_time) has one label per part.
  if (raw && typeof raw === "object" && "0" in raw && "1" in raw) return `${String((raw as Record<string, unknown>)[0])} – ${String((raw as Record<string, unknown>)[1])}`;
  return path.split(".").pop() ?? path;
}

/** Where the wizard has words for an enum value (subject type, document type …), those words. */
const enumLabels: Record<string, string> = {
  organization_type: "wizard.orgTypes.{v}.name",
  id_doc_type: "wizard.idDocTypes.{v}",
  "contact_info.contact_type": "wizard.contactTypes.{v}",
  "account_info.bank_account_type": "wizard.accountTypes.{v}",
  biz_type: "wizard.bizTypes.{v}",
};

/**
 * A value as words rather than WeChat's codes: enum values by the wizard's labels, a region code by
 * its province and city, 长期 in the reader's language (also inside a [begin, end] pair).
 */
export function valueLabelFor(t: Translator, path: string, value: string | null): string | null {
  if (value === null) return value;
  if (path === "account_info.bank_address_code") return regionName(value) ?? value;
  if (value.split(", ").includes(LONG_TERM)) return value.split(", ").map((part) => (part === LONG_TERM ? String(t.raw("wizard.picker.longTerm" as never)) : part)).join(", ");
  const pattern = enumLabels[path];
  if (!pattern) return value;
  const key = pattern.replace("{v}", value);
  if (!t.has(key as never)) return value;
  const raw = t.raw(key as never);
  if (typeof raw === "string") return raw;
  if (raw && typeof raw === "object" && "name" in raw) return String((raw as { name: unknown }).name);
  return value;
}
