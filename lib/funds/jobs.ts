import "server-only";
import { and, eq, lte } from "drizzle-orm";
import { settlementAccountChanges, withdrawals } from "@/db/schema";
import { dataKeyRing } from "@/lib/crypto/keys";
import { defineJob, type JobContext } from "@/lib/jobs";
import { fundsGatewayFor, withdrawalDepsFor } from "./app-gateway";
import { chinaDay, importFundsFlows } from "./flows-import";
import { followSettlementChanges } from "./settlement-account";
import { dueWithdrawals, followWithdrawal, settleSubmitted } from "./withdrawals";

/**
 * Runs `work` for each item; one item failing is logged and counted, the others go on. Every
 * write in the funds services is conditional on the status it was read in, so a run that overlaps
 * a merchant's own live check writes each change once. Throws when every item failed, so the
 * job records the error and backs off.
 */
async function eachItem<T>(ctx: JobContext, event: string, items: T[], idOf: (item: T) => Record<string, string>, work: (item: T) => Promise<unknown>) {
  let failed = 0;
  let lastError: unknown;
  for (const item of items) {
    try {
      await work(item);
    } catch (error) {
      failed++;
      lastError = error;
      ctx.log.warn(event, { ...idOf(item), error: String(error) });
    }
  }
  if (items.length > 0 && failed === items.length) throw lastError;
  return { rows: items.length - failed };
}

/** Scan status, then WeChat's withdrawal detail, for every withdrawal whose next check is due. */
export const withdrawalFollowJob = defineJob({
  name: "funds.withdrawals.follow",
  everyMs: 3_000,
  run: async (ctx) =>
    eachItem(ctx, "funds.follow_failed", await dueWithdrawals(ctx.db, { now: ctx.now }), (w) => ({ withdrawalId: w.id }), async (w) =>
      followWithdrawal(ctx.db, await withdrawalDepsFor(ctx.db, w.merchantId), w),
    ),
});

/** Withdrawals whose submitwithdraw answer was never recorded: settled from WeChat's list, never by calling again. */
export const withdrawalSettleJob = defineJob({
  name: "funds.withdrawals.settle_submitted",
  everyMs: 10_000,
  run: async (ctx) => {
    const stuck = await ctx.db
      .selectDistinct({ merchantId: withdrawals.merchantId })
      .from(withdrawals)
      .where(and(eq(withdrawals.status, "submitting"), lte(withdrawals.submittedAt, new Date(ctx.now.getTime() - 30_000))));
    return eachItem(ctx, "funds.settle_failed", stuck, (m) => m, async ({ merchantId }) => settleSubmitted(ctx.db, await withdrawalDepsFor(ctx.db, merchantId), { merchantId }));
  },
});

/** Pending settlement-account changes, followed until WeChat says they are in force (or refused). */
export const settlementFollowJob = defineJob({
  name: "funds.settlement.follow",
  everyMs: 3_000,
  run: async (ctx) => {
    const changes = await ctx.db.selectDistinct({ merchantId: settlementAccountChanges.merchantId }).from(settlementAccountChanges).where(eq(settlementAccountChanges.status, "pending"));
    return eachItem(ctx, "funds.settlement_follow_failed", changes, (m) => m, async ({ merchantId }) =>
      followSettlementChanges(ctx.db, dataKeyRing(), await fundsGatewayFor(ctx.db, merchantId), { merchantId, now: ctx.now }),
    );
  },
});

const dayMs = 24 * 60 * 60_000;

/** Yesterday's funds flow (China time) for every open merchant; each flow is stored once, so a rerun is harmless. */
export const fundsFlowImportJob = defineJob({
  name: "funds.flows.import",
  everyMs: dayMs,
  leaseMs: 2 * 60 * 60_000,
  run: async ({ db, now, log }) => {
    let failed = 0;
    const merchants = await importFundsFlows(db, (merchantId) => fundsGatewayFor(db, merchantId), {
      days: [chinaDay(new Date(now.getTime() - dayMs))],
      onError: (merchantId, error) => {
        failed++;
        log.warn("funds.flows_import_failed", { merchantId, error: String(error) });
      },
    });
    if (failed > 0 && merchants === 0) throw new Error(`funds flow import failed for all ${failed} merchants`);
    return { rows: merchants };
  },
});
