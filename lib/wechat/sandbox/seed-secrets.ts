import { and, inArray, isNull, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { merchants } from "@/db/schema";
import { sealString, type KeyRing } from "@/lib/crypto/at-rest";
import { sandboxAppSecret } from "./mini-programs";

/**
 * Demo and e2e merchants get their Mini Program's sandbox AppSecret at seed time (sandbox mode
 * only), so that they work without an operator step; a secret already set is left alone.
 */
export async function seedSandboxAppSecrets(db: Db, ring: KeyRing, merchantIds: string[] | "all"): Promise<void> {
  if (merchantIds.length === 0) return;
  const rows = await db
    .select({ id: merchants.id, appid: sql<string>`${merchants.miniProgram}->>'appid'` })
    .from(merchants)
    .where(merchantIds === "all" ? isNull(merchants.appSecretSealed) : and(inArray(merchants.id, merchantIds), isNull(merchants.appSecretSealed)));
  for (const row of rows) {
    await db
      .update(merchants)
      .set({ appSecretSealed: sealString(ring, sandboxAppSecret(row.appid)), appSecretSetAt: new Date(), appSecretSetBy: null })
      .where(and(inArray(merchants.id, [row.id]), isNull(merchants.appSecretSealed)));
  }
}
