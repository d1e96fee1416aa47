"use client";

import type { ReactNode } from "react";
import { useHydrated } from "@/components/ui/use-hydrated";

/**
 * A form's fields and buttons, disabled until the form's script has hydrated them. Before that,
 * react-hook-form would put its default value back over anything typed, and Enter would send the
 * form natively, as a GET with every field (a password too) in the address. Meanwhile the fields
 * keep their usual look (app/globals.css): the wait is usually a frame or two, and a longer one is
 * said by the page's HydrationHint.
 */
export function LiveFieldset({ children, disabled = false, className }: { children: ReactNode; disabled?: boolean; className?: string }) {
  const live = useHydrated();
  return (
    <fieldset disabled={!live || disabled} aria-busy={live ? undefined : true} data-hydrating={live ? undefined : ""} className={className ?? "contents"}>
      {children}
    </fieldset>
  );
}
