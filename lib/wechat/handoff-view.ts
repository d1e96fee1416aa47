import QRCode from "qrcode";
import type { ApplicationStatus } from "@/db/schema";
import type { WeChatHandoff } from "@/lib/applications/load-application";

/** The hand-off as the page shows it: WeChat's links as QR codes (PNG data URLs) made on the server. */
export async function handoffView(status: ApplicationStatus, handoff: WeChatHandoff | null) {
  if (!handoff) return null;
  const qr = (url: string) => QRCode.toDataURL(url, { errorCorrectionLevel: "M", margin: 2, width: 400 });
  const view = {
    status,
    ...(status === "account_verification" && handoff.account_validation ? { transfer: handoff.account_validation } : {}),
    ...(status === "to_be_signed" && handoff.sign_url ? { signUrl: handoff.sign_url, signQr: await qr(handoff.sign_url) } : {}),
    ...((status === "legal_validation" || status === "account_verification") && handoff.legal_validation_url ? { legalUrl: handoff.legal_validation_url, legalQr: await qr(handoff.legal_validation_url) } : {}),
    ...(handoff.sub_mchid ? { subMchid: handoff.sub_mchid } : {}),
  };
  return view;
}
