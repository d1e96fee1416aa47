import { Link } from "@/components/ui/link";
import { getTranslations } from "next-intl/server";
import type { UnknownStateAlert } from "@/lib/review/wechat-alerts";

/** On support's dashboard: applications WeChat keeps answering with a state the console does not know. */
export async function UnknownStateAlerts({ alerts }: { alerts: UnknownStateAlert[] }) {
  if (alerts.length === 0) return null;
  const t = await getTranslations("review.unknownState");
  return (
    <section role="alert" aria-labelledby="unknown-state-title" className="rounded-lg border border-red-300 bg-red-50 p-4 text-red-950" data-testid="unknown-state-alerts">
      <h2 id="unknown-state-title" className="font-semibold">{t("title", { count: alerts.length })}</h2>
      <p className="mt-1 text-sm">{t("intro")}</p>
      <ul className="mt-2 flex flex-col gap-2 text-sm">
        {alerts.map((a) => (
          <li key={a.applicationId} className="flex flex-wrap items-baseline gap-x-3 gap-y-1" data-alert-merchant={a.merchantId}>
            <span className="min-w-0 break-words">{t("item", { merchant: a.merchantName, state: a.wechatState, answers: a.answers })}</span>
            <Link className="font-medium underline" href={`/support/review/${a.applicationId}`}>
              {t("open", { merchant: a.merchantName })}
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
