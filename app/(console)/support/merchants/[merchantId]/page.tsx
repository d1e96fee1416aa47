import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { ActionForm } from "@/components/accounts/action-form";
import { MembersPanel } from "@/components/accounts/members-panel";
import { MerchantProfileForm } from "@/components/accounts/merchant-form";
import { BalanceCheckCard } from "@/components/funds/balance-check-card";
import { listPendingInvitations } from "@/lib/accounts/invitations";
import { listMembers } from "@/lib/accounts/members";
import { getMerchantDetail } from "@/lib/accounts/merchants";
import { merchantNumberOf } from "@/lib/review/merchants";
import { requirePageUser } from "@/lib/auth/guard";
import { fundsGatewayFor } from "@/lib/funds/app-gateway";
import { checkBalance, lastBalanceCheck, type BalanceCheck } from "@/lib/funds/balance-check";
import { fundsMessageKey } from "@/lib/funds/withdrawals";
import { getDb } from "@/lib/runtime/db";
import { inviteOwnerAction, resendOwnerInvitationAction, revokeOwnerInvitationAction, setAppSecretAction, setMerchantActiveAction, updateMerchantAction } from "../actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("review.merchants"))("title") };
}

export default async function MerchantDetailPage({ params }: { params: Promise<{ merchantId: string }> }) {
  const user = await requirePageUser("support");
  const { merchantId } = await params;
  const db = await getDb();
  const merchant = await getMerchantDetail(db, merchantId);
  if (!merchant) notFound();
  const t = await getTranslations("accounts.merchants");
  const format = await getFormatter();
  const tList = await getTranslations("review.merchants");
  const [members, invitations, subMchid] = await Promise.all([listMembers(db, merchant.id), listPendingInvitations(db, merchant.id), merchantNumberOf(db, merchant.id)]);
  const admin = user.role === "support_admin";
  // WeChat's balance is read afresh for support; when WeChat cannot answer, the last reading is shown with why.
  let balance: BalanceCheck | null = null;
  let balanceProblem: string | null = null;
  try {
    balance = await checkBalance(db, await fundsGatewayFor(db, merchant.id), merchant.id);
  } catch (error) {
    const key = fundsMessageKey(error) ?? "funds.wechat.unavailable";
    balanceProblem = (await getTranslations())(key as never);
    balance = await lastBalanceCheck(db, merchant.id);
  }
  const card = "flex flex-col gap-3 rounded-lg border border-slate-200 bg-white p-4";
  return (
    <section aria-labelledby="page-title" className="flex max-w-4xl flex-col gap-4">
      <h1 id="page-title" className="text-2xl font-semibold">{merchant.name}</h1>
      <section className={card} aria-labelledby="status-title">
        <h2 id="status-title" className="font-semibold">{t("status")}</h2>
        <p className="text-sm" data-testid="merchant-status">{merchant.deactivatedAt ? t("inactive", { date: format.dateTime(merchant.deactivatedAt, { dateStyle: "medium" }) }) : t("active")}</p>
        <p className="text-sm" data-testid="merchant-sub-mchid">{subMchid ? <>{tList("subMchid")} <code className="font-mono">{subMchid}</code></> : tList("noSubMchid")}</p>
        {admin ? (
          <ActionForm idPrefix="active" action={setMerchantActiveAction} hidden={{ merchantId: merchant.id, active: merchant.deactivatedAt ? "true" : "false" }} fields={[]}
            variant={merchant.deactivatedAt ? "secondary" : "danger"} submitLabel={merchant.deactivatedAt ? t("reactivate") : t("deactivate")}
            confirm={merchant.deactivatedAt ? undefined : t("confirmDeactivate", { name: merchant.name })} />
        ) : null}
      </section>
      <section className={card} aria-labelledby="profile-title">
        <h2 id="profile-title" className="font-semibold">{t("profile")}</h2>
        {admin ? <MerchantProfileForm merchant={merchant} action={updateMerchantAction} idPrefix="profile" /> : (
          <>
            <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
              <dt className="text-slate-600">{t("subjectName")}</dt><dd>{merchant.subjectName}</dd>
              <dt className="text-slate-600">{t("nickname")}</dt><dd>{merchant.nickname}</dd>
              <dt className="text-slate-600">{t("appid")}</dt><dd><code>{merchant.appid}</code></dd>
              <dt className="text-slate-600">{t("licenseNumber")}</dt><dd>{merchant.licenseNumber}</dd>
            </dl>
            <p className="text-sm text-slate-600">{t("onlyAdmins")}</p>
          </>
        )}
      </section>
      <BalanceCheckCard merchantId={merchant.id} check={balance} problem={balanceProblem} />
      <section className={card} aria-labelledby="secret-title">
        <h2 id="secret-title" className="font-semibold">{t("appSecret")}</h2>
        <p className="text-sm" data-testid="app-secret-state">
          {merchant.appSecretSetAt ? t("secretSet", { date: format.dateTime(merchant.appSecretSetAt, { dateStyle: "medium", timeStyle: "short" }), by: merchant.appSecretSetBy ?? "—" }) : t("secretNotSet")}
        </p>
        {admin ? (
          <ActionForm idPrefix="secret" action={setAppSecretAction} hidden={{ merchantId: merchant.id }} submitLabel={t("replaceSecret")} variant="secondary"
            fields={[{ name: "appSecret", label: t("appSecret"), hint: t("appSecretHint"), type: "password", autoComplete: "off" }]} />
        ) : null}
      </section>
      <h2 className="text-xl font-semibold">{t("people")}</h2>
      <MembersPanel
        merchantName={merchant.name}
        members={members}
        invitations={invitations}
        selfId={user.id}
        inviteRoles={["owner"]}
        hidden={{ merchantId: merchant.id }}
        actions={{ invite: inviteOwnerAction, resend: resendOwnerInvitationAction, revoke: revokeOwnerInvitationAction }}
      />
    </section>
  );
}
