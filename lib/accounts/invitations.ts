import { and, desc, eq, gt, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { accountLinks, merchants, users, type UserRole } from "@/db/schema";
import { hashPassword } from "@/lib/auth/password";
import { merchantRoles, staffRoles } from "@/lib/auth/roles";
import { writeAudit } from "@/lib/audit/write-audit";
import { AppError } from "@/lib/errors";
import { sendMail } from "@/lib/mail/send";
import { renderMail } from "@/lib/mail/templates";
import { createLink, findUsableLink, linkUrl, spendLink } from "./links";
import { emailSchema, personNameSchema } from "./staff";

export const inviteSchema = z.object({
  email: emailSchema,
  role: z.enum([...merchantRoles, ...staffRoles]),
  locale: z.enum(["zh-CN", "en"]).default("zh-CN"),
});
export type InviteInput = z.input<typeof inviteSchema>;

export type Inviter = { id: string; name: string };

export type PendingInvitation = { id: string; email: string; role: UserRole | null; createdAt: Date; expiresAt: Date; invitedBy: string | null };

/** Invitations of a merchant (or of the staff, merchantId null) that can still be accepted. */
export async function listPendingInvitations(db: Db, merchantId: string | null, now: Date = new Date()): Promise<PendingInvitation[]> {
  return db
    .select({ id: accountLinks.id, email: accountLinks.email, role: accountLinks.role, createdAt: accountLinks.createdAt, expiresAt: accountLinks.expiresAt, invitedBy: users.name })
    .from(accountLinks)
    .leftJoin(users, eq(users.id, accountLinks.createdBy))
    .where(and(eq(accountLinks.kind, "invitation"), merchantId ? eq(accountLinks.merchantId, merchantId) : isNull(accountLinks.merchantId), isNull(accountLinks.usedAt), isNull(accountLinks.revokedAt), gt(accountLinks.expiresAt, now)))
    .orderBy(desc(accountLinks.createdAt));
}

async function mailInvitation(db: Db, baseUrl: string, token: string, email: string, locale: string, merchantId: string | null, inviter: Inviter) {
  const [merchant] = merchantId ? await db.select({ name: merchants.name }).from(merchants).where(eq(merchants.id, merchantId)) : [];
  const place = merchant?.name ?? (locale === "en" ? "the platform team" : "平台团队");
  await sendMail(renderMail("invitation", locale, email, { values: { inviter: inviter.name, place }, link: linkUrl(baseUrl, "invitation", token) }));
}

/**
 * Invites a person to a merchant (merchantId) or to the staff (null). An earlier pending
 * invitation of the same email there is revoked, so only the newest link works. An email that
 * already has an active account is refused.
 */
export async function invite(db: Db, inviter: Inviter, merchantId: string | null, input: InviteInput, baseUrl: string): Promise<{ id: string }> {
  const parsed = inviteSchema.parse(input);
  const staff = (staffRoles as readonly string[]).includes(parsed.role);
  if (staff !== (merchantId === null)) throw new AppError("bad_request", "That role does not fit here.", { role: "invite.roleInvalid" });
  const [existing] = await db.select({ id: users.id, deactivatedAt: users.deactivatedAt, merchantId: users.merchantId }).from(users).where(eq(users.email, parsed.email));
  if (existing && (!existing.deactivatedAt || existing.merchantId !== merchantId)) throw new AppError("conflict", "This email already has an account.", { email: "invite.emailTaken" });
  const created = await db.transaction(async (tx) => {
    await tx
      .update(accountLinks)
      .set({ revokedAt: new Date() })
      .where(and(eq(accountLinks.kind, "invitation"), eq(accountLinks.email, parsed.email), isNull(accountLinks.usedAt), isNull(accountLinks.revokedAt)));
    const link = await createLink(tx, { kind: "invitation", email: parsed.email, merchantId, role: parsed.role, createdBy: inviter.id });
    await writeAudit(tx, { actorId: inviter.id, merchantId, action: "invitation_sent", subjectType: "invitation", subjectId: link.id, reason: parsed.role });
    return link;
  });
  await mailInvitation(db, baseUrl, created.token, parsed.email, parsed.locale, merchantId, inviter);
  return { id: created.id };
}

async function pendingInvitation(db: Db, id: string, merchantId: string | null) {
  if (!z.uuid().safeParse(id).success) throw new AppError("not_found", "This invitation is no longer open.");
  const [row] = await db
    .select()
    .from(accountLinks)
    .where(and(eq(accountLinks.id, id), eq(accountLinks.kind, "invitation"), merchantId ? eq(accountLinks.merchantId, merchantId) : isNull(accountLinks.merchantId), isNull(accountLinks.usedAt), isNull(accountLinks.revokedAt)));
  if (!row) throw new AppError("not_found", "This invitation is no longer open.");
  return row;
}

/** A new link (72 hours from now) for an open invitation; the old link stops working. */
export async function resendInvitation(db: Db, inviter: Inviter, merchantId: string | null, id: string, baseUrl: string, locale: string): Promise<void> {
  const old = await pendingInvitation(db, id, merchantId);
  const created = await db.transaction(async (tx) => {
    const revoked = await tx.update(accountLinks).set({ revokedAt: new Date() }).where(and(eq(accountLinks.id, old.id), isNull(accountLinks.revokedAt), isNull(accountLinks.usedAt))).returning({ id: accountLinks.id });
    if (revoked.length !== 1) throw new AppError("not_found", "This invitation is no longer open.");
    const link = await createLink(tx, { kind: "invitation", email: old.email, merchantId, role: old.role, createdBy: inviter.id });
    await writeAudit(tx, { actorId: inviter.id, merchantId, action: "invitation_resent", subjectType: "invitation", subjectId: link.id, reason: old.id });
    return link;
  });
  await mailInvitation(db, baseUrl, created.token, old.email, locale, merchantId, inviter);
}

export async function revokeInvitation(db: Db, actorId: string, merchantId: string | null, id: string): Promise<void> {
  await pendingInvitation(db, id, merchantId);
  await db.transaction(async (tx) => {
    await tx.update(accountLinks).set({ revokedAt: new Date() }).where(eq(accountLinks.id, id));
    await writeAudit(tx, { actorId, merchantId, action: "invitation_revoked", subjectType: "invitation", subjectId: id });
  });
}

/** What the invitation page shows before the invitee accepts. */
export async function describeInvitation(db: Db, token: string): Promise<{ email: string; role: UserRole; merchantName: string | null } | null> {
  const link = await findUsableLink(db, token, ["invitation"]);
  if (!link?.role) return null;
  const [merchant] = link.merchantId ? await db.select({ name: merchants.name }).from(merchants).where(eq(merchants.id, link.merchantId)) : [];
  return { email: link.email, role: link.role, merchantName: merchant?.name ?? null };
}

export const acceptSchema = z.object({ name: personNameSchema, locale: z.enum(["zh-CN", "en"]).default("zh-CN") });

/**
 * Accepts an invitation: creates the account (or brings back a removed one of the same merchant)
 * with the invited role and the chosen name and password. The link works once.
 */
export async function acceptInvitation(db: Db, token: string, input: { name: string; password: string; locale?: string }): Promise<{ email: string }> {
  const { name, locale } = acceptSchema.parse(input);
  const link = await findUsableLink(db, token, ["invitation"]);
  if (!link?.role) throw new AppError("not_found", "This invitation has expired, was revoked or was already used.");
  const hash = await hashPassword(input.password);
  await db.transaction(async (tx) => {
    if (!(await spendLink(tx, link.id))) throw new AppError("not_found", "This invitation has expired, was revoked or was already used.");
    const [merchant] = link.merchantId ? await tx.select({ deactivatedAt: merchants.deactivatedAt }).from(merchants).where(eq(merchants.id, link.merchantId)) : [];
    if (merchant?.deactivatedAt) throw new AppError("not_found", "This merchant is no longer active.");
    const [existing] = await tx.select({ id: users.id, deactivatedAt: users.deactivatedAt, merchantId: users.merchantId }).from(users).where(eq(users.email, link.email));
    let userId: string;
    if (existing) {
      if (!existing.deactivatedAt || existing.merchantId !== link.merchantId) throw new AppError("conflict", "This email already has an account.");
      await tx
        .update(users)
        .set({ name, passwordHash: hash, role: link.role!, locale, deactivatedAt: null, totpSecretSealed: null, totpEnabledAt: null, totpLastStep: null, sessionVersion: sql`${users.sessionVersion} + 1` })
        .where(eq(users.id, existing.id));
      userId = existing.id;
    } else {
      const [created] = await tx.insert(users).values({ email: link.email, name, passwordHash: hash, role: link.role!, merchantId: link.merchantId, locale }).returning({ id: users.id });
      userId = created!.id;
    }
    await writeAudit(tx, { actorId: userId, merchantId: link.merchantId, action: "invitation_accepted", subjectType: "invitation", subjectId: link.id, reason: link.role });
  });
  return { email: link.email };
}
