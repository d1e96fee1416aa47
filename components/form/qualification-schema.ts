"use client";

import { useEffect, useState } from "react";

type SchemaModule = typeof import("@/lib/qualification/schema");

let loaded: SchemaModule | null = null;
let loading: Promise<SchemaModule> | null = null;

/**
 * The qualification schemas (zod and the rules on it) load after the wizard is on screen, in their
 * own chunk: the page renders from what the server worked out (`wizardStart`) until they arrive.
 */
export function loadQualificationSchema(): Promise<SchemaModule> {
  loading ??= import("@/lib/qualification/schema").then(
    (module) => (loaded = module),
    (error: unknown) => {
      // A failed chunk load (a dropped connection) is tried again by the next caller.
      loading = null;
      throw error;
    },
  );
  return loading;
}

/** The schema module once it has loaded (null before), starting the load on first use. */
export function useQualificationSchema(): SchemaModule | null {
  const [module, setModule] = useState(loaded);
  useEffect(() => {
    if (module) return;
    let live = true;
    loadQualificationSchema().then(
      (m) => live && setModule(m),
      () => undefined, // the resolver retries on the next check
    );
    return () => {
      live = false;
    };
  }, [module]);
  return module;
}
