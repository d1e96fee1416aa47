import { and, asc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { applicationEvents, users, type ApplicationStatus, type UserRole } from "@/db/schema";

export type TimelineEvent = {
  id: string;
  type: string;
  fromStatus: ApplicationStatus | null;
  toStatus: ApplicationStatus | null;
  revision: number | null;
  actorName: string | null;
  actorRole: UserRole | null;
  note: string | null;
  internal: boolean;
  details: Record<string, unknown> | null;
  createdAt: Date;
};

/** Every event of an application, oldest first (the support view: internal events and details included). */
export async function listApplicationEvents(db: Db, { applicationId, merchantId }: { applicationId: string; merchantId: string }): Promise<TimelineEvent[]> {
  return db
    .select({
      id: applicationEvents.id,
      type: applicationEvents.type,
      fromStatus: applicationEvents.fromStatus,
      toStatus: applicationEvents.toStatus,
      revision: applicationEvents.revision,
      actorName: users.name,
      actorRole: applicationEvents.actorRole,
      note: applicationEvents.note,
      internal: applicationEvents.internal,
      details: applicationEvents.details,
      createdAt: applicationEvents.createdAt,
    })
    .from(applicationEvents)
    .leftJoin(users, eq(users.id, applicationEvents.actorId))
    .where(and(eq(applicationEvents.applicationId, applicationId), eq(applicationEvents.merchantId, merchantId)))
    .orderBy(asc(applicationEvents.createdAt), asc(applicationEvents.id));
}
