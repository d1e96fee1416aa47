import { getConfig } from "@/lib/config";
import type { KeyRing } from "./at-rest";

/** The configured data-encryption key ring. */
export function dataKeyRing(): KeyRing {
  const config = getConfig();
  return { keys: config.dataKeys, activeKeyId: config.activeDataKeyId };
}
