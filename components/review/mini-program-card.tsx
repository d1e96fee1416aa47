import { useTranslations } from "next-intl";
import type { MiniProgramProfile } from "@/db/schema";

/** What WeChat takes from the merchant's Mini Program (WeChat's "Submit payment qualifications" document): shown beside the application to compare. */
export function MiniProgramCard({ miniProgram }: { miniProgram: MiniProgramProfile }) {
  const t = useTranslations("review.detail.miniProgram");
  const rows = ["subject_name", "nickname", "appid", "license_number"] as const;
  return (
    <section aria-labelledby="mini-program-title" className="rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="mini-program-title" className="text-lg font-semibold">{t("title")}</h2>
      <p className="mt-1 text-xs text-slate-600">{t("intro")}</p>
      <dl className="mt-3 flex flex-col gap-2 text-sm">
        {rows.map((key) => (
          <div key={key}>
            <dt className="text-slate-600">{t(key)}</dt>
            <dd className="break-all font-medium">{miniProgram[key]}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
