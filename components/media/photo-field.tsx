"use client";

import { clsx } from "clsx";
import { useTranslations } from "next-intl";
import { useEffect, useRef, useState, type ReactNode } from "react";
import { useDropzone, type FileRejection } from "react-dropzone";
import { Button } from "@/components/ui/button";
import { FieldLabel } from "@/components/ui/field";
import type { PicFile } from "@/lib/qualification/schema";
import { ACCEPTED_IMAGE_TYPES, MAX_UPLOAD_BYTES, type UploadedMedia } from "@/lib/media/types";

export type PhotoFieldProps = {
  id: string;
  label: ReactNode;
  /** The "(optional)" marker shown beside the label. */
  optional?: ReactNode;
  hint?: ReactNode;
  error?: ReactNode;
  value: PicFile | null | undefined;
  onChange: (value: PicFile | null) => void;
  disabled?: boolean;
};

type Upload = { state: "idle" } | { state: "uploading"; percent: number } | { state: "processing" };

type ErrorBody = { error?: { code?: string; message?: string; fields?: Record<string, string> } };

/** Sends one file to POST /api/media with upload progress; resolves with the stored photo or a message key. */
function sendPhoto(file: File, onProgress: (percent: number) => void, onSent: () => void, signal: AbortSignal) {
  return new Promise<{ ok: true; media: UploadedMedia } | { ok: false; key: string; text?: string }>((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", "/api/media");
    xhr.responseType = "json";
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(Math.round((event.loaded / event.total) * 100));
    };
    xhr.upload.onload = onSent;
    xhr.onload = () => {
      if (xhr.status === 201) resolve({ ok: true, media: xhr.response as UploadedMedia });
      else {
        const body = (xhr.response ?? {}) as ErrorBody;
        resolve({ ok: false, key: body.error?.fields?.file ?? "media.errors.failed", text: body.error?.message });
      }
    };
    xhr.onerror = () => resolve({ ok: false, key: "media.errors.network" });
    signal.addEventListener("abort", () => xhr.abort());
    const form = new FormData();
    form.set("file", file);
    xhr.send(form);
  });
}

function formatSize(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/**
 * A document photo (PicFile): pick or drop an image, see the upload progress and a preview,
 * replace or remove it. The value is `{media_id, pay_media_id}` once the server has it.
 */
export function PhotoField({ id, label, optional, hint, error, value, onChange, disabled }: PhotoFieldProps) {
  const t = useTranslations();
  const [upload, setUpload] = useState<Upload>({ state: "idle" });
  const [uploadError, setUploadError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [previewFailed, setPreviewFailed] = useState(false);
  const abort = useRef<AbortController | null>(null);
  const busy = upload.state !== "idle";

  useEffect(() => () => abort.current?.abort(), []);
  useEffect(() => setPreviewFailed(false), [value?.media_id]);

  const translate = (key: string) => (t.has(key as never) ? t(key as never) : t("media.errors.failed"));

  async function onDrop(accepted: File[], rejected: FileRejection[]) {
    setNotice(null);
    if (rejected.length > 0 || accepted.length !== 1) {
      const code = rejected[0]?.errors[0]?.code;
      setUploadError(translate(code === "file-too-large" ? "media.errors.too_large" : code === "too-many-files" ? "media.errors.too_many" : "media.errors.format"));
      return;
    }
    setUploadError(null);
    abort.current?.abort();
    const controller = new AbortController();
    abort.current = controller;
    setUpload({ state: "uploading", percent: 0 });
    const result = await sendPhoto(
      accepted[0]!,
      (percent) => setUpload({ state: "uploading", percent }),
      () => setUpload({ state: "processing" }),
      controller.signal,
    );
    if (controller.signal.aborted) return;
    setUpload({ state: "idle" });
    if (!result.ok) {
      setUploadError(translate(result.key));
      return;
    }
    onChange({ media_id: result.media.media_id, pay_media_id: result.media.pay_media_id });
    setNotice(result.media.shrunk ? t("media.photo.shrunk", { size: formatSize(result.media.byte_size) }) : t("media.photo.uploaded"));
  }

  const { getRootProps, getInputProps, isDragActive, open } = useDropzone({
    onDrop,
    accept: ACCEPTED_IMAGE_TYPES as unknown as Record<string, string[]>,
    maxFiles: 1,
    multiple: false,
    maxSize: MAX_UPLOAD_BYTES,
    disabled: disabled || busy,
    noClick: Boolean(value),
    noKeyboard: Boolean(value),
  });

  const shownError = uploadError ?? error;
  const describedIds = [`${id}-formats`, hint ? `${id}-hint` : null, shownError ? `${id}-error` : null].filter(Boolean).join(" ");
  const labelId = `${id}-label`;

  return (
    <div className="flex flex-col gap-1">
      <FieldLabel id={id} labelId={labelId} optional={optional}>
        {label}
      </FieldLabel>
      <div
        {...getRootProps({
          role: value ? "group" : "button",
          // The name includes the visible prompt (axe label-content-name-mismatch).
          "aria-labelledby": value ? labelId : `${labelId} ${id}-prompt ${id}-choose`,
          "aria-describedby": describedIds,
          "aria-invalid": shownError ? true : undefined,
          "aria-disabled": disabled || busy || undefined,
        })}
        className={clsx(
          "relative flex min-h-32 flex-col items-center justify-center gap-2 rounded-md border-2 border-dashed p-4 text-center text-sm focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-700/40",
          isDragActive ? "border-brand-700 bg-brand-50" : shownError ? "border-red-600 bg-white" : "border-slate-300 bg-white",
          disabled ? "cursor-not-allowed bg-slate-100" : value ? "" : "cursor-pointer hover:border-brand-700",
        )}
        data-testid={`${id}-dropzone`}
      >
        {value ? (
          <div className="flex w-full flex-col items-center gap-3 sm:flex-row sm:items-start">
            {previewFailed ? (
              <p className="text-slate-600">{t("media.photo.previewFailed")}</p>
            ) : (
              // eslint-disable-next-line @next/next/no-img-element -- a private, session-bound image: no optimiser.
              <img
                src={`/api/media/file?media_id=${encodeURIComponent(value.media_id)}`}
                alt={typeof label === "string" ? t("media.photo.preview", { label }) : ""}
                className="max-h-48 max-w-full rounded border border-slate-200 object-contain"
                onError={() => setPreviewFailed(true)}
              />
            )}
            <div className="flex gap-2">
              <Button variant="secondary" onClick={open} disabled={disabled || busy}>
                {t("media.photo.replace")}
              </Button>
              <Button
                variant="ghost"
                onClick={() => {
                  onChange(null);
                  setNotice(t("media.photo.removed"));
                  setUploadError(null);
                }}
                disabled={disabled || busy}
              >
                {t("media.photo.remove")}
              </Button>
            </div>
          </div>
        ) : (
          <>
            <span id={`${id}-prompt`} className="text-slate-700">{isDragActive ? t("media.photo.dropActive") : t("media.photo.drop")}</span>
            <span id={`${id}-choose`} className="rounded-md border border-slate-300 px-3 py-1.5 font-medium text-slate-800">{t("media.photo.choose")}</span>
          </>
        )}
        {upload.state !== "idle" ? (
          <div className="w-full max-w-xs">
            <progress className="h-2 w-full" max={100} value={upload.state === "uploading" ? upload.percent : undefined} aria-labelledby={`${id}-progress`} />
            <span id={`${id}-progress`} className="text-xs text-slate-600">
              {upload.state === "uploading" ? t("media.photo.uploading", { percent: upload.percent }) : t("media.photo.processing")}
            </span>
          </div>
        ) : null}
      </div>
      {/* Outside the role=button zone: a focusable control may not sit inside another (axe nested-interactive). */}
      <input {...getInputProps({ id })} />
      <p id={`${id}-formats`} className="text-xs text-slate-600">
        {t("media.photo.formats")}
      </p>
      {hint ? (
        <p id={`${id}-hint`} className="text-xs text-slate-600">
          {hint}
        </p>
      ) : null}
      <p aria-live="polite" className="text-xs text-slate-700" data-testid={`${id}-notice`}>
        {notice}
      </p>
      {shownError ? (
        <p id={`${id}-error`} role="alert" className="text-sm text-red-700">
          {shownError}
        </p>
      ) : null}
    </div>
  );
}
