import { openString, sealString, type KeyRing } from "@/lib/crypto/at-rest";

/** Raw form values as the user left them (partial, possibly invalid): drafts are never validated on save. */
export type DraftValues = Record<string, unknown>;

export const MAX_DRAFT_BYTES = 256 * 1024;

export function sealDraft(ring: KeyRing, values: DraftValues): string {
  return sealString(ring, JSON.stringify(values));
}

export function openDraft(ring: KeyRing, sealed: string): DraftValues {
  const value = JSON.parse(openString(ring, sealed)) as unknown;
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as DraftValues) : {};
}
