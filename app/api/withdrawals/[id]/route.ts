import { NextResponse } from "next/server";
import { requireMerchantActor } from "@/lib/auth/guard";
import { withdrawalDepsFor } from "@/lib/funds/app-gateway";
import { getWithdrawal } from "@/lib/funds/list-withdrawals";
import { followWithdrawal, fundsMessageKey } from "@/lib/funds/withdrawals";
import { getDb } from "@/lib/runtime/db";
import { routeHandler } from "@/lib/server/route";

/**
 * Where a withdrawal stands, asked of WeChat live when its next check is due (the scan status
 * while the QR code is shown, then the withdrawal detail), so the page follows it without reloads.
 */
export const GET = routeHandler(async (_request: Request, { params }: { params: Promise<{ id: string }> }) => {
  const actor = await requireMerchantActor("read");
  const { id } = await params;
  const db = await getDb();
  let { withdrawal } = await getWithdrawal(db, { merchantId: actor.merchantId, id });
  let problem: string | null = null;
  if (withdrawal.nextCheckAt && withdrawal.nextCheckAt <= new Date()) {
    try {
      withdrawal = await followWithdrawal(db, await withdrawalDepsFor(db, actor.merchantId), withdrawal);
    } catch (error) {
      problem = fundsMessageKey(error) ?? "funds.wechat.unavailable";
    }
  }
  return NextResponse.json({ id: withdrawal.id, status: withdrawal.status, scanStatus: withdrawal.scanStatus, reason: withdrawal.reason, problem });
});
