"use client";

import { Dialog } from "radix-ui";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import type { PicFile } from "@/lib/qualification/schema";

export const mediaUrl = (mediaId: string) => `/api/media/file?media_id=${encodeURIComponent(mediaId)}`;

const ZOOMS = [0.5, 0.75, 1, 1.5, 2, 3, 4];

/** Thumbnails that open the photo full size, with zoom and rotation (document photos come in sideways). */
export function PhotoViewer({ photos, fieldLabel, tone = "current" }: { photos: PicFile[]; fieldLabel: string; tone?: "current" | "previous" }) {
  const t = useTranslations("review.photo");
  const [index, setIndex] = useState<number | null>(null);
  const [zoom, setZoom] = useState(2);
  const [rotation, setRotation] = useState(0);
  const open = (i: number) => {
    setIndex(i);
    setZoom(2);
    setRotation(0);
  };
  const photo = index === null ? null : photos[index];
  return (
    <>
      <ul className="flex flex-wrap gap-2">
        {photos.map((p, i) => (
          <li key={`${p.media_id}-${i}`}>
            <button type="button" onClick={() => open(i)} aria-label={t("open", { field: photos.length > 1 ? `${fieldLabel} ${i + 1}` : fieldLabel })} className={`block h-20 w-28 overflow-hidden rounded border bg-slate-100 ${tone === "previous" ? "border-slate-300 opacity-70" : "border-slate-300"}`}>
              {/* eslint-disable-next-line @next/next/no-img-element -- sealed bytes served by our own route, not optimisable */}
              <img src={mediaUrl(p.media_id)} alt={t("alt", { field: fieldLabel })} className="h-full w-full object-cover" loading="lazy" />
            </button>
          </li>
        ))}
      </ul>
      <Dialog.Root open={photo !== null && photo !== undefined} onOpenChange={(next) => !next && setIndex(null)}>
        <Dialog.Portal>
          <Dialog.Overlay className="fixed inset-0 z-40 bg-slate-900/80" />
          <Dialog.Content className="fixed inset-2 z-50 flex flex-col rounded-lg bg-white sm:inset-6">
            <div className="flex flex-wrap items-center justify-between gap-2 border-b border-slate-200 p-3">
              <Dialog.Title className="font-semibold">
                {t("title", { field: fieldLabel })}
                {photos.length > 1 && index !== null ? <span className="ml-2 text-sm font-normal text-slate-600">{t("position", { index: index + 1, count: photos.length })}</span> : null}
              </Dialog.Title>
              <Dialog.Description className="sr-only">{t("alt", { field: fieldLabel })}</Dialog.Description>
              <div className="flex flex-wrap items-center gap-1" role="toolbar" aria-label={fieldLabel}>
                {photos.length > 1 ? (
                  <>
                    <Button variant="secondary" className="min-h-9 px-3" onClick={() => open(((index ?? 0) - 1 + photos.length) % photos.length)}>{t("previous")}</Button>
                    <Button variant="secondary" className="min-h-9 px-3" onClick={() => open(((index ?? 0) + 1) % photos.length)}>{t("next")}</Button>
                  </>
                ) : null}
                <Button variant="secondary" className="min-h-9 px-3" onClick={() => setZoom((z) => Math.max(0, z - 1))} disabled={zoom === 0}>{t("zoomOut")}</Button>
                <span className="min-w-20 text-center text-sm tabular-nums" aria-live="polite">{t("zoom", { percent: Math.round(ZOOMS[zoom]! * 100) })}</span>
                <Button variant="secondary" className="min-h-9 px-3" onClick={() => setZoom((z) => Math.min(ZOOMS.length - 1, z + 1))} disabled={zoom === ZOOMS.length - 1}>{t("zoomIn")}</Button>
                <Button variant="secondary" className="min-h-9 px-3" onClick={() => setRotation((r) => (r + 270) % 360)}>{t("rotateLeft")}</Button>
                <Button variant="secondary" className="min-h-9 px-3" onClick={() => setRotation((r) => (r + 90) % 360)}>{t("rotateRight")}</Button>
                <Button variant="ghost" className="min-h-9 px-3" onClick={() => { setZoom(2); setRotation(0); }}>{t("reset")}</Button>
                <Dialog.Close asChild>
                  <Button className="min-h-9 px-3">{t("close")}</Button>
                </Dialog.Close>
              </div>
            </div>
            {/* Zoom changes the layout width so the scroll area grows with it; m-auto centres without clipping. */}
            <div className="flex min-h-0 flex-1 overflow-auto bg-slate-800 p-4">
              {photo ? (
                <div className="m-auto flex-none" style={{ width: `${ZOOMS[zoom]! * 50}%` }}>
                  {/* eslint-disable-next-line @next/next/no-img-element -- full-size original */}
                  <img
                    src={mediaUrl(photo.media_id)}
                    alt={t("alt", { field: fieldLabel })}
                    data-testid="photo-full"
                    data-rotation={rotation}
                    style={{ transform: `rotate(${rotation}deg)`, transition: "transform 120ms" }}
                    className="block h-auto w-full"
                  />
                </div>
              ) : null}
            </div>
          </Dialog.Content>
        </Dialog.Portal>
      </Dialog.Root>
    </>
  );
}
