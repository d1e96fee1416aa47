import { and, asc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { applicationEvents, users, type UserRole } from "@/db/schema";
import { timelineColumns, type TimelineEvent as MerchantTimelineEvent } from "@/lib/applications/load-application";

/** Support's timeline: the merchant's events plus the internal ones, their details and who acted by name. */
export type TimelineEvent = Omit<MerchantTimelineEvent, "actorRole" | "createdAt"> & {
  actorName: string | null;
  actorRole: UserRole | null;
  internal: boolean;
  details: Record<string, unknown> | null;
  createdAt: Date;
};

/** Every event of an application, oldest first (the support view: internal events and details included). */
export async function listApplicationEvents(db: Db, { applicationId, merchantId }: { applicationId: string; merchantId: string }): Promise<TimelineEvent[]> {
  return db
    .select({ ...timelineColumns, actorName: users.name, internal: applicationEvents.internal, details: applicationEvents.details })
    .from(applicationEvents)
    .leftJoin(users, eq(users.id, applicationEvents.actorId))
    .where(and(eq(applicationEvents.applicationId, applicationId), eq(applicationEvents.merchantId, merchantId)))
    .orderBy(asc(applicationEvents.createdAt), asc(applicationEvents.id));
}
