import type { ApplicationStatus } from "@/db/schema";

/** What a review server action answers: the value of a reveal, or an error the page can translate. */
export type ReviewActionResult =
  | { ok: true; value?: string }
  | { ok: false; error: "conflict" | "forbidden" | "notFound" | "invalid" | "failed"; status?: ApplicationStatus | null; fields?: Record<string, string> };

export type ReviewAction = (input: Record<string, unknown> & { applicationId: string }) => Promise<ReviewActionResult>;
