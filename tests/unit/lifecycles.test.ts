import { describe, expect, it } from "vitest";
import { applicationStatus, paymentStatus, withdrawalStatus, type ApplicationStatus } from "@/db/schema";
import { applicationMoves, canMoveApplication, editableStatuses, type ApplicationMover } from "@/lib/applications/lifecycle";
import { canMoveWithdrawal, finalStatuses, refundingStatuses, withdrawalMoves } from "@/lib/funds/withdrawal-lifecycle";
import { canMovePayment, finalPaymentStatuses, nextPaymentStatus, paymentMoves } from "@/lib/payments/lifecycle";

const applicationStatuses = applicationStatus.enumValues;
const movers: ApplicationMover[] = ["merchant", "support", "system"];

/** Every (from, to) pair of the enum: the table must say yes to its own rows and no to the rest. */
function pairs<S extends string>(statuses: readonly S[]): [S, S][] {
  return statuses.flatMap((from) => statuses.map((to) => [from, to] as [S, S]));
}

describe("application lifecycle", () => {
  it("has a row for every status", () => {
    expect(Object.keys(applicationMoves).sort()).toEqual([...applicationStatuses].sort());
  });

  it("allows every move in its table, for the mover it names only", () => {
    for (const from of applicationStatuses) {
      for (const [to, by] of Object.entries(applicationMoves[from]) as [ApplicationStatus, ApplicationMover][]) {
        expect(canMoveApplication(from, to, by), `${from} → ${to} by ${by}`).toBe(true);
        for (const other of movers.filter((m) => m !== by)) expect(canMoveApplication(from, to, other), `${from} → ${to} by ${other}`).toBe(false);
      }
    }
  });

  it("refuses every move outside its table", () => {
    for (const [from, to] of pairs(applicationStatuses)) {
      if (applicationMoves[from][to]) continue;
      for (const by of movers) expect(canMoveApplication(from, to, by), `${from} → ${to} by ${by}`).toBe(false);
    }
  });

  it("keeps the review in support's hands and sending in the workers'", () => {
    expect(canMoveApplication("draft", "pending_review", "merchant")).toBe(true);
    expect(canMoveApplication("pending_review", "approved", "support")).toBe(true);
    expect(canMoveApplication("pending_review", "approved", "merchant")).toBe(false);
    expect(canMoveApplication("draft", "approved", "support")).toBe(false);
    expect(canMoveApplication("approved", "submitting", "system")).toBe(true);
    expect(canMoveApplication("approved", "submitting", "support")).toBe(false);
    expect(canMoveApplication("finished", "pending_review", "merchant")).toBe(false);
    expect(canMoveApplication("finished", "frozen", "system")).toBe(true);
    expect(canMoveApplication("checking", "checking", "system")).toBe(false);
    expect(canMoveApplication("frozen", "finished", "system")).toBe(false);
  });

  it("lets the merchant submit again from every state in which it may edit", () => {
    for (const from of editableStatuses) expect(canMoveApplication(from, "pending_review", "merchant"), from).toBe(true);
  });
});

describe("withdrawal lifecycle", () => {
  const statuses = withdrawalStatus.enumValues;

  it("has a row for every status and allows every move in it", () => {
    expect(Object.keys(withdrawalMoves).sort()).toEqual([...statuses].sort());
    for (const from of statuses) for (const to of withdrawalMoves[from]) expect(canMoveWithdrawal(from, to), `${from} → ${to}`).toBe(true);
  });

  it("refuses every move outside its table, and every move out of a final status", () => {
    for (const [from, to] of pairs(statuses)) {
      if (!withdrawalMoves[from].includes(to)) expect(canMoveWithdrawal(from, to), `${from} → ${to}`).toBe(false);
    }
    expect([...finalStatuses].sort()).toEqual(["closed", "failed", "returned", "scan_expired", "scan_refused"]);
    for (const from of finalStatuses) for (const to of statuses) expect(canMoveWithdrawal(from, to)).toBe(false);
    expect(canMoveWithdrawal("succeeded", "failed")).toBe(false);
    expect(canMoveWithdrawal("created", "awaiting_scan")).toBe(false);
    expect(canMoveWithdrawal("succeeded", "returned")).toBe(true);
  });

  it("refunds exactly the statuses in which the money did not stay at the bank", () => {
    expect([...refundingStatuses].sort()).toEqual(["closed", "failed", "returned", "scan_expired", "scan_refused"]);
  });
});

describe("payment lifecycle", () => {
  const statuses = paymentStatus.enumValues;

  it("moves PENDING to either final status and never out of one", () => {
    expect(Object.keys(paymentMoves).sort()).toEqual([...statuses].sort());
    expect(canMovePayment("PENDING", "SUCCEEDED")).toBe(true);
    expect(canMovePayment("PENDING", "CANCELLED")).toBe(true);
    for (const [from, to] of pairs(statuses)) {
      if (!paymentMoves[from].includes(to)) expect(canMovePayment(from, to), `${from} → ${to}`).toBe(false);
    }
    expect([...finalPaymentStatuses].sort()).toEqual(["CANCELLED", "SUCCEEDED"]);
  });

  it("ignores a report the table refuses", () => {
    expect(nextPaymentStatus("SUCCEEDED", "PENDING")).toBe("SUCCEEDED");
    expect(nextPaymentStatus("CANCELLED", "SUCCEEDED")).toBe("CANCELLED");
    expect(nextPaymentStatus("PENDING", "PENDING")).toBe("PENDING");
    expect(nextPaymentStatus("PENDING", "SUCCEEDED")).toBe("SUCCEEDED");
  });
});
