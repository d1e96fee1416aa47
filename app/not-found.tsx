import Link from "next/link";
import { getTranslations } from "next-intl/server";

export default async function NotFound() {
  const t = await getTranslations("common.notFound");
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
