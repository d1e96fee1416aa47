import { z } from "zod";
import { WIZARD_STEPS } from "@/lib/qualification/rules";

/** PUT /api/application/draft: the raw form values, the version they were based on and the tab that sends them. */
export const saveDraftRequestSchema = z.object({
  version: z.number().int().min(0).max(2_000_000_000),
  writer: z.uuid().optional(),
  step: z.enum(WIZARD_STEPS),
  values: z.record(z.string(), z.unknown()),
});
export type SaveDraftRequest = z.infer<typeof saveDraftRequestSchema>;

/** POST /api/application/submit: the draft version the user reviewed (the idempotency key). */
export const submitRequestSchema = z.object({
  version: z.number().int().min(1).max(2_000_000_000),
  // Per flagged field path, why it stays unchanged.
  replies: z
    .record(z.string().max(200), z.string().max(1000, { error: "validation.tooLong" }))
    .refine((r) => Object.keys(r).length <= 100)
    .optional(),
});
export type SubmitRequest = z.infer<typeof submitRequestSchema>;
