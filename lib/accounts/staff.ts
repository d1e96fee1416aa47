import { and, asc, eq, inArray, isNull } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { users } from "@/db/schema";
import { endAllSessions } from "@/lib/auth/session";
import { staffRoles, type StaffRole } from "@/lib/auth/roles";
import { writeAudit } from "@/lib/audit/write-audit";
import { AppError } from "@/lib/errors";
import { createLink } from "./links";

export const emailSchema = z.string().trim().toLowerCase().pipe(z.email().max(254));
export const personNameSchema = z.string().trim().min(1).max(100);

export const newStaffSchema = z.object({
  email: emailSchema,
  name: personNameSchema,
  role: z.enum(staffRoles),
  locale: z.enum(["zh-CN", "en"]).default("zh-CN"),
});
export type NewStaff = z.input<typeof newStaffSchema>;

/**
 * Creates a staff account without a password and a one-time link to set it. A duplicate email is
 * a conflict (the unique index decides, so two parallel runs cannot both succeed).
 */
export async function createStaff(db: Db, input: NewStaff, actorId: string | null): Promise<{ userId: string; token: string; role: StaffRole }> {
  const staff = newStaffSchema.parse(input);
  return db.transaction(async (tx) => {
    const [created] = await tx
      .insert(users)
      .values({ email: staff.email, name: staff.name, role: staff.role, locale: staff.locale, passwordHash: null })
      .onConflictDoNothing({ target: users.email })
      .returning({ id: users.id });
    if (!created) throw new AppError("conflict", `An account with the email ${staff.email} already exists.`);
    const link = await createLink(tx, { kind: "set_password", email: staff.email, userId: created.id, createdBy: actorId });
    await writeAudit(tx, { actorId, merchantId: null, action: "staff_created", subjectType: "user", subjectId: created.id, reason: staff.role });
    return { userId: created.id, token: link.token, role: staff.role };
  });
}

export async function findUserByEmail(db: Db, email: string) {
  const [row] = await db.select().from(users).where(eq(users.email, email.trim().toLowerCase()));
  return row ?? null;
}

export type StaffRow = { id: string; name: string; email: string; role: StaffRole; totpEnabled: boolean; active: boolean };

export async function listStaff(db: Db): Promise<StaffRow[]> {
  const rows = await db
    .select({ id: users.id, name: users.name, email: users.email, role: users.role, totpEnabledAt: users.totpEnabledAt, deactivatedAt: users.deactivatedAt })
    .from(users)
    .where(inArray(users.role, [...staffRoles]))
    .orderBy(asc(users.name));
  return rows.map((r) => ({ id: r.id, name: r.name, email: r.email, role: r.role as StaffRole, totpEnabled: Boolean(r.totpEnabledAt), active: !r.deactivatedAt }));
}

/** Deactivates a staff account (never one's own): it is signed out and can no longer sign in. */
export async function deactivateStaff(db: Db, actorId: string, userId: string): Promise<void> {
  if (actorId === userId) throw new AppError("forbidden", "You cannot deactivate your own account.");
  if (!z.uuid().safeParse(userId).success) throw new AppError("not_found", "No such staff member.");
  await db.transaction(async (tx) => {
    const updated = await tx.update(users).set({ deactivatedAt: new Date() }).where(and(eq(users.id, userId), inArray(users.role, [...staffRoles]), isNull(users.deactivatedAt))).returning({ id: users.id });
    if (updated.length !== 1) throw new AppError("not_found", "No such staff member.");
    await endAllSessions(tx, userId);
    await writeAudit(tx, { actorId, merchantId: null, action: "staff_deactivated", subjectType: "user", subjectId: userId });
  });
}
