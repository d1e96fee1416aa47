"use server";

import { dataKeyRing } from "@/lib/crypto/keys";
import { fundsGatewayFor } from "@/lib/funds/app-gateway";
import { requestSettlementChange } from "@/lib/funds/settlement-account";
import { settlementChangeSchema } from "@/lib/funds/settlement-schema";
import { merchantAction } from "@/lib/server/action";

export const requestSettlementChangeAction = merchantAction(settlementChangeSchema, async function requestSettlementChangeAction(values, { actor, db }) {
  await requestSettlementChange(db, dataKeyRing(), await fundsGatewayFor(db, actor.merchantId), { merchantId: actor.merchantId, actorId: actor.id, values });
  return null;
});
