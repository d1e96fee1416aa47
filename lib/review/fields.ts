import { maskValue } from "@/lib/crypto/mask";
import { isPicFile, type FieldValue } from "@/lib/qualification/field-values";
import type { PicFile } from "@/lib/qualification/schema";
import { isSensitiveField, sensitiveFields } from "@/lib/qualification/sensitive-fields";

export { changedPaths, flattenFields, isPicFile, type FieldValue } from "@/lib/qualification/field-values";

/** The value as support sees it before revealing: sensitive values masked, the rest as text. */
export function displayValue(path: string, value: FieldValue | undefined): string | null {
  if (value === undefined || value === null || value === "") return null;
  if (isPicFile(value) || (Array.isArray(value) && value.some(isPicFile))) return null;
  const text = Array.isArray(value) ? value.join(", ") : String(value);
  return isSensitiveField(path) ? maskValue(sensitiveFields[path], text) : text;
}

export { maskValue } from "@/lib/crypto/mask";

export function photosOf(value: FieldValue | undefined): PicFile[] {
  if (isPicFile(value)) return [value];
  if (Array.isArray(value)) return value.filter(isPicFile);
  return [];
}
