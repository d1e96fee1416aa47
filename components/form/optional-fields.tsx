"use client";

import { createContext, useContext, useMemo, type ReactNode } from "react";
import { useWatch } from "react-hook-form";
import type { QualificationContext } from "@/lib/qualification/rules";
import { useQualificationSchema } from "./qualification-schema";

const OptionalFields = createContext<(path: string) => boolean>(() => false);

/**
 * Marks the wizard's fields optional from the one qualification schema, as the choices made so far
 * decide; until the schema has loaded, from the list the server worked out for the draft.
 */
export function OptionalFieldsProvider({ context, initial, children }: { context: QualificationContext; initial: readonly string[]; children: ReactNode }) {
  const values = useWatch();
  const schema = useQualificationSchema();
  // Only the choices change the answer, so typing in a text field does not recompute it.
  const choices = schema ? JSON.stringify(schema.choicesOf(values) ?? {}) : null;
  const isOptional = useMemo(() => {
    if (!schema || choices === null) {
      const optional = new Set(initial);
      return (path: string) => optional.has(path);
    }
    return schema.optionalFieldsFor(JSON.parse(choices) as unknown, context);
  }, [schema, choices, context, initial]);
  return <OptionalFields.Provider value={isOptional}>{children}</OptionalFields.Provider>;
}

export function useIsOptional(name: string): boolean {
  return useContext(OptionalFields)(name);
}
