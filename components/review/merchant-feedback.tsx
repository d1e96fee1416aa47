import { useTranslations } from "next-intl";
import type { ApplicationStatus } from "@/db/schema";
import type { MerchantFeedback } from "@/lib/review/merchant-feedback";

type FeedbackComment = MerchantFeedback["comments"][number];

/**
 * The merchant's side of the review. `FixList` goes at the top of the wizard ("what needs fixing",
 * each item linking to its field), `FieldFeedback` under each commented field, `NextAction` on the
 * Onboarding page. Field ids in the wizard are expected as `field-<path>`; pass `fieldId` otherwise.
 */
export function FixList({ comments, labelFor, fieldId = (path) => `field-${path}` }: { comments: FeedbackComment[]; labelFor: (path: string) => string; fieldId?: (path: string) => string }) {
  const t = useTranslations("review.merchant");
  if (comments.length === 0) return null;
  return (
    <section aria-labelledby="fix-list-title" className="rounded-lg border border-amber-300 bg-amber-50 p-4" data-testid="fix-list">
      <h2 id="fix-list-title" className="font-semibold text-amber-950">{t("fixTitle", { count: comments.length })}</h2>
      <p className="mt-1 text-sm text-amber-950">{t("fixIntro")}</p>
      <ol className="mt-3 flex list-decimal flex-col gap-2 pl-5 text-sm">
        {comments.map((c, i) => (
          <li key={`${c.fieldPath}-${i}`} data-fix-field={c.fieldPath}>
            <a href={`#${fieldId(c.fieldPath)}`} className="font-medium text-brand-800 underline">{labelFor(c.fieldPath)}</a>
            <span className="ml-2 text-xs text-slate-700">({t(`source.${c.source}`)})</span>
            <p className="whitespace-pre-wrap text-slate-900">{c.body}</p>
          </li>
        ))}
      </ol>
    </section>
  );
}

/** The comments on one field, shown under it in the wizard; `id` lets the input point at it with aria-describedby. */
export function FieldFeedback({ id, comments }: { id?: string; comments: FeedbackComment[] }) {
  const t = useTranslations("review.merchant");
  if (comments.length === 0) return null;
  return (
    <div id={id} className="flex flex-col gap-1" data-field-feedback>
      {comments.map((c, i) => (
        <p key={i} className={`rounded-md border-l-4 px-3 py-2 text-sm ${c.source === "wechat" ? "border-red-500 bg-red-50 text-red-950" : "border-amber-500 bg-amber-50 text-amber-950"}`}>
          <span className="font-medium">{t(`source.${c.source}`)}: </span>
          <span className="whitespace-pre-wrap">{c.body}</span>
        </p>
      ))}
    </div>
  );
}

/** The application's status and what the merchant is expected to do next. */
export function NextAction({ status }: { status: ApplicationStatus | null }) {
  const t = useTranslations("review");
  const key = status ?? "draft";
  return (
    <section aria-labelledby="next-action-title" className="rounded-lg border border-slate-200 bg-white p-4" data-testid="next-action" data-status={key}>
      <h2 id="next-action-title" className="text-lg font-semibold">{t("merchant.statusTitle", { status: t(`status.${key}`) })}</h2>
      <p className="mt-1 text-slate-800">{t(`merchant.next.${key}`)}</p>
    </section>
  );
}
