import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { CheckoutPlayer } from "@/components/developers/checkout-player";
import { SettingsTabs } from "@/components/developers/settings-tabs";
import { requireMerchantPage } from "@/lib/auth/guard";
import { getConfig } from "@/lib/config";
import { sandboxLoginAction, sandboxPayAction } from "../actions";
import { PageHeader } from "@/components/ui/page-header";

/** Development only (the sandbox provider): a stand-in for the merchant's Mini Program. */
export default async function CheckoutPage() {
  await requireMerchantPage();
  if (!getConfig().payments.sandbox) notFound();
  const t = await getTranslations("developers.checkout");
  return (
    <section aria-labelledby="page-title" className="flex max-w-3xl flex-col gap-5">
      <SettingsTabs current="checkout" sandbox />
      <PageHeader title={t("title")} intro={t("intro")} />
      <CheckoutPlayer loginAction={sandboxLoginAction} payAction={sandboxPayAction} />
    </section>
  );
}
