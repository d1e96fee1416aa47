import type { Metadata } from "next";
import { getFormatter, getTranslations } from "next-intl/server";
import { TwoFactorSetup } from "@/components/accounts/two-factor-setup";
import { pendingEnrolment, recoveryCodesLeft } from "@/lib/accounts/two-factor";
import { needsTwoFactor, requireSignedInPage } from "@/lib/auth/guard";
import { homePathFor } from "@/lib/auth/navigation";
import { dataKeyRing } from "@/lib/crypto/keys";
import { getDb } from "@/lib/runtime/db";
import { confirmTwoFactorAction } from "../actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("accounts.twoFactor"))("title") };
}

export default async function TwoFactorPage() {
  const user = await requireSignedInPage();
  const t = await getTranslations("accounts.twoFactor");
  const format = await getFormatter();
  const db = await getDb();
  const enrolment = user.totpEnabledAt ? null : await pendingEnrolment(db, dataKeyRing(), user.id);
  return (
    <section aria-labelledby="page-title" className="flex max-w-2xl flex-col gap-4">
      <h1 id="page-title" className="text-2xl font-semibold">{t("title")}</h1>
      {needsTwoFactor(user) ? <p role="status" className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">{t("required")}</p> : null}
      {user.totpEnabledAt ? (
        <div className="flex flex-col gap-2 rounded-lg border border-slate-200 bg-white p-4 text-sm">
          <p>{t("enabled", { date: format.dateTime(user.totpEnabledAt, { dateStyle: "medium" }), left: await recoveryCodesLeft(db, user.id) })}</p>
          <p className="text-slate-700">{t("lostDevice")}</p>
        </div>
      ) : enrolment ? (
        <div className="flex flex-col gap-4 rounded-lg border border-slate-200 bg-white p-4">
          <p className="text-sm">{t("step1")}</p>
          {/* A data: URL generated on the server; the CSP allows data: images. */}
          <img src={enrolment.qrDataUrl} alt={t("qrAlt")} width={220} height={220} className="self-start rounded border border-slate-200" data-testid="totp-qr" />
          <p className="text-sm">{t("secret")} <code className="break-all rounded bg-slate-100 px-1 py-0.5 text-sm" data-testid="totp-secret">{enrolment.secret}</code></p>
          <p className="text-sm">{t("step2")}</p>
          <TwoFactorSetup confirm={confirmTwoFactorAction} next={homePathFor(user.role)} />
        </div>
      ) : null}
    </section>
  );
}
