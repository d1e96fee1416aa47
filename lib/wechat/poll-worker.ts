import { and, eq, sql } from "drizzle-orm";
import { queryRows, type Db } from "@/db/client";
import { applicationEvents, applications, fieldComments } from "@/db/schema";
import { moveApplication, wechatPending } from "@/lib/applications/lifecycle";
import { getConfig } from "@/lib/config";
import { dataKeyRing } from "@/lib/crypto/keys";
import { adoptApplicationAccount } from "@/lib/funds/settlement-account";
import { logger } from "@/lib/runtime/logger";
import type { ApplicationStatus } from "./application-status";
import type { WeChatFor } from "./client";
import { WeChatError } from "./errors";
import { fieldPathOfParam } from "./field-paths";
import type { WorkerOptions } from "./submission-worker";
import { UNKNOWN_STATE_ALERT_AFTER } from "./unknown-state";


/** What the hand-offs show, from WeChat's answer: no personal data beyond the masked account WeChat names. */
function handoffOf(answer: ApplicationStatus): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries({
      applyment_state_desc: answer.applyment_state_desc,
      account_validation: answer.account_validation,
      sign_url: answer.sign_url,
      legal_validation_url: answer.legal_validation_url,
      sub_mchid: answer.sub_mchid,
    }).filter(([, value]) => value !== undefined),
  );
}

type Claimed = { id: string; merchant_id: string; current_revision: number };

/**
 * Reads WeChat's decision for submitted applications that are due, each claimed (FOR UPDATE SKIP
 * LOCKED, its next poll pushed out) so that two instances never poll the same one at once.
 */
export async function runPollWorker(db: Db, wechatFor: WeChatFor, options: WorkerOptions = {}): Promise<{ polled: number; finished: number; rejected: number }> {
  const now = options.now ?? (() => new Date());
  const interval = options.pollIntervalSeconds ?? getConfig().wechat.pollIntervalSeconds;
  const claimed = await db.transaction(async (tx) => {
    const rows = await queryRows<Claimed>(
      tx as unknown as Db,
      sql`select id, merchant_id, current_revision from applications
          where status in ${sql.raw(`('${wechatPending.join("','")}')`)} and next_poll_at <= ${now().toISOString()}
          order by next_poll_at limit ${options.limit ?? 20} for update skip locked`,
    );
    for (const row of rows) {
      await tx.execute(sql`update applications set next_poll_at = ${new Date(now().getTime() + interval * 1000).toISOString()} where id = ${row.id}`);
    }
    return rows;
  });

  const result = { polled: claimed.length, finished: 0, rejected: 0 };
  for (const row of claimed) {
    let answer;
    try {
      answer = await (await wechatFor(row.merchant_id)).getApplication();
    } catch (error) {
      const failure = error instanceof WeChatError ? error : new WeChatError("http", String(error), { transient: true });
      logger.warn("wechat.poll_failed", { applicationId: row.id, ...failure.details });
      await db.insert(applicationEvents).values({ applicationId: row.id, merchantId: row.merchant_id, type: "wechat_poll_failed", revision: row.current_revision, internal: true, details: failure.details });
      continue;
    }
    const handoff = handoffOf(answer);
    if (answer.state === "unknown") {
      // Shown raw; support is told once it has come back three times, never polled silently forever.
      const [counted] = await queryRows<{ wechat_unknown_count: number }>(
        db,
        sql`update applications set wechat_state = ${answer.applyment_state}, wechat_handoff = ${JSON.stringify(handoff)}::jsonb,
            wechat_unknown_count = wechat_unknown_count + 1 where id = ${row.id} returning wechat_unknown_count`,
      );
      if (counted?.wechat_unknown_count === UNKNOWN_STATE_ALERT_AFTER) {
        logger.warn("wechat.unknown_state", { applicationId: row.id, applyment_state: answer.applyment_state });
        await db.insert(applicationEvents).values({ applicationId: row.id, merchantId: row.merchant_id, type: "wechat_unknown_state", revision: row.current_revision, details: { applyment_state: answer.applyment_state, answers: UNKNOWN_STATE_ALERT_AFTER } });
      }
      continue;
    }
    const state = answer.state;
    if (state !== "finished" && state !== "rejected" && state !== "frozen" && state !== "canceled") {
      await db.transaction(async (tx) => {
        const set = { wechatState: answer.applyment_state, wechatHandoff: handoff, wechatUnknownCount: 0 };
        const moved = await moveApplication(tx as unknown as Db, { applicationId: row.id, merchantId: row.merchant_id, to: state, actor: { kind: "system" }, event: { type: `wechat_${answer.state}`, revision: row.current_revision, details: { status: answer.state, applyment_state: answer.applyment_state } }, set, ifAllowed: true });
        // Still in the same state: only the details can have changed (a new deadline, a new link).
        if (!moved) await tx.update(applications).set(set).where(and(eq(applications.id, row.id), eq(applications.merchantId, row.merchant_id)));
      });
      continue;
    }
    if (state === "frozen" || state === "canceled") {
      await db.transaction(async (tx) => {
        await moveApplication(tx as unknown as Db, { applicationId: row.id, merchantId: row.merchant_id, to: state, actor: { kind: "system" }, event: { type: `wechat_${answer.state}`, revision: row.current_revision, details: { status: answer.state, applyment_state: answer.applyment_state } }, ifAllowed: true, set: { nextPollAt: null, wechatState: answer.applyment_state, wechatHandoff: handoff, wechatMessage: answer.audit_detail.map((r) => r.reject_reason).join("\n") || null } });
      });
      continue;
    }
    await db.transaction(async (tx) => {
      if (answer.state === "finished") {
        if (await moveApplication(tx as unknown as Db, { applicationId: row.id, merchantId: row.merchant_id, to: "finished", actor: { kind: "system" }, event: { type: "wechat_finished", revision: row.current_revision, details: { status: "finished", sub_mchid: answer.sub_mchid } }, ifAllowed: true, set: { nextPollAt: null, wechatMessage: null, wechatState: answer.applyment_state, wechatHandoff: handoff, wechatUnknownCount: 0 } })) {
          result.finished++;
          await adoptApplicationAccount(tx as unknown as Db, dataKeyRing(), { merchantId: row.merchant_id, applicationId: row.id, revision: row.current_revision });
        }
        return;
      }
      const reasons = answer.audit_detail;
      const message = reasons.map((r) => r.reject_reason).join("\n") || "wechat.errors.unknown";
      const moved = await moveApplication(tx as unknown as Db, {
        applicationId: row.id,
        merchantId: row.merchant_id,
        to: "rejected",
        actor: { kind: "system" },
        event: { type: "wechat_rejected", revision: row.current_revision, details: { status: "rejected", audit_detail: reasons.map((r) => ({ param_name: r.param_name })) } },
        ifAllowed: true,
        set: { nextPollAt: null, wechatMessage: message.slice(0, 2000), wechatState: answer.applyment_state, wechatHandoff: handoff, wechatUnknownCount: 0 },
      });
      if (!moved) return;
      result.rejected++;
      // One millisecond apart: a transaction's now() is one instant, and readers order by time.
      const at = now().getTime();
      // Reasons naming a field land on it; the rest stay in the message shown at the top.
      const onFields = reasons.map((r) => ({ ...r, fieldPath: fieldPathOfParam(r.param_name) })).filter((r): r is typeof r & { fieldPath: string } => r.fieldPath !== null);
      for (const [index, reason] of onFields.entries()) {
        await tx.insert(fieldComments).values({
          createdAt: new Date(at + index),
          applicationId: row.id,
          merchantId: row.merchant_id,
          revision: row.current_revision,
          fieldPath: reason.fieldPath,
          body: reason.reject_reason,
          source: "wechat",
        });
      }
    });
  }
  return result;
}
