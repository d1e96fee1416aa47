import { getLocale, getTranslations } from "next-intl/server";
import { clsx } from "clsx";
import { AutoRefresh } from "@/components/funds/auto-refresh";
import { SettingsTabs } from "@/components/developers/settings-tabs";
import { SettlementAccountForm } from "@/components/funds/settlement-account-form";
import { requireMerchantPage } from "@/lib/auth/guard";
import { getConfig } from "@/lib/config";
import { dataKeyRing } from "@/lib/crypto/keys";
import { eq } from "drizzle-orm";
import { applications } from "@/db/schema";
import { fundsGatewayFor } from "@/lib/funds/app-gateway";
import { getSettlementAccount, listSettlementChanges, maxChangesPerDay, readWeChatAccount } from "@/lib/funds/settlement-account";
import { formatDateTime } from "@/lib/money/format";
import { regionName } from "@/lib/qualification/regions";
import { getDb } from "@/lib/runtime/db";
import { requestSettlementChangeAction } from "./actions";

const tone = { pending: "text-amber-800", succeeded: "text-brand-800", failed: "text-red-700" } as const;

export default async function SettingsPage() {
  const actor = await requireMerchantPage();
  const t = await getTranslations("funds");
  const locale = await getLocale();
  const db = await getDb();
  const [account, changes, [application]] = await Promise.all([
    getSettlementAccount(db, dataKeyRing(), { merchantId: actor.merchantId }),
    listSettlementChanges(db, { merchantId: actor.merchantId }),
    db.select({ organizationType: applications.organizationType }).from(applications).where(eq(applications.merchantId, actor.merchantId)),
  ]);
  // The account WeChat has on file is the one it pays to: read on every open, shown masked.
  const atWeChat = await fundsGatewayFor(db, actor.merchantId).then(readWeChatAccount).catch(() => null);
  const pending = changes.some((c) => c.status === "pending");

  return (
    <section aria-labelledby="page-title" className="flex max-w-3xl flex-col gap-5">
      <AutoRefresh active={pending} />
      <SettingsTabs current="settlement" sandbox={getConfig().payments.sandbox} />
      <h1 id="page-title" className="text-2xl font-semibold">{t("settlement.title")}</h1>
      <section aria-labelledby="current-title" className="rounded-lg border border-slate-200 bg-white p-4" data-testid="settlement-current">
        <h2 id="current-title" className="text-lg font-semibold">{t("settlement.current")}</h2>
        {account ? (
          <dl className="mt-3 grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 text-sm">
            <dt className="text-slate-600">{t("settlement.fields.bank_account_type")}</dt>
            <dd>{t(`settlement.accountTypes.${account.bank_account_type as "74" | "75"}`)}</dd>
            <dt className="text-slate-600">{t("settlement.fields.account_bank")}</dt>
            <dd>{account.account_bank}{account.bank_name ? ` · ${account.bank_name}` : ""}</dd>
            <dt className="text-slate-600">{t("settlement.fields.city")}</dt>
            <dd>{regionName(account.bank_address_code) ?? account.bank_address_code}</dd>
            <dt className="text-slate-600">{t("settlement.fields.account_name")}</dt>
            <dd>{account.account_name}</dd>
            <dt className="text-slate-600">{t("settlement.fields.account_number")}</dt>
            <dd className="font-mono" data-testid="settlement-number">{account.account_number}</dd>
            <dt className="text-slate-600">{t("settlement.updatedAt")}</dt>
            <dd>{formatDateTime(account.updatedAt, locale)}</dd>
          </dl>
        ) : (
          <p className="mt-2 text-slate-600">{t("settlement.none")}</p>
        )}
      </section>
      <section aria-labelledby="wechat-account-title" className="rounded-lg border border-slate-200 bg-white p-4 text-sm" data-testid="settlement-wechat">
        <h2 id="wechat-account-title" className="text-lg font-semibold">{t("settlement.wechatTitle")}</h2>
        {atWeChat?.account ? (
          <p className="mt-2">
            {t(`settlement.accountTypes.${atWeChat.account.bank_account_type as "74" | "75"}`)} · {atWeChat.account.account_bank} · <span className="font-mono" data-testid="wechat-account-number">{atWeChat.account.account_number}</span>
          </p>
        ) : (
          <p className="mt-2 text-slate-600">{atWeChat ? t("settlement.none") : t("settlement.wechatUnavailable")}</p>
        )}
      </section>
      <SettlementAccountForm action={requestSettlementChangeAction} merchantName={actor.merchantName} organizationType={application?.organizationType ?? undefined} />
      <section aria-labelledby="changes-title">
        <h2 id="changes-title" className="text-lg font-semibold">{t("settlement.history")}</h2>
        <p className="text-sm text-slate-600">{t("settlement.limitHint", { max: maxChangesPerDay })}</p>
        {changes.length === 0 ? (
          <p className="mt-2 text-slate-600">{t("settlement.noChanges")}</p>
        ) : (
          <ul className="mt-2 divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white text-sm" data-testid="settlement-changes">
            {changes.map((c) => (
              <li key={c.id} className="flex flex-wrap items-center justify-between gap-2 px-3 py-2">
                <span>{c.accountBank} <span className="font-mono">{c.accountMasked}</span></span>
                <span className={clsx("font-medium", tone[c.status])}>
                  {t(`settlement.status.${c.status}`)}{c.reason ? ` · ${c.reason.startsWith("wechat:") ? t("detail.wechatSays", { text: c.reason.slice(7) }) : t(`reasons.${c.reason}` as never)}` : ""}
                </span>
                <span className="w-full text-slate-600">{formatDateTime(c.createdAt, locale)}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </section>
  );
}
