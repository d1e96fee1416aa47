import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { applicationEvents, applications, paymentEvents, payments, withdrawalEvents, withdrawals } from "@/db/schema";
import { moveApplication } from "@/lib/applications/lifecycle";
import { isAppError } from "@/lib/errors";
import { moveWithdrawal } from "@/lib/funds/withdrawal-lifecycle";
import { movePayment } from "@/lib/payments/lifecycle";
import { submittedApplication } from "../factories/applications";
import { createTestDb, testEngines, type TestDb } from "../helpers/db";
import { createMerchant, createSupportUser, sampleQualification } from "../helpers/applications";

/** The error a refused move throws: its domain reason, so the caller's page says what happened. */
async function reasonOf(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(() => null, (e: unknown) => e);
  if (!isAppError(error)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error.reason;
}

describe.each(testEngines)("lifecycles on %s", (engine) => {
  let t: TestDb;
  let supportId: string;
  beforeAll(async () => {
    t = await createTestDb(engine);
    supportId = await createSupportUser(t.db);
  });
  afterAll(async () => t?.destroy());

  const inTx = <T>(fn: (tx: Db) => Promise<T>) => t.db.transaction((tx) => fn(tx as unknown as Db));

  async function pendingApplication() {
    const m = await createMerchant(t.db);
    const s = await submittedApplication(t.db, m, sampleQualification());
    return { ...m, ...s };
  }
  const applicationState = async (id: string) => ({
    status: (await t.db.select({ s: applications.status }).from(applications).where(eq(applications.id, id)))[0]!.s,
    events: (await t.db.select().from(applicationEvents).where(eq(applicationEvents.applicationId, id))).length,
  });

  it("writes an application's move and its event in the caller's transaction", async () => {
    const app = await pendingApplication();
    const before = await applicationState(app.applicationId);
    const moved = await inTx((tx) =>
      moveApplication(tx, { applicationId: app.applicationId, merchantId: app.merchantId, to: "approved", actor: { kind: "support", id: supportId }, event: { type: "approved", revision: 1, note: "ok" } }),
    );
    expect(moved).toEqual({ from: "pending_review", to: "approved" });
    expect(await applicationState(app.applicationId)).toEqual({ status: "approved", events: before.events + 1 });
    const [event] = await t.db.select().from(applicationEvents).where(eq(applicationEvents.type, "approved"));
    expect(event).toMatchObject({ applicationId: app.applicationId, fromStatus: "pending_review", toStatus: "approved", actorId: supportId, actorRole: "support", note: "ok", revision: 1 });
  });

  it("is undone with the caller's transaction", async () => {
    const app = await pendingApplication();
    const before = await applicationState(app.applicationId);
    await expect(
      inTx(async (tx) => {
        await moveApplication(tx, { applicationId: app.applicationId, merchantId: app.merchantId, to: "approved", actor: { kind: "support", id: supportId }, event: { type: "approved" } });
        throw new Error("the caller failed after the move");
      }),
    ).rejects.toThrow("the caller failed after the move");
    expect(await applicationState(app.applicationId)).toEqual(before);
  });

  it("refuses an illegal application move with its reason and writes nothing", async () => {
    const app = await pendingApplication();
    const before = await applicationState(app.applicationId);
    // Not in the table at all, and in the table but by the wrong mover.
    expect(await reasonOf(moveApplication(t.db, { applicationId: app.applicationId, merchantId: app.merchantId, to: "finished", actor: { kind: "system" }, event: { type: "wechat_finished" } }))).toBe("application.illegal_move");
    expect(await reasonOf(moveApplication(t.db, { applicationId: app.applicationId, merchantId: app.merchantId, to: "approved", actor: { kind: "merchant", id: app.adminId, role: "owner" }, event: { type: "approved" } }))).toBe("application.illegal_move");
    // A stale `from` (the page saw draft): the row is not in it, so nothing moves.
    expect(await reasonOf(moveApplication(t.db, { applicationId: app.applicationId, merchantId: app.merchantId, from: "draft", to: "pending_review", actor: { kind: "merchant", id: app.adminId, role: "owner" }, event: { type: "submitted" } }))).toBe("application.illegal_move");
    expect(await applicationState(app.applicationId)).toEqual(before);
  });

  it("lets a worker skip a move its table refuses, writing nothing", async () => {
    const app = await pendingApplication();
    const before = await applicationState(app.applicationId);
    expect(await moveApplication(t.db, { applicationId: app.applicationId, merchantId: app.merchantId, to: "submitting", actor: { kind: "system" }, event: { type: "sending_to_wechat" }, ifAllowed: true })).toBeNull();
    expect(await applicationState(app.applicationId)).toEqual(before);
  });

  it("never moves another merchant's application", async () => {
    const app = await pendingApplication();
    const other = await createMerchant(t.db);
    const before = await applicationState(app.applicationId);
    expect(await reasonOf(moveApplication(t.db, { applicationId: app.applicationId, merchantId: other.merchantId, to: "approved", actor: { kind: "support", id: supportId }, event: { type: "approved" } }))).toBe("not_found");
    expect(await applicationState(app.applicationId)).toEqual(before);
  });

  async function withdrawalIn(status: (typeof withdrawals.$inferSelect)["status"]) {
    const { merchantId } = await createMerchant(t.db);
    const [row] = await t.db.insert(withdrawals).values({ merchantId, idempotencyKey: randomUUID(), amountMinor: 1000, currency: "CNY", status, accountMasked: "6222********1234", bankName: "工商银行" }).returning();
    return row!;
  }
  const withdrawalState = async (id: string) => ({
    status: (await t.db.select({ s: withdrawals.status }).from(withdrawals).where(eq(withdrawals.id, id)))[0]!.s,
    events: (await t.db.select().from(withdrawalEvents).where(eq(withdrawalEvents.withdrawalId, id))).length,
  });

  it("moves a withdrawal with its event, and refuses to move one out of a final status", async () => {
    const open = await withdrawalIn("created");
    const moved = await inTx((tx) => moveWithdrawal(tx, { withdrawal: open, to: "failed", reason: "bank_rejected", set: { reason: "bank_rejected", nextCheckAt: null } }));
    expect(moved).toMatchObject({ status: "failed", reason: "bank_rejected", nextCheckAt: null });
    const [event] = await t.db.select().from(withdrawalEvents).where(eq(withdrawalEvents.withdrawalId, open.id));
    expect(event).toMatchObject({ fromStatus: "created", toStatus: "failed", reason: "bank_rejected" });

    const failed = await withdrawalIn("failed");
    expect(await reasonOf(moveWithdrawal(t.db, { withdrawal: failed, to: "succeeded" }))).toBe("withdrawal.illegal_move");
    expect(await withdrawalState(failed.id)).toEqual({ status: "failed", events: 0 });
  });

  it("writes nothing when the withdrawal was moved by someone else first", async () => {
    const row = await withdrawalIn("created");
    await moveWithdrawal(t.db, { withdrawal: row, to: "succeeded" });
    // The second writer still holds the row as it read it: created.
    expect(await moveWithdrawal(t.db, { withdrawal: row, to: "closed" })).toBeNull();
    expect(await withdrawalState(row.id)).toEqual({ status: "succeeded", events: 1 });
  });

  async function paymentIn(status: (typeof payments.$inferSelect)["status"]) {
    const { merchantId } = await createMerchant(t.db);
    const [row] = await t.db.insert(payments).values({ merchantId, orderId: `C${randomUUID()}`, merchantOrderId: randomUUID(), amountMinor: 500, currency: "CNY", status, createdAt: new Date() }).returning();
    return row!;
  }
  const paymentState = async (id: string) => ({
    status: (await t.db.select({ s: payments.status }).from(payments).where(eq(payments.id, id)))[0]!.s,
    events: (await t.db.select().from(paymentEvents).where(eq(paymentEvents.paymentId, id))).length,
  });

  it("moves a payment with its event, records a stay only when asked, and refuses to leave a final status", async () => {
    const pending = await paymentIn("PENDING");
    await movePayment(t.db, { payment: pending, to: "PENDING", source: "poll" });
    expect(await paymentState(pending.id)).toEqual({ status: "PENDING", events: 0 });
    await movePayment(t.db, { payment: pending, to: "PENDING", source: "refresh", recordStay: true });
    expect(await paymentState(pending.id)).toEqual({ status: "PENDING", events: 1 });
    expect(await movePayment(t.db, { payment: pending, to: "SUCCEEDED", source: "notification", set: { nextQueryAt: null } })).toMatchObject({ status: "SUCCEEDED", nextQueryAt: null });
    expect(await paymentState(pending.id)).toEqual({ status: "SUCCEEDED", events: 2 });

    const succeeded = await paymentIn("SUCCEEDED");
    expect(await reasonOf(movePayment(t.db, { payment: succeeded, to: "CANCELLED", source: "notification" }))).toBe("payment.illegal_move");
    expect(await reasonOf(movePayment(t.db, { payment: succeeded, to: "PENDING", source: "poll" }))).toBe("payment.illegal_move");
    expect(await paymentState(succeeded.id)).toEqual({ status: "SUCCEEDED", events: 0 });
  });
});
