"use client";

import { useTranslations } from "next-intl";
import { createContext, useContext, type ReactNode } from "react";
import type { MerchantFeedback } from "@/lib/review/merchant-feedback";

type FeedbackComment = MerchantFeedback["comments"][number];

/**
 * The merchant's side of the review: `FixList` at the top of the Onboarding page ("what needs
 * fixing"), and under each commented field of the wizard its comments, which the wizard's controls
 * read from `FieldFeedbackProvider` with `<FieldFeedbackFor name=… />`.
 */
export function FixList({ items }: { items: (FeedbackComment & { label: string; step: string })[] }) {
  const t = useTranslations("review.merchant");
  if (items.length === 0) return null;
  return (
    <section aria-labelledby="fix-list-title" className="rounded-lg border border-amber-300 bg-amber-50 p-4" data-testid="fix-list">
      <h2 id="fix-list-title" className="font-semibold text-amber-950">{t("fixTitle", { count: items.length })}</h2>
      <p className="mt-1 text-sm text-amber-950">{t("fixIntro")}</p>
      <ol className="mt-3 flex list-decimal flex-col gap-2 pl-5 text-sm">
        {items.map((c, i) => (
          <li key={`${c.fieldPath}-${i}`} data-fix-field={c.fieldPath}>
            <span className="font-medium text-slate-900">{c.step} · {c.label}</span>
            <span className="ml-2 text-xs text-slate-700">({t(`source.${c.source}`)})</span>
            <p className="whitespace-pre-wrap text-slate-900">{c.body}</p>
          </li>
        ))}
      </ol>
    </section>
  );
}

const FeedbackContext = createContext<FeedbackComment[]>([]);

export function FieldFeedbackProvider({ comments, children }: { comments: FeedbackComment[]; children: ReactNode }) {
  return <FeedbackContext.Provider value={comments}>{children}</FeedbackContext.Provider>;
}

/** The comments on one field (or on anything under it, for a group such as a photo list). */
export function FieldFeedbackFor({ name }: { name: string }) {
  const comments = useContext(FeedbackContext).filter((c) => c.fieldPath === name || c.fieldPath.startsWith(`${name}.`));
  return <FieldFeedback comments={comments} />;
}

export function FieldFeedback({ comments }: { comments: FeedbackComment[] }) {
  const t = useTranslations("review.merchant");
  if (comments.length === 0) return null;
  return (
    <div className="flex flex-col gap-1" data-field-feedback>
      {comments.map((c, i) => (
        <p key={i} className={`rounded-md border-l-4 px-3 py-2 text-sm ${c.source === "wechat" ? "border-red-500 bg-red-50 text-red-950" : "border-amber-500 bg-amber-50 text-amber-950"}`}>
          <span className="font-medium">{t(`source.${c.source}`)}: </span>
          <span className="whitespace-pre-wrap">{c.body}</span>
        </p>
      ))}
    </div>
  );
}
