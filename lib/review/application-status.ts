import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { applications, type ApplicationStatus } from "@/db/schema";

/** Where an application stands now: what a reviewer who lost a race is told. */
export async function getApplicationStatus(db: Db, { applicationId }: { applicationId: string }): Promise<ApplicationStatus | null> {
  const [row] = await db.select({ status: applications.status }).from(applications).where(eq(applications.id, applicationId));
  return row?.status ?? null;
}
