"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";

/** While something is in progress (a withdrawal at the bank, an account being verified), re-render every few seconds. */
export function AutoRefresh({ active, everyMs = 3000 }: { active: boolean; everyMs?: number }) {
  const router = useRouter();
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => router.refresh(), everyMs);
    return () => clearInterval(timer);
  }, [active, everyMs, router]);
  return null;
}
