"use client";

import { AlertDialog } from "radix-ui";
import type { ReactNode } from "react";
import { Button } from "./button";

/**
 * Asks before an action that cannot be taken back: `trigger` opens it, Confirm runs `onConfirm`,
 * Cancel (or Escape) closes it and does nothing.
 */
export function ConfirmDialog({ trigger, title, description, confirm, cancel, onConfirm, tone = "primary" }: { trigger: ReactNode; title: ReactNode; description?: ReactNode; confirm: string; cancel: string; onConfirm: () => void; tone?: "primary" | "danger" }) {
  return (
    <AlertDialog.Root>
      <AlertDialog.Trigger asChild>{trigger}</AlertDialog.Trigger>
      <AlertDialog.Portal>
        <AlertDialog.Overlay className="fixed inset-0 z-40 bg-slate-900/30" />
        <AlertDialog.Content className="fixed left-1/2 top-1/2 z-50 w-[calc(100%-2rem)] max-w-md -translate-x-1/2 -translate-y-1/2 rounded-lg bg-white p-5 shadow-xl focus:outline-none" {...(description ? {} : { "aria-describedby": undefined })}>
          <AlertDialog.Title className="text-lg font-semibold">{title}</AlertDialog.Title>
          {description ? <AlertDialog.Description className="mt-2 text-sm text-slate-700">{description}</AlertDialog.Description> : null}
          <div className="mt-5 flex flex-wrap justify-end gap-2">
            <AlertDialog.Cancel asChild>
              <Button variant="secondary">{cancel}</Button>
            </AlertDialog.Cancel>
            <AlertDialog.Action asChild>
              <Button variant={tone} onClick={onConfirm}>{confirm}</Button>
            </AlertDialog.Action>
          </div>
        </AlertDialog.Content>
      </AlertDialog.Portal>
    </AlertDialog.Root>
  );
}
