"use server";

import { revalidatePath } from "next/cache";
import { getTranslations } from "next-intl/server";
import { z } from "zod";
import type { Db } from "@/db/client";
import { dataKeyRing } from "@/lib/crypto/keys";
import { AppError, isAppError } from "@/lib/errors";
import { getApplicationStatus } from "@/lib/review/application-status";
import { approveApplication } from "@/lib/review/approve";
import { addFieldComment, deleteFieldComment } from "@/lib/review/comment";
import { requestChanges } from "@/lib/review/request-changes";
import { revealField } from "@/lib/review/reveal";
import { supportAction } from "@/lib/server/action";

// Each service parses the rest of its input; the application is named so the page can be refreshed.
const reviewInput = z.looseObject({ applicationId: z.string().max(100) });
type ReviewInput = z.infer<typeof reviewInput>;

/** Runs one review step; a lost race answers where the application stands now and shows the page as it is. */
async function review<T>(input: ReviewInput, db: Db, run: () => Promise<T>, refresh = true): Promise<T> {
  const page = `/support/review/${input.applicationId}`;
  try {
    const value = await run();
    if (refresh) revalidatePath(page);
    return value;
  } catch (error) {
    if (!isAppError(error) || error.code !== "conflict") throw error;
    revalidatePath(page);
    const status = await getApplicationStatus(db, { applicationId: input.applicationId });
    const t = await getTranslations("review");
    throw new AppError("conflict", error.message, undefined, { reason: "application.moved", values: { status: status ? (t as unknown as (key: string) => string)(`status.${status}`) : "—" } });
  }
}

export const commentAction = supportAction(reviewInput, async function commentAction(input, { actor, db }) {
  return review(input, db, async () => void (await addFieldComment(db, dataKeyRing(), actor, input)));
});

export const deleteCommentAction = supportAction(reviewInput, async function deleteCommentAction(input, { actor, db }) {
  return review(input, db, () => deleteFieldComment(db, actor, input));
});

export const requestChangesAction = supportAction(reviewInput, async function requestChangesAction(input, { actor, db }) {
  return review(input, db, async () => void (await requestChanges(db, actor, input)));
});

export const approveAction = supportAction(reviewInput, async function approveAction(input, { actor, db }) {
  return review(input, db, async () => void (await approveApplication(db, actor, input)));
});

export const revealAction = supportAction(reviewInput, async function revealAction(input, { actor, db }) {
  return review(input, db, async () => (await revealField(db, dataKeyRing(), actor, input)).value, false);
});
