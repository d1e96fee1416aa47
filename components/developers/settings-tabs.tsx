import { clsx } from "clsx";
import { Link } from "@/components/ui/link";
import { getTranslations } from "next-intl/server";

type Tab = "settlement" | "developers" | "docs" | "checkout";
const hrefs: Record<Tab, string> = { settlement: "/settings", developers: "/settings/developers", docs: "/settings/developers/docs", checkout: "/settings/developers/checkout" };

/** Settings sections: the settlement account, and the developer pages (checkout only with the sandbox). */
export async function SettingsTabs({ current, sandbox }: { current: Tab; sandbox: boolean }) {
  const t = await getTranslations("developers.tabs");
  const tabs: Tab[] = sandbox ? ["settlement", "developers", "docs", "checkout"] : ["settlement", "developers", "docs"];
  return (
    <nav aria-label={t("label")} className="flex flex-wrap gap-1 border-b border-slate-200">
      {tabs.map((tab) => (
        <Link key={tab} href={hrefs[tab]} aria-current={tab === current ? "page" : undefined}
          className={clsx("-mb-px border-b-2 px-3 py-2 text-sm font-medium", tab === current ? "border-brand-700 text-brand-800" : "border-transparent text-slate-600 hover:text-slate-900")}>
          {t(tab)}
        </Link>
      ))}
    </nav>
  );
}
