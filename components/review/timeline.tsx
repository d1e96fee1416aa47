import { useFormatter, useTranslations } from "next-intl";
import type { ApplicationStatus, UserRole } from "@/db/schema";

export type TimelineItem = {
  id: string;
  type: string;
  fromStatus: ApplicationStatus | null;
  toStatus: ApplicationStatus | null;
  revision: number | null;
  actorName?: string | null;
  actorRole: UserRole | null;
  note: string | null;
  internal?: boolean;
  details?: Record<string, unknown> | null;
  createdAt: Date;
};

/**
 * An application's events in order. Support sees actors by name, internal events, internal notes
 * and machine details; pass only the merchant's events (lib/review/merchant-feedback) for merchants.
 */
export function Timeline({ events, audience, headingLevel = 2 }: { events: TimelineItem[]; audience: "support" | "merchant"; headingLevel?: 2 | 3 }) {
  const t = useTranslations("review");
  const tc = useTranslations("common.roles");
  const format = useFormatter();
  const Heading = headingLevel === 2 ? "h2" : "h3";
  const label = (type: string) => (t.has(`timeline.events.${type}` as never) ? t(`timeline.events.${type}` as never) : t("timeline.events.other", { type }));
  const actor = (e: TimelineItem) => (audience === "support" && e.actorName ? `${e.actorName} · ${e.actorRole ? tc(e.actorRole) : ""}` : e.actorRole ? tc(e.actorRole) : t("timeline.system"));
  return (
    <section aria-labelledby="timeline-title" className="rounded-lg border border-slate-200 bg-white p-4">
      <Heading id="timeline-title" className="text-lg font-semibold">{t("timeline.title")}</Heading>
      {events.length === 0 ? (
        <p className="mt-2 text-sm text-slate-600">{t("timeline.empty")}</p>
      ) : (
        <ol className="mt-3 flex flex-col gap-3 border-l-2 border-slate-200 pl-4" data-testid="timeline">
          {events.map((e) => {
            const details = audience === "support" ? e.details ?? null : null;
            const fieldPaths = Array.isArray(details?.fieldPaths)
              ? (details!.fieldPaths as string[])
              : Array.isArray(details?.audit_detail)
                ? (details!.audit_detail as { field?: string }[]).map((d) => d.field ?? "").filter(Boolean)
                : typeof details?.fieldPath === "string"
                  ? [details.fieldPath as string]
                  : [];
            const errcode = details?.errcode;
            return (
              <li key={e.id} className="relative text-sm" data-event-type={e.type}>
                <span aria-hidden className="absolute -left-[1.4rem] top-1.5 h-2.5 w-2.5 rounded-full bg-slate-400" />
                <div className="flex flex-wrap items-baseline gap-x-2">
                  <span className="font-medium">{label(e.type)}</span>
                  {e.fromStatus && e.toStatus && e.fromStatus !== e.toStatus ? (
                    <span className="text-slate-600">{t("timeline.transition", { from: t(`status.${e.fromStatus}`), to: t(`status.${e.toStatus}`) })}</span>
                  ) : null}
                  {e.revision ? <span className="text-slate-600">· {t("timeline.revision", { revision: e.revision })}</span> : null}
                  {audience === "support" && e.internal ? <span className="rounded bg-slate-100 px-1.5 text-xs text-slate-700">{t("timeline.internal")}</span> : null}
                </div>
                <div className="text-xs text-slate-600">
                  <time dateTime={e.createdAt.toISOString()}>{format.dateTime(e.createdAt, { dateStyle: "medium", timeStyle: "medium" })}</time> · {actor(e)}
                </div>
                {e.note ? <p className="mt-1 whitespace-pre-wrap text-slate-800">{t("timeline.note", { note: e.note })}</p> : null}
                {typeof details?.internalNote === "string" ? <p className="mt-1 whitespace-pre-wrap text-slate-800">{t("timeline.internalNote", { note: details.internalNote })}</p> : null}
                {fieldPaths.length > 0 ? <p className="mt-1 break-words text-xs text-slate-600">{t("timeline.fields", { count: fieldPaths.length, fields: fieldPaths.join(", ") })}</p> : null}
                {errcode !== undefined && errcode !== null ? <p className="mt-1 break-words text-xs text-slate-600">{t("timeline.errcode", { code: String(errcode), message: String(details?.errmsg ?? "") })}</p> : null}
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
