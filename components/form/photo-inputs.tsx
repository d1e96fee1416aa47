"use client";

import dynamic from "next/dynamic";
import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { useFormContext } from "react-hook-form";
import { ControlledField } from "./controlled-field";
import { FieldFeedbackFor } from "@/components/review/merchant-feedback";
import { FieldError } from "@/components/ui/field";
import type { PicFile } from "@/lib/qualification/schema";

// The dropzone and the upload code load after the form is on screen, not with it (see preloadPhotoField).
const loadPhotoField = () => import("@/components/media/photo-field");
const PhotoField = dynamic(() => loadPhotoField().then((m) => m.PhotoField), {
  loading: () => <div className="h-40 animate-pulse rounded-md border border-dashed border-slate-300 bg-slate-50" aria-hidden="true" />,
});

/** Fetches the photo field's code when the browser is idle, so the first step with a photo does not wait for it. */
export function preloadPhotoField(): () => void {
  const idle = window.requestIdleCallback ?? ((run: () => void) => window.setTimeout(run, 200));
  const cancel = window.cancelIdleCallback ?? window.clearTimeout;
  const handle = idle(() => void loadPhotoField());
  return () => cancel(handle);
}

export function PhotoInput({ name, hint }: { name: string; hint?: ReactNode }) {
  const { trigger } = useFormContext();
  const t = useTranslations("wizard.hints");
  return (
    <ControlledField
      name={name}
      render={({ field, meta: { id, label: fieldLabel, error, optional } }) => (
        <>
        <PhotoField
          id={id}
          label={fieldLabel}
          optional={optional}
          hint={hint ?? t("photoHint")}
          error={error}
          value={(field.value as PicFile | null | undefined) ?? null}
          onChange={(value) => {
            field.onChange(value ?? undefined);
            void trigger(name);
          }}
        />
        <FieldFeedbackFor name={name} />
        </>
      )}
    />
  );
}

/** Up to `max` photos stored as an array of PicFile at `name`. */
export function PhotoListInput({ name, max, label }: { name: string; max: number; label?: string }) {
  const { trigger } = useFormContext();
  const t = useTranslations("wizard");
  return (
    <ControlledField
      name={name}
      render={({ field, meta: { id, label: fieldLabel, error, optional } }) => {
        const list = ((field.value as (PicFile | null)[] | undefined) ?? []).filter(Boolean) as PicFile[];
        const set = (next: PicFile[]) => {
          field.onChange(next);
          void trigger(name);
        };
        const slots = list.length < max ? [...list, null] : list;
        return (
          <fieldset className="flex flex-col gap-3" aria-describedby={error ? `${id}-error` : undefined}>
            <legend className="mb-1 text-sm font-medium text-slate-800">
              {label ?? fieldLabel}
              {optional ? <span className="ml-1 font-normal text-slate-600" data-optional>{optional}</span> : null}
            </legend>
            {slots.map((pic, index) => (
              <PhotoField
                key={pic ? pic.media_id : `new-${index}`}
                id={`${id}-${index}`}
                label={pic ? t("picker.photoN", { n: index + 1 }) : t("picker.addPhoto")}
                value={pic}
                onChange={(value) => set(value ? (pic ? list.map((p, i) => (i === index ? value : p)) : [...list, value]) : list.filter((_, i) => i !== index))}
              />
            ))}
            <FieldFeedbackFor name={name} />
            <FieldError id={id} error={error} />
          </fieldset>
        );
      }}
    />
  );
}
