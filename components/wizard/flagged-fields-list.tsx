"use client";

import { useTranslations } from "next-intl";
import { useEffect } from "react";
import type { FlaggedField, FlagReplies } from "@/lib/applications/flagged-fields";
import { stepOfPath } from "@/lib/qualification/rules";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { fieldId } from "@/components/form";
import { fieldLabelFor } from "@/lib/i18n/field-labels";
import { inputClass } from "@/components/ui/field";

const MAX_REPLY = 1000;

/**
 * The fields support or WeChat flagged, on the wizard's review step: each links to its field and
 * says whether it changed; an unchanged one takes the merchant's reply on why it stays.
 */
export function FlaggedFieldsList({ flags, replies, onReply, onGo, refresh }: { flags: FlaggedField[]; replies: FlagReplies; onReply: (path: string, text: string) => void; onGo: (path: string) => void; refresh: () => Promise<void> }) {
  const t = useTranslations("wizard.review.flags");
  const tSteps = useTranslations("wizard.steps");
  const tAll = useTranslations();
  const labelOf = (path: string) => fieldLabelFor(tAll, path);
  useEffect(() => {
    void refresh();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  const open = flags.filter((f) => !f.changed && !replies[f.fieldPath]?.trim()).length;
  return (
    <section aria-labelledby="flagged-title" className="rounded-lg border border-amber-300 bg-amber-50 p-4" data-testid="flagged-fields">
      <h3 id="flagged-title" className="font-semibold text-amber-950">{t("title", { count: flags.length })}</h3>
      <p className="mt-1 text-sm text-amber-950">{open > 0 ? t("intro", { count: open }) : t("allAddressed")}</p>
      <ul className="mt-3 flex flex-col gap-3">
        {flags.map((flag) => {
          const answered = !flag.changed && Boolean(replies[flag.fieldPath]?.trim());
          const state = flag.changed ? "changed" : answered ? "answered" : "open";
          const replyId = `flag-reply-${fieldId(flag.fieldPath)}`;
          return (
            <li key={flag.fieldPath} className="rounded-md border border-amber-200 bg-white p-3" data-flag-field={flag.fieldPath} data-flag-state={state}>
              <div className="flex flex-wrap items-center justify-between gap-2">
                <span className="min-w-0 break-words text-sm font-medium text-slate-900">
                  {tSteps(stepOfPath(flag.fieldPath))} · {labelOf(flag.fieldPath)}
                  <span className="ml-2 text-xs font-normal text-slate-700">({t(`source.${flag.source}`)})</span>
                </span>
                <Badge tone={state === "open" ? "waiting" : "success"}>{t(`state.${state}`)}</Badge>
              </div>
              <Button variant="secondary" className="mt-2" onClick={() => onGo(flag.fieldPath)}>
                {t("goTo", { field: labelOf(flag.fieldPath) })}
              </Button>
              {!flag.changed ? (
                <div className="mt-2 flex flex-col gap-1">
                  <label htmlFor={replyId} className="text-sm text-slate-800">{t("replyLabel")}</label>
                  <textarea id={replyId} rows={2} maxLength={MAX_REPLY} className={inputClass} value={replies[flag.fieldPath] ?? ""} onChange={(e) => onReply(flag.fieldPath, e.target.value)} />
                </div>
              ) : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
