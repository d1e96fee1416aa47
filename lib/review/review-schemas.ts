import { z } from "zod";

const applicationId = z.uuid("review.errors.application");
const expectedRevision = z.coerce.number().int().min(1);
const fieldPath = z.string().trim().min(1).max(200).regex(/^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*$/, "review.errors.fieldPath");

/** A note on an action: public to the merchant unless marked internal. */
const note = z.string().trim().max(1000, "review.errors.noteTooLong").optional().transform((v) => v || null);
const noteInternal = z.union([z.boolean(), z.literal("on"), z.literal("true"), z.literal("false")]).optional().transform((v) => v === true || v === "on" || v === "true");

export const commentInputSchema = z.object({
  applicationId,
  expectedRevision,
  fieldPath,
  body: z.string().trim().min(1, "review.errors.commentRequired").max(1000, "review.errors.commentTooLong"),
});
export type CommentInput = z.infer<typeof commentInputSchema>;

export const deleteCommentInputSchema = z.object({ applicationId, expectedRevision, commentId: z.uuid() });
export type DeleteCommentInput = z.infer<typeof deleteCommentInputSchema>;

export const reviewDecisionSchema = z.object({ applicationId, expectedRevision, note, noteInternal });
export type ReviewDecision = z.infer<typeof reviewDecisionSchema>;

export const revealInputSchema = z.object({
  applicationId,
  revision: expectedRevision,
  fieldPath,
  reason: z.string().trim().min(5, "review.errors.reasonRequired").max(500, "review.errors.reasonTooLong"),
});
export type RevealInput = z.infer<typeof revealInputSchema>;
