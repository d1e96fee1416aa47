"use client";

import { useCallback, useEffect, useRef, useState } from "react";

export type SaveState = "idle" | "saving" | "saved" | "error" | "conflict" | "locked";

type Snapshot = { step: string; values: Record<string, unknown> };

/**
 * Debounced draft saving with optimistic versions: one request in flight at a time, the latest
 * snapshot wins, and a 409 stops saving and reports the conflict instead of overwriting.
 */
export function useAutosave({ initialVersion, read, delay = 800 }: { initialVersion: number; read: () => Snapshot; delay?: number }) {
  const version = useRef(initialVersion);
  const lastSaved = useRef<string | null>(null);
  const inFlight = useRef<Promise<void> | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const stopped = useRef(false);
  const [state, setState] = useState<SaveState>("idle");
  const [savedAt, setSavedAt] = useState<Date | null>(null);

  const flush = useCallback(async (): Promise<void> => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    if (inFlight.current) {
      await inFlight.current;
      return flush();
    }
    if (stopped.current) return;
    const snapshot = read();
    const json = JSON.stringify(snapshot);
    if (json === lastSaved.current) return;
    const run = (async () => {
      setState("saving");
      try {
        const response = await fetch("/api/application/draft", {
          method: "PUT",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ version: version.current, ...snapshot }),
          keepalive: json.length < 60_000,
        });
        if (response.status === 409) {
          const body = (await response.json().catch(() => null)) as { error?: { current_version?: number } } | null;
          stopped.current = true;
          setState(body?.error?.current_version === undefined ? "locked" : "conflict");
          return;
        }
        if (!response.ok) throw new Error(String(response.status));
        const body = (await response.json()) as { version: number };
        version.current = body.version;
        lastSaved.current = json;
        setSavedAt(new Date());
        setState("saved");
      } catch {
        setState("error");
      }
    })();
    inFlight.current = run;
    await run;
    inFlight.current = null;
  }, [read]);

  const schedule = useCallback(() => {
    if (stopped.current) return;
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => void flush(), delay);
  }, [delay, flush]);

  // Leaving the page sends what is pending (keepalive lets the request outlive the page).
  useEffect(() => {
    const onHide = () => {
      if (timer.current) void flush();
    };
    window.addEventListener("pagehide", onHide);
    return () => window.removeEventListener("pagehide", onHide);
  }, [flush]);

  return { state, savedAt, schedule, flush, version, markSaved: (s: Snapshot) => (lastSaved.current = JSON.stringify(s)) };
}
