import { and, eq, sql } from "drizzle-orm";
import { queryRows, type Db } from "@/db/client";
import { applicationRevisions, fieldComments, wechatSubmissions } from "@/db/schema";
import { moveApplication } from "@/lib/applications/lifecycle";
import { openString } from "@/lib/crypto/at-rest";
import { dataKeyRing } from "@/lib/crypto/keys";
import { getConfig } from "@/lib/config";
import { logger } from "@/lib/runtime/logger";
import { toApplyPayload } from "@/lib/qualification/payload";
import type { Qualification } from "@/lib/qualification/schema";
import zhWechat from "@/messages/zh-CN/wechat.json";
import type { WeChatFor } from "./client";
import { WeChatError } from "./errors";
import { platformKey, type PlatformKey } from "./platform-key";
import { encryptSensitiveFields } from "./sensitive-fields";

/** After this many failed attempts a transient failure is given up and returned to the merchant. */
export const MAX_SEND_ATTEMPTS = 10;
/** `/shop/wxpay/get` answer for a Mini Program with no application. */
export const NO_APPLICATION_ERRCODE = 9401021;

/** A send that has not recorded its answer after this long was cut off (crash, deploy). */
export const STALE_SEND_SECONDS = 600;

export type WorkerOptions = { limit?: number; now?: () => Date; platformKey?: PlatformKey; pollIntervalSeconds?: number };

type Claimed = { id: string; application_id: string; merchant_id: string; revision: number; attempts: number };

/**
 * Sends due submissions to WeChat, each claimed (FOR UPDATE SKIP LOCKED, then marked `sending`)
 * so that no two workers or instances send the same revision. Returns how many were sent.
 */
export async function runSubmissionWorker(db: Db, wechatFor: WeChatFor, options: WorkerOptions = {}): Promise<{ claimed: number; sent: number }> {
  const now = options.now ?? (() => new Date());
  await enqueueApproved(db, options.limit ?? 10);
  await recoverStaleSends(db, wechatFor, options, now);
  const claimed = await db.transaction(async (tx) => {
    const rows = await queryRows<Claimed>(
      tx as unknown as Db,
      sql`select id, application_id, merchant_id, revision, attempts from wechat_submissions
          where state = 'pending' and next_attempt_at <= ${now().toISOString()}
          order by next_attempt_at limit ${options.limit ?? 10} for update skip locked`,
    );
    const mine: Claimed[] = [];
    for (const row of rows) {
      const moved = await moveApplication(tx as unknown as Db, {
        applicationId: row.application_id,
        merchantId: row.merchant_id,
        to: "submitting",
        actor: { kind: "system" },
        event: { type: "sending_to_wechat", revision: row.revision, internal: true },
        ifAllowed: true,
      });
      await tx
        .update(wechatSubmissions)
        .set(moved ? { state: "sending", attempts: row.attempts + 1, updatedAt: now() } : { state: "failed", lastErrmsg: "application is no longer approved", updatedAt: now() })
        .where(eq(wechatSubmissions.id, row.id));
      if (moved) mine.push({ ...row, attempts: row.attempts + 1 });
    }
    return mine;
  });

  let sent = 0;
  for (const row of claimed) {
    if (await sendOne(db, wechatFor, row, options, now)) sent++;
  }
  return { claimed: claimed.length, sent };
}

async function sendOne(db: Db, wechatFor: WeChatFor, row: Claimed, options: WorkerOptions, now: () => Date): Promise<boolean> {
  let failure: WeChatError;
  try {
    const [revision] = await db
      .select({ dataSealed: applicationRevisions.dataSealed })
      .from(applicationRevisions)
      .where(and(eq(applicationRevisions.applicationId, row.application_id), eq(applicationRevisions.revision, row.revision)));
    if (!revision) throw new Error(`revision ${row.revision} not found`);
    const data = JSON.parse(openString(dataKeyRing(), revision.dataSealed)) as Qualification;
    const client = await wechatFor(row.merchant_id);
    const config = options.platformKey ? undefined : getConfig().wechat;
    const key = options.platformKey ?? (await platformKey(client, { publicKeyPem: config!.platformPublicKey, serial: config!.platformKeySerial }));
    const body = encryptSensitiveFields(toApplyPayload(data) as Record<string, unknown>, key.publicKeyPem);
    await client.apply(body, { serial: key.serial });
    await db.transaction(async (tx) => {
      await tx.update(wechatSubmissions).set({ state: "sent", lastErrcode: 0, lastErrmsg: "ok", updatedAt: now() }).where(eq(wechatSubmissions.id, row.id));
      await moveApplication(tx as unknown as Db, {
        applicationId: row.application_id,
        merchantId: row.merchant_id,
        to: "submitted",
        actor: { kind: "system" },
        event: { type: "sent_to_wechat", revision: row.revision, details: { errcode: 0, errmsg: "ok", attempts: row.attempts } },
        ifAllowed: true,
        set: { wechatMessage: null, nextPollAt: new Date(now().getTime() + pollSeconds(options) * 1000) },
      });
    });
    logger.info("wechat.submission_sent", { applicationId: row.application_id, revision: row.revision });
    return true;
  } catch (error) {
    failure = error instanceof WeChatError ? error : new WeChatError("http", `console error: ${error instanceof Error ? error.message : String(error)}`, { transient: true });
  }

  const retry = failure.transient && row.attempts < MAX_SEND_ATTEMPTS;
  logger.warn("wechat.submission_failed", { applicationId: row.application_id, revision: row.revision, ...failure.details, retry });
  await db.transaction(async (tx) => {
    await tx
      .update(wechatSubmissions)
      .set({
        state: retry ? "pending" : "failed",
        nextAttemptAt: new Date(now().getTime() + retryDelaySeconds(row.attempts) * 1000),
        lastErrcode: typeof failure.errcode === "number" ? failure.errcode : null,
        lastErrmsg: failure.errmsg.slice(0, 500),
        updatedAt: now(),
      })
      .where(eq(wechatSubmissions.id, row.id));
    await moveApplication(tx as unknown as Db, {
      applicationId: row.application_id,
      merchantId: row.merchant_id,
      to: retry ? "approved" : "rejected",
      actor: { kind: "system" },
      event: { type: retry ? "wechat_retry" : "wechat_refused", revision: row.revision, details: { ...failure.details, attempts: row.attempts } },
      ifAllowed: true,
      set: { wechatMessage: failure.merchantMessage },
    });
    if (!retry) {
      // WeChat names the fields it refused (`invalid args hint: [a.b, c]`): a comment on each, in
      // Chinese like WeChat's own review reasons (comments are text, not message keys).
      const paths = /hint: \[([^\]]+)\]/.exec(failure.errmsg)?.[1]?.split(",").map((p) => p.trim()).filter(Boolean) ?? [];
      for (const [index, fieldPath] of paths.slice(0, 20).entries()) {
        await tx.insert(fieldComments).values({ createdAt: new Date(now().getTime() + index), applicationId: row.application_id, merchantId: row.merchant_id, revision: row.revision, fieldPath, body: zhWechat.errors.field_invalid, source: "wechat" });
      }
    }
  });
  return false;
}

/**
 * Queues approved applications whose current revision has no submission yet, so that an approval
 * is sent even if its caller did not call enqueueSubmission; the unique key keeps it to one row.
 */
async function enqueueApproved(db: Db, limit: number) {
  await db.execute(sql`insert into wechat_submissions (application_id, merchant_id, revision)
    select a.id, a.merchant_id, a.current_revision from applications a
    where a.status = 'approved' and a.current_revision > 0
      and not exists (select 1 from wechat_submissions s where s.application_id = a.id and s.revision = a.current_revision)
    limit ${limit}
    on conflict do nothing`);
}

/**
 * A send cut off before its answer was recorded is settled by asking WeChat, never by sending
 * again blindly: if WeChat has the application it counts as sent, if it has none it is queued again.
 */
async function recoverStaleSends(db: Db, wechatFor: WeChatFor, options: WorkerOptions, now: () => Date) {
  const stale = await db.transaction(async (tx) => {
    const rows = await queryRows<Claimed>(
      tx as unknown as Db,
      sql`select id, application_id, merchant_id, revision, attempts from wechat_submissions
          where state = 'sending' and updated_at <= ${new Date(now().getTime() - STALE_SEND_SECONDS * 1000).toISOString()}
          limit ${options.limit ?? 10} for update skip locked`,
    );
    // Touch them so that another instance does not check the same rows meanwhile.
    for (const row of rows) await tx.update(wechatSubmissions).set({ updatedAt: now() }).where(eq(wechatSubmissions.id, row.id));
    return rows;
  });
  for (const row of stale) {
    let received: boolean;
    try {
      const answer = await (await wechatFor(row.merchant_id)).getApplication();
      // A resubmission that finds the previous revision's rejection was not received.
      received = answer.state !== "rejected" || row.revision === 1;
    } catch (error) {
      if (error instanceof WeChatError && error.errcode === NO_APPLICATION_ERRCODE) received = false;
      else {
        logger.warn("wechat.recovery_deferred", { applicationId: row.application_id, error: error instanceof Error ? error.message : String(error) });
        continue;
      }
    }
    await db.transaction(async (tx) => {
      await tx
        .update(wechatSubmissions)
        .set(received ? { state: "sent", lastErrcode: 0, lastErrmsg: "recovered: WeChat has the application", updatedAt: now() } : { state: "pending", nextAttemptAt: now(), updatedAt: now() })
        .where(and(eq(wechatSubmissions.id, row.id), eq(wechatSubmissions.state, "sending")));
      await moveApplication(tx as unknown as Db, {
        applicationId: row.application_id,
        merchantId: row.merchant_id,
        to: received ? "submitted" : "approved",
        actor: { kind: "system" },
        event: { type: received ? "sent_to_wechat" : "wechat_retry", revision: row.revision, internal: !received, details: { recovered: true, attempts: row.attempts } },
        ifAllowed: true,
        set: received ? { nextPollAt: now() } : {},
      });
    });
  }
}

function pollSeconds(options: WorkerOptions): number {
  return options.pollIntervalSeconds ?? getConfig().wechat.pollIntervalSeconds;
}

/** 30 s, 1 min, 2 min … capped at an hour. */
function retryDelaySeconds(attempts: number): number {
  return Math.min(3600, 30 * 2 ** Math.max(0, attempts - 1));
}
