import { requireMerchantActor } from "@/lib/auth/guard";
import { AppError } from "@/lib/errors";
import { fundsGatewayFor } from "@/lib/funds/app-gateway";
import { getWithdrawal } from "@/lib/funds/list-withdrawals";
import { getDb } from "@/lib/runtime/db";
import { routeHandler } from "@/lib/server/route";

/** The QR code WeChat made for the withdrawal's ticket (qrcode/get), as an image for the merchant to scan. */
export const GET = routeHandler(async (_request: Request, { params }: { params: Promise<{ id: string }> }) => {
  const actor = await requireMerchantActor("read");
  const { id } = await params;
  const db = await getDb();
  const { withdrawal } = await getWithdrawal(db, { merchantId: actor.merchantId, id });
  if (withdrawal.status !== "awaiting_scan" || !withdrawal.qrcodeTicket) throw new AppError("not_found", "This withdrawal has no QR code to scan.");
  const bytes = Buffer.from(await (await fundsGatewayFor(db, actor.merchantId)).getQrcode(withdrawal.qrcodeTicket), "base64");
  const type = bytes[0] === 0xff && bytes[1] === 0xd8 ? "image/jpeg" : bytes.subarray(1, 4).toString() === "PNG" ? "image/png" : "application/octet-stream";
  return new Response(new Uint8Array(bytes), { headers: { "content-type": type, "cache-control": "private, no-store" } });
});
