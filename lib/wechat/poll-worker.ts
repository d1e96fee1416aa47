import { sql } from "drizzle-orm";
import { queryRows, type Db } from "@/db/client";
import { applicationEvents, fieldComments } from "@/db/schema";
import { getConfig } from "@/lib/config";
import { dataKeyRing } from "@/lib/crypto/keys";
import { adoptApplicationAccount } from "@/lib/funds/settlement-account";
import { logger } from "@/lib/server/logger";
import type { WeChatClient } from "./client";
import { WeChatError } from "./errors";
import { transition, type WorkerOptions } from "./submission-worker";

type Claimed = { id: string; merchant_id: string; current_revision: number };

/**
 * Reads WeChat's decision for submitted applications that are due, each claimed (FOR UPDATE SKIP
 * LOCKED, its next poll pushed out) so that two instances never poll the same one at once.
 */
export async function runPollWorker(db: Db, client: WeChatClient, options: WorkerOptions = {}): Promise<{ polled: number; finished: number; rejected: number }> {
  const now = options.now ?? (() => new Date());
  const interval = options.pollIntervalSeconds ?? getConfig().wechat.pollIntervalSeconds;
  const claimed = await db.transaction(async (tx) => {
    const rows = await queryRows<Claimed>(
      tx as unknown as Db,
      sql`select id, merchant_id, current_revision from applications
          where status = 'submitted' and next_poll_at <= ${now().toISOString()}
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
      answer = await client.getApplication({ merchantRef: row.id });
    } catch (error) {
      const failure = error instanceof WeChatError ? error : new WeChatError("http", String(error), { transient: true });
      logger.warn("wechat.poll_failed", { applicationId: row.id, ...failure.details });
      await db.insert(applicationEvents).values({ applicationId: row.id, merchantId: row.merchant_id, type: "wechat_poll_failed", revision: row.current_revision, internal: true, details: failure.details });
      continue;
    }
    if (answer.status === "auditing") {
      // The first answer "still reviewing" for a revision goes on the timeline; later ones would only repeat it.
      const seen = await queryRows<{ one: number }>(db, sql`select 1 as one from application_events where application_id = ${row.id} and type = 'wechat_auditing' and revision = ${row.current_revision} limit 1`);
      if (seen.length === 0) {
        await db.insert(applicationEvents).values({ applicationId: row.id, merchantId: row.merchant_id, type: "wechat_auditing", revision: row.current_revision, details: { status: "auditing" } });
      }
      continue;
    }
    await db.transaction(async (tx) => {
      if (answer.status === "finished") {
        if (await transition(tx as unknown as Db, { applicationId: row.id, merchantId: row.merchant_id, transition: "wechat_finished", revision: row.current_revision, type: "wechat_finished", details: { status: "finished", sub_mchid: answer.sub_mchid }, set: { nextPollAt: null, wechatMessage: null } })) {
          result.finished++;
          await adoptApplicationAccount(tx as unknown as Db, dataKeyRing(), { merchantId: row.merchant_id, applicationId: row.id, revision: row.current_revision });
        }
        return;
      }
      const reasons = answer.audit_detail;
      const message = reasons.map((r) => (r.field_name ? `${r.field_name}：${r.reject_reason}` : r.reject_reason)).join("\n") || "wechat.errors.unknown";
      const moved = await transition(tx as unknown as Db, {
        applicationId: row.id,
        merchantId: row.merchant_id,
        transition: "wechat_rejected",
        revision: row.current_revision,
        type: "wechat_rejected",
        details: { status: "rejected", audit_detail: reasons.map((r) => ({ field: r.field, field_name: r.field_name })) },
        set: { nextPollAt: null, wechatMessage: message.slice(0, 2000) },
      });
      if (!moved) return;
      result.rejected++;
      // One millisecond apart: a transaction's now() is one instant, and readers order by time.
      const at = now().getTime();
      for (const [index, reason] of reasons.filter((r) => r.field).entries()) {
        await tx.insert(fieldComments).values({
          createdAt: new Date(at + index),
          applicationId: row.id,
          merchantId: row.merchant_id,
          revision: row.current_revision,
          fieldPath: reason.field,
          body: reason.reject_reason,
          source: "wechat",
        });
      }
    });
  }
  return result;
}
