"use client";

import { createContext, useContext, useMemo, type ReactNode } from "react";
import { useWatch } from "react-hook-form";
import { choicesOf, optionalFieldsFor, type QualificationContext } from "@/lib/qualification/schema";

const OptionalFields = createContext<(path: string) => boolean>(() => false);

/** Marks the wizard's fields optional from the one qualification schema, as the choices made so far decide. */
export function OptionalFieldsProvider({ context, children }: { context: QualificationContext; children: ReactNode }) {
  const values = useWatch();
  // Only the choices change the answer, so typing in a text field does not recompute it.
  const choices = JSON.stringify(choicesOf(values) ?? {});
  const isOptional = useMemo(() => optionalFieldsFor(JSON.parse(choices) as unknown, context), [choices, context]);
  return <OptionalFields.Provider value={isOptional}>{children}</OptionalFields.Provider>;
}

export function useIsOptional(name: string): boolean {
  return useContext(OptionalFields)(name);
}
