"use client";

import { useFormatter, useTranslations } from "next-intl";
import { useId, useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import type { ReviewAction } from "./review-field";
import type { ReviewComment } from "@/lib/review/detail";
import { useActionMessage } from "@/components/action/use-failure-message";

/** The comments on one field, and while the review is open, a form to add one and buttons to withdraw them. */
export function FieldComments({
  applicationId,
  revision,
  fieldPath,
  fieldLabel,
  comments,
  editable,
  comment,
  deleteComment,
}: {
  applicationId: string;
  revision: number;
  fieldPath: string;
  fieldLabel: string;
  comments: ReviewComment[];
  editable: boolean;
  comment: ReviewAction;
  deleteComment: ReviewAction;
}) {
  const t = useTranslations("review.comments");
  const format = useFormatter();
  const message = useActionMessage();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [body, setBody] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  const save = (event: React.FormEvent) => {
    event.preventDefault();
    setError(null);
    startTransition(async () => {
      const result = await comment({ applicationId, expectedRevision: revision, fieldPath, body });
      if (result.ok) {
        setBody("");
        setOpen(false);
      } else setError(message(result));
    });
  };
  const remove = (commentId: string) => {
    setError(null);
    startTransition(async () => {
      const result = await deleteComment({ applicationId, expectedRevision: revision, commentId });
      if (!result.ok) setError(message(result));
    });
  };

  return (
    <div className="mt-2 flex flex-col gap-2">
      {comments.length > 0 ? (
        <ul className="flex flex-col gap-2" aria-label={t("count", { count: comments.length })}>
          {comments.map((c) => (
            <li key={c.id} className={`rounded-md border-l-4 px-3 py-2 text-sm ${c.source === "wechat" ? "border-red-500 bg-red-50" : c.source === "merchant" ? "border-sky-500 bg-sky-50" : "border-amber-500 bg-amber-50"}`} data-comment-field={fieldPath} data-comment-source={c.source}>
              <p className="whitespace-pre-wrap text-slate-900">{c.body}</p>
              <div className="mt-1 flex flex-wrap items-center justify-between gap-2 text-xs text-slate-600">
                <span>{c.source === "wechat" ? t("fromWechat", { time: format.dateTime(c.createdAt, { dateStyle: "medium", timeStyle: "short" }) }) : c.source === "merchant" ? t("merchantReply", { author: c.authorName ?? "—", time: format.dateTime(c.createdAt, { dateStyle: "medium", timeStyle: "short" }) }) : t("by", { author: c.authorName ?? "—", time: format.dateTime(c.createdAt, { dateStyle: "medium", timeStyle: "short" }) })}</span>
                {editable && c.source === "support" ? (
                  <Button variant="ghost" className="min-h-8 px-2 py-1 text-xs text-red-800" disabled={pending} onClick={() => remove(c.id)} aria-label={t("deleteLabel", { field: fieldLabel })}>
                    {t("delete")}
                  </Button>
                ) : null}
              </div>
            </li>
          ))}
        </ul>
      ) : null}
      {editable ? (
        open ? (
          <form onSubmit={save} className="flex flex-col gap-2" noValidate>
            <fieldset disabled={pending} className="flex flex-col gap-1">
              <label htmlFor={`${id}-body`} className="text-sm font-medium text-slate-800">{t("label", { field: fieldLabel })}</label>
              <textarea id={`${id}-body`} value={body} onChange={(e) => setBody(e.target.value)} rows={3} maxLength={1000} autoFocus aria-describedby={`${id}-hint${error ? ` ${id}-error` : ""}`} aria-invalid={!!error} className={inputClass} />
              <p id={`${id}-hint`} className="text-xs text-slate-600">{t("hint")}</p>
            </fieldset>
            {error ? <p id={`${id}-error`} role="alert" className="text-sm text-red-700">{error}</p> : null}
            <div className="flex flex-wrap gap-2">
              <Button type="submit" disabled={pending} className="min-h-9">{pending ? t("saving") : t("save")}</Button>
              <Button variant="secondary" className="min-h-9" onClick={() => { setOpen(false); setError(null); }}>{t("cancel")}</Button>
            </div>
          </form>
        ) : (
          <div>
            <Button variant="ghost" className="min-h-8 px-2 py-1 text-xs text-brand-800" onClick={() => setOpen(true)} aria-label={t("addLabel", { field: fieldLabel })}>
              + {t("add")}
            </Button>
            {error ? <p role="alert" className="text-sm text-red-700">{error}</p> : null}
          </div>
        )
      ) : null}
    </div>
  );
}
