"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { randomUuid } from "@/lib/crypto/random-uuid";

export type SaveState = "idle" | "saving" | "saved" | "error" | "conflict" | "locked";

export type Snapshot = { step: string; values: Record<string, unknown> };

const WRITER_KEY = "application-draft:writer";
const PENDING_KEY = "application-draft:pending";

let pageWriter: string | undefined;
/**
 * This tab's id, sent with every save. A reload keeps it (it is handed over in sessionStorage at
 * unload and taken back at load), so the tab's own save landing late is not another tab's; taking it
 * back at load means a duplicated tab draws its own.
 */
function tabWriter(): string {
  if (!pageWriter) {
    pageWriter = sessionStorage.getItem(WRITER_KEY) ?? randomUuid();
    sessionStorage.removeItem(WRITER_KEY);
  }
  return pageWriter;
}

type Pending = { version: number; snapshot: Snapshot };

/** A snapshot as compared for changes: a field a step registers empty (null or "") is no change from one never set. */
const changeKey = (snapshot: Snapshot) => JSON.stringify(snapshot, (_, value: unknown) => (value === null || value === "" ? undefined : value));

/**
 * What this tab had not saved when it was last hidden or unloaded, if the server's draft has not
 * moved on without it (same version, or the version this tab itself wrote). Read once.
 */
export function takePendingSnapshot(draft: { version: number; writer: string | null; values: Record<string, unknown> }): Snapshot | null {
  const raw = sessionStorage.getItem(PENDING_KEY);
  sessionStorage.removeItem(PENDING_KEY);
  if (!raw) return null;
  try {
    const pending = JSON.parse(raw) as Pending;
    const ours = pending.version === draft.version || (draft.writer !== null && draft.writer === tabWriter());
    return ours && JSON.stringify(pending.snapshot.values) !== JSON.stringify(draft.values) ? pending.snapshot : null;
  } catch {
    return null;
  }
}

/**
 * Debounced draft saving with optimistic versions: one request in flight at a time, the latest
 * snapshot wins, and a 409 (another tab or device saved) stops saving and reports the conflict.
 * Leaving or hiding the page sends what is pending and keeps a copy for the reloaded page.
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
    const json = changeKey(snapshot);
    if (json === lastSaved.current) return;
    const run = (async () => {
      setState("saving");
      try {
        const body = JSON.stringify({ version: version.current, writer: tabWriter(), ...snapshot });
        const response = await fetch("/api/application/draft", {
          method: "PUT",
          headers: { "content-type": "application/json" },
          body,
          // keepalive lets the request outlive the page; browsers cap its body at 64 KiB.
          keepalive: body.length < 60_000,
        });
        if (response.status === 409) {
          const answer = (await response.json().catch(() => null)) as { error?: { current_version?: number } } | null;
          stopped.current = true;
          setState(answer?.error?.current_version === undefined ? "locked" : "conflict");
          return;
        }
        if (!response.ok) throw new Error(String(response.status));
        const answer = (await response.json()) as { version: number };
        version.current = answer.version;
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

  // Hidden or unloaded: a copy of unsaved values for the reloaded page, and the save sent now.
  useEffect(() => {
    // Take a reloaded tab's id now, before this page's own pageshow could drop the hand-over.
    tabWriter();
    const onHide = (unloading: boolean) => {
      if (unloading) sessionStorage.setItem(WRITER_KEY, tabWriter());
      if (stopped.current) return;
      const snapshot = read();
      if (changeKey(snapshot) === lastSaved.current) return sessionStorage.removeItem(PENDING_KEY);
      sessionStorage.setItem(PENDING_KEY, JSON.stringify({ version: version.current, snapshot } satisfies Pending));
      if (!inFlight.current) void flush();
    };
    const onPageHide = () => onHide(true);
    const onVisibility = () => {
      if (document.visibilityState === "hidden") onHide(false);
    };
    // Back from the back-forward cache: this page is the tab's again.
    const onShow = () => sessionStorage.removeItem(WRITER_KEY);
    // beforeunload comes before the next page is requested (pagehide only after): the copy and the save go out first.
    window.addEventListener("beforeunload", onPageHide);
    window.addEventListener("pagehide", onPageHide);
    window.addEventListener("pageshow", onShow);
    document.addEventListener("visibilitychange", onVisibility);
    return () => {
      window.removeEventListener("beforeunload", onPageHide);
      window.removeEventListener("pagehide", onPageHide);
      window.removeEventListener("pageshow", onShow);
      document.removeEventListener("visibilitychange", onVisibility);
    };
  }, [flush, read]);

  return { state, savedAt, schedule, flush, version, markSaved: (s: Snapshot) => (lastSaved.current = changeKey(s)) };
}
