import { getTranslations } from "next-intl/server";
import type { MerchantDetail } from "@/lib/accounts/merchants";
import { ActionForm, type FormAction, type FormField } from "./action-form";

/** The merchant profile fields (and the AppSecret when creating). */
export async function MerchantProfileForm({ merchant, action, idPrefix }: { merchant?: MerchantDetail; action: FormAction; idPrefix: string }) {
  const t = await getTranslations("accounts.merchants");
  const fields: FormField[] = [
    { name: "name", label: t("name"), defaultValue: merchant?.name },
    { name: "subjectName", label: t("subjectName"), defaultValue: merchant?.subjectName },
    { name: "nickname", label: t("nickname"), defaultValue: merchant?.nickname },
    { name: "appid", label: t("appid"), hint: t("appidHint"), defaultValue: merchant?.appid, autoComplete: "off" },
    { name: "licenseNumber", label: t("licenseNumber"), hint: t("licenseHint"), defaultValue: merchant?.licenseNumber, autoComplete: "off" },
    ...(merchant ? [] : [{ name: "appSecret", label: t("appSecret"), hint: t("appSecretHint"), type: "password", autoComplete: "off" } as FormField]),
  ];
  return <ActionForm idPrefix={idPrefix} action={action} hidden={merchant ? { merchantId: merchant.id } : undefined} submitLabel={merchant ? t("saveProfile") : t("submitCreate")} fields={fields} />;
}
