import { getTranslations } from "next-intl/server";
import type { NavItem } from "@/lib/auth/navigation";

/** A page whose area is not built yet says so plainly. */
export async function ComingSoon({ area }: { area: NavItem["labelKey"] }) {
  const t = await getTranslations("common");
  return (
    <section aria-labelledby="page-title" className="max-w-2xl">
      <h1 id="page-title" className="text-2xl font-semibold">
        {t("placeholder.title", { area: t(`nav.${area}`) })}
      </h1>
      <p className="mt-3 text-slate-700">{t("placeholder.body")}</p>
    </section>
  );
}
