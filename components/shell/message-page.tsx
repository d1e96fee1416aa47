import { Link } from "@/components/ui/link";
import { getTranslations } from "next-intl/server";

/** A page that only says why there is nothing here (not found, forbidden), with the way home. */
export async function MessagePage({ namespace }: { namespace: "common.forbidden" | "common.notFound" }) {
  const t = await getTranslations(namespace);
  return (
    <main className="mx-auto max-w-xl px-4 py-16">
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <p className="mt-3 text-slate-700">{t("body")}</p>
      <Link href="/" className="mt-6 inline-block font-medium text-brand-800 underline">
        {t("back")}
      </Link>
    </main>
  );
}
