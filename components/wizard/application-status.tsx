import { getFormatter, getTranslations } from "next-intl/server";
import type { ApplicationStatus } from "@/db/schema";
import type { TimelineEvent } from "@/lib/applications/load-application";
import { WeChatMessageText } from "@/components/wechat/wechat-message";

const KNOWN_EVENTS = new Set(["created", "saved", "submitted", "changes_requested", "approved", "sent_to_wechat", "wechat_answer", "wechat_retry", "wechat_refused", "wechat_auditing", "wechat_finished", "wechat_rejected", "wechat_checking", "wechat_account_verification", "wechat_to_be_signed", "wechat_legal_validation", "wechat_frozen", "wechat_canceled", "wechat_unknown_state"]);

/** The application's status in words and its timeline, read from application_events. */
export async function ApplicationStatusCard({ status, revision, submittedAt, timeline, wechatMessage }: { status: ApplicationStatus; revision: number; submittedAt: string | null; timeline: TimelineEvent[]; wechatMessage: string | null }) {
  const t = await getTranslations("wizard.status");
  const format = await getFormatter();
  const tone = status === "finished" ? "border-brand-700 bg-brand-50" : status === "rejected" || status === "changes_requested" ? "border-amber-400 bg-amber-50" : "border-slate-200 bg-white";
  return (
    <section aria-labelledby="application-status-title" className={`rounded-lg border p-4 sm:p-6 ${tone}`}>
      <h2 id="application-status-title" className="text-base font-semibold text-slate-900">
        {t("title")}: <span data-testid="application-status" data-status={status}>{t(`names.${status}`)}</span>
      </h2>
      <p className="mt-1 text-sm text-slate-700">{t(`explain.${status}`)}</p>
      {wechatMessage ? <p className="mt-2 whitespace-pre-line text-sm text-amber-900"><WeChatMessageText message={wechatMessage} /></p> : null}
      {revision > 0 ? (
        <p className="mt-1 text-xs text-slate-600">
          {t("revision", { revision })}
          {submittedAt ? ` · ${t("submittedAt", { time: format.dateTime(new Date(submittedAt), { dateStyle: "medium", timeStyle: "short" }) })}` : null}
        </p>
      ) : null}
      <details className="mt-3" open={status !== "draft"}>
        <summary className="cursor-pointer text-sm font-medium text-slate-800">{t("timeline")}</summary>
        {timeline.length === 0 ? (
          <p className="mt-2 text-sm text-slate-600">{t("timelineEmpty")}</p>
        ) : (
          <ol className="mt-2 flex flex-col gap-2 border-l border-slate-300 pl-4" data-testid="timeline">
            {timeline.map((event) => (
              <li key={event.id} className="text-sm">
                <span className="font-medium text-slate-900">{KNOWN_EVENTS.has(event.type) ? (t as unknown as (k: string, v: Record<string, number>) => string)(`events.${event.type}`, { revision: event.revision ?? 0 }) : t("events.other")}</span>
                <time dateTime={event.createdAt} className="ml-2 text-xs text-slate-600">
                  {format.dateTime(new Date(event.createdAt), { dateStyle: "medium", timeStyle: "short" })}
                </time>
                {event.note ? <p className="text-xs text-slate-700">{event.note}</p> : null}
              </li>
            ))}
          </ol>
        )}
      </details>
    </section>
  );
}
