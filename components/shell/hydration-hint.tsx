"use client";

import { useHydrated } from "@/components/ui/use-hydrated";

/**
 * Says "loading" when a page's script has not made it interactive within a second (a slow network):
 * its forms are disabled until then, with no other sign than the progress cursor. In the server's
 * HTML only, shown by CSS after the delay (app/globals.css), and gone as soon as the page hydrates.
 * Hidden from screen readers (aria-hidden): a sign for the eye, not part of the page.
 */
export function HydrationHint({ text }: { text: string }) {
  const live = useHydrated();
  if (live) return null;
  return (
    <p aria-hidden="true" data-testid="hydration-hint" className="hydration-hint pointer-events-none fixed inset-x-0 bottom-4 z-50 mx-auto w-fit max-w-[90vw] rounded-full bg-slate-900/90 px-4 py-2 text-center text-sm text-white shadow-lg">
      {text}
    </p>
  );
}
