import { clsx } from "clsx";
import { useTranslations } from "next-intl";
import type { ActionResult } from "@/lib/server/action-result";
import type { ReviewComment, ReviewField as Field } from "@/lib/review/detail";
import { FieldComments } from "./field-comments";
import { PhotoViewer } from "./photo-viewer";
import { RevealControl } from "./reveal-control";

/** A review server action: the application it acts on and what its service parses; a reveal answers the value. */
export type ReviewAction<T = unknown> = (input: Record<string, unknown> & { applicationId: string }) => Promise<ActionResult<T>>;

export type ReviewFieldActions = { reveal: ReviewAction<string>; comment: ReviewAction; deleteComment: ReviewAction };

/** One field of the application: its (masked) value, what it was before, and the comments on it. */
export function ReviewField({
  field,
  label,
  applicationId,
  revision,
  editable,
  comments,
  earlierComments,
  actions,
}: {
  field: Field;
  label: string;
  applicationId: string;
  revision: number;
  editable: boolean;
  comments: ReviewComment[];
  earlierComments: ReviewComment[];
  actions: ReviewFieldActions;
}) {
  const t = useTranslations("review.detail");
  const removed = field.changed && field.display === null && field.photos.length === 0 && (field.previousDisplay !== null || field.previousPhotos.length > 0);
  return (
    <div
      id={`field-${field.path}`}
      data-field={field.path}
      data-changed={field.changed || undefined}
      className={clsx("grid gap-1 border-t border-slate-100 px-3 py-3 sm:grid-cols-[14rem_minmax(0,1fr)] sm:gap-4", field.changed && "border-l-4 border-l-amber-400 bg-amber-50/60")}
    >
      <dt className="text-sm">
        <span className="font-medium text-slate-800">{label}</span>
        <code className="block break-all text-xs text-slate-500">{field.path}</code>
        {field.changed ? <span className="mt-1 inline-block rounded bg-amber-200 px-1.5 text-xs font-medium text-amber-950">{t("changed")}</span> : null}
      </dt>
      <dd className="min-w-0 text-sm">
        {field.photos.length > 0 ? (
          <PhotoViewer photos={field.photos} fieldLabel={label} />
        ) : removed ? (
          <span className="italic text-slate-600">{t("removed")}</span>
        ) : field.display === null ? (
          <span className="italic text-slate-500">{t("empty")}</span>
        ) : field.sensitive ? (
          <RevealControl applicationId={applicationId} revision={revision} fieldPath={field.path} fieldLabel={label} masked={field.display} reveal={actions.reveal} />
        ) : (
          <span className="break-words">{field.display}</span>
        )}
        {field.changed ? (
          <div className="mt-1 text-xs text-slate-700" data-previous>
            {field.previousPhotos.length > 0 ? (
              <div className="flex flex-col gap-1">
                <span>{t("previousPhotos")}</span>
                <PhotoViewer photos={field.previousPhotos} fieldLabel={`${label} (${t("previousPhotos")})`} tone="previous" />
              </div>
            ) : field.previousDisplay !== null ? (
              <del className="text-slate-600">{t("previousValue", { value: field.previousDisplay })}</del>
            ) : (
              <span>{t("previousEmpty")}</span>
            )}
          </div>
        ) : null}
        {earlierComments.map((c) => (
          <p key={c.id} className="mt-1 text-xs text-slate-600">{t("earlierComment", { revision: c.revision, body: c.body })}</p>
        ))}
        <FieldComments applicationId={applicationId} revision={revision} fieldPath={field.path} fieldLabel={label} comments={comments} editable={editable} comment={actions.comment} deleteComment={actions.deleteComment} />
      </dd>
    </div>
  );
}
