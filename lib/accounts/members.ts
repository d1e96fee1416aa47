import { and, asc, eq, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { merchants, users } from "@/db/schema";
import { endAllSessions } from "@/lib/auth/session";
import { merchantRoles, type MerchantRole } from "@/lib/auth/roles";
import { writeAudit } from "@/lib/audit/write-audit";
import { AppError } from "@/lib/errors";

export type Member = { id: string; name: string; email: string; role: MerchantRole; totpEnabled: boolean; createdAt: Date };

/** The active people of a merchant, owners first. */
export async function listMembers(db: Db, merchantId: string): Promise<Member[]> {
  const rows = await db
    .select({ id: users.id, name: users.name, email: users.email, role: users.role, totpEnabledAt: users.totpEnabledAt, createdAt: users.createdAt })
    .from(users)
    .where(and(eq(users.merchantId, merchantId), isNull(users.deactivatedAt)))
    .orderBy(asc(users.createdAt));
  const order: Record<string, number> = { owner: 0, admin: 1, viewer: 2 };
  return rows
    .map((r) => ({ id: r.id, name: r.name, email: r.email, role: r.role as MerchantRole, totpEnabled: Boolean(r.totpEnabledAt), createdAt: r.createdAt }))
    .sort((a, b) => order[a.role]! - order[b.role]!);
}

export const changeRoleSchema = z.object({ userId: z.uuid(), role: z.enum(merchantRoles) });

// Locks the merchant row, so that two owners demoting or removing each other at once cannot
// leave the merchant without an owner.
async function lockMerchant(tx: Db, merchantId: string): Promise<void> {
  await tx.execute(sql`select id from ${merchants} where id = ${merchantId} for update`);
}

async function activeMember(tx: Db, merchantId: string, userId: string) {
  const [row] = await tx.select({ id: users.id, role: users.role }).from(users).where(and(eq(users.id, userId), eq(users.merchantId, merchantId), isNull(users.deactivatedAt)));
  if (!row) throw new AppError("not_found", "This person is not a member of the merchant.");
  return row;
}

async function otherOwners(tx: Db, merchantId: string, userId: string): Promise<number> {
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(users)
    .where(and(eq(users.merchantId, merchantId), eq(users.role, "owner"), isNull(users.deactivatedAt), sql`${users.id} <> ${userId}`));
  return row?.n ?? 0;
}

/** Changes a member's role; the last owner cannot be demoted. Their sessions end (new rights at once). */
export async function changeMemberRole(db: Db, actorId: string, merchantId: string, input: { userId: string; role: string }): Promise<void> {
  const { userId, role } = changeRoleSchema.parse(input);
  await db.transaction(async (tx) => {
    await lockMerchant(tx, merchantId);
    const member = await activeMember(tx, merchantId, userId);
    if (member.role === role) return;
    if (member.role === "owner" && (await otherOwners(tx, merchantId, userId)) === 0) throw new AppError("conflict", "The last owner cannot be changed.", { role: "members.lastOwner" });
    await tx.update(users).set({ role }).where(eq(users.id, userId));
    await endAllSessions(tx, userId);
    await writeAudit(tx, { actorId, merchantId, action: "role_changed", subjectType: "user", subjectId: userId, reason: `${member.role} → ${role}` });
  });
}

/** Removes a member (their account is deactivated, nothing deleted); never the last owner. */
export async function removeMember(db: Db, actorId: string, merchantId: string, userId: string): Promise<void> {
  if (!z.uuid().safeParse(userId).success) throw new AppError("not_found", "This person is not a member of the merchant.");
  await db.transaction(async (tx) => {
    await lockMerchant(tx, merchantId);
    const member = await activeMember(tx, merchantId, userId);
    if (member.role === "owner" && (await otherOwners(tx, merchantId, userId)) === 0) throw new AppError("conflict", "The last owner cannot be removed.", { userId: "members.lastOwner" });
    await tx.update(users).set({ deactivatedAt: new Date() }).where(eq(users.id, userId));
    await endAllSessions(tx, userId);
    await writeAudit(tx, { actorId, merchantId, action: "member_removed", subjectType: "user", subjectId: userId, reason: member.role });
  });
}
