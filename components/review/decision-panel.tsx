"use client";

import { useTranslations } from "next-intl";
import { useId, useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { inputClass } from "@/components/ui/field";
import type { ApplicationStatus } from "@/db/schema";
import type { ReviewAction } from "./review-field";
import { useActionMessage } from "@/components/action/use-failure-message";

/** Request changes or approve, with an optional note; only offered while the application is pending review. */
export function DecisionPanel({
  applicationId,
  revision,
  status,
  commentCount,
  requestChanges,
  approve,
}: {
  applicationId: string;
  revision: number;
  status: ApplicationStatus;
  commentCount: number;
  requestChanges: ReviewAction;
  approve: ReviewAction;
}) {
  const t = useTranslations("review");
  const message = useActionMessage();
  const id = useId();
  const [note, setNote] = useState("");
  const [internal, setInternal] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const actionable = status === "pending_review";

  const decide = (action: ReviewAction, doneKey: "changes_requested" | "approved") => {
    setError(null);
    setDone(null);
    startTransition(async () => {
      const result = await action({ applicationId, expectedRevision: revision, note, noteInternal: internal });
      if (result.ok) {
        setDone(t(`actions.done.${doneKey}`));
        setNote("");
      } else setError(message(result));
    });
  };

  return (
    <section aria-labelledby={`${id}-title`} className="rounded-lg border border-slate-200 bg-white p-4">
      <h2 id={`${id}-title`} className="text-lg font-semibold">{t("actions.title")}</h2>
      {error ? <p role="alert" className="mt-3 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800" data-testid="decision-error">{error}</p> : null}
      {done ? <p role="status" className="mt-3 rounded-md border border-brand-600/30 bg-brand-50 px-3 py-2 text-sm text-brand-800">{done}</p> : null}
      {actionable ? (
        <fieldset disabled={pending} className="mt-3 flex flex-col gap-3">
          <p className="text-sm text-slate-700">{t("comments.count", { count: commentCount })}</p>
          <div className="flex flex-col gap-1">
            <label htmlFor={`${id}-note`} className="text-sm font-medium text-slate-800">{t("actions.note")}</label>
            <textarea id={`${id}-note`} value={note} onChange={(e) => setNote(e.target.value)} rows={3} maxLength={1000} aria-describedby={`${id}-note-hint`} className={inputClass} />
            <p id={`${id}-note-hint`} className="text-xs text-slate-600">{t("actions.noteHint")}</p>
          </div>
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" checked={internal} onChange={(e) => setInternal(e.target.checked)} className="h-4 w-4 accent-brand-700" />
            {t("actions.internal")}
          </label>
          <div className="flex flex-col gap-1">
            <Button variant="secondary" onClick={() => decide(requestChanges, "changes_requested")} aria-describedby={`${id}-rc-hint`}>
              {pending ? t("actions.working") : t("actions.requestChanges")}
            </Button>
            <p id={`${id}-rc-hint`} className="text-xs text-slate-600">{commentCount === 0 ? t("actions.needsComment") : t("actions.requestChangesHint")}</p>
          </div>
          <div className="flex flex-col gap-1">
            {/* Approving sends the application to WeChat, which cannot be called back: ask first. */}
            <ConfirmDialog
              trigger={<Button aria-describedby={`${id}-ap-hint`}>{pending ? t("actions.working") : t("actions.approve")}</Button>}
              title={t("actions.confirmApprove")}
              description={t("actions.confirmApproveDetail")}
              confirm={t("actions.confirmApproveYes")}
              cancel={t("actions.confirmApproveNo")}
              onConfirm={() => decide(approve, "approved")}
            />
            <p id={`${id}-ap-hint`} className="text-xs text-slate-600">{commentCount > 0 ? t("actions.approveWithComments") : t("actions.approveHint")}</p>
          </div>
        </fieldset>
      ) : (
        <p className="mt-3 text-sm text-slate-700" data-testid="not-actionable">{t("actions.notActionable", { status: t(`status.${status}`) })}</p>
      )}
    </section>
  );
}
