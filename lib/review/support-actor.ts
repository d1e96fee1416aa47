import type { UserRole } from "@/db/schema";
import { isStaffRole } from "@/lib/auth/roles";
import { AppError } from "@/lib/errors";

/** Who acts: the session user's id and role (the route checks the session; this checks the role again). */
export type ReviewActor = { id: string; role: UserRole };

export function assertSupport(actor: ReviewActor): void {
  if (!isStaffRole(actor.role)) throw new AppError("forbidden", "Only support staff can review applications.");
}
