"use client";

// Minimal stand-in with the agreed interface; the media work's component replaces this file on merge.
import { useTranslations } from "next-intl";
import { useId, useRef, useState, type ReactNode } from "react";
import { Button } from "@/components/ui/button";

export type PicFile = { media_id: string; pay_media_id: string };

export function PhotoField({ id, label, hint, error, value, onChange, disabled }: { id: string; label: ReactNode; hint?: ReactNode; error?: ReactNode; value: PicFile | null | undefined; onChange: (value: PicFile | null) => void; disabled?: boolean }) {
  const t = useTranslations("wizard.photo");
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);
  const statusId = useId();
  const shown = error ?? (failed ? t("failed") : undefined);

  async function upload(file: File) {
    setBusy(true);
    setFailed(false);
    try {
      const body = new FormData();
      body.set("file", file);
      const response = await fetch("/api/media", { method: "POST", body });
      if (!response.ok) throw new Error(String(response.status));
      const json = (await response.json()) as PicFile;
      onChange({ media_id: json.media_id, pay_media_id: json.pay_media_id });
    } catch {
      setFailed(true);
    } finally {
      setBusy(false);
      if (input.current) input.current.value = "";
    }
  }

  const described = [hint ? `${id}-hint` : null, shown ? `${id}-error` : null, statusId].filter(Boolean).join(" ");
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-sm font-medium text-slate-800">
        {label}
      </label>
      <div className="flex flex-wrap items-center gap-3">
        {value ? (
          // eslint-disable-next-line @next/next/no-img-element
          <img src={`/api/media/file?media_id=${encodeURIComponent(value.media_id)}`} alt={t("preview", { label: typeof label === "string" ? label : "" })} className="h-20 w-28 rounded border border-slate-200 object-cover" />
        ) : null}
        <input
          ref={input}
          id={id}
          type="file"
          accept="image/jpeg,image/png,image/bmp"
          disabled={disabled || busy}
          aria-invalid={!!shown}
          aria-describedby={described}
          className="block w-full max-w-xs text-sm file:mr-3 file:rounded-md file:border file:border-slate-300 file:bg-white file:px-3 file:py-2 file:text-sm"
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (file) void upload(file);
          }}
        />
        {value ? (
          <Button variant="ghost" onClick={() => onChange(null)} disabled={disabled || busy}>
            {t("remove")}
          </Button>
        ) : null}
        <span id={statusId} role="status" className="text-sm text-slate-600">
          {busy ? t("uploading") : value ? t("uploaded") : ""}
        </span>
      </div>
      {hint ? (
        <p id={`${id}-hint`} className="text-xs text-slate-600">
          {hint}
        </p>
      ) : null}
      {shown ? (
        <p id={`${id}-error`} role="alert" className="text-sm text-red-700">
          {shown}
        </p>
      ) : null}
    </div>
  );
}
